"""Demo events: the regional forum in Lille, the orientation bus through the Aisne (stopping at
Collège Jules Ferry, Rozoy-sur-Serre) and the Pas-de-Calais orientation week.

Runs after the demo accounts (``demo_data``); idempotent: an event whose title exists is left as is.
Every write goes through the services, so the demo also exercises the rules.
"""

from datetime import date, datetime, time, timedelta
from itertools import islice

from django.db import transaction
from django.utils import timezone

from orientation.accounts.models import User
from orientation.events import services
from orientation.events.enums import EventKind, EventStatus, StandKind
from orientation.events.models import Event
from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from orientation.organisations.services import membership_create
from orientation.schooling.enums import Level
from orientation.schooling.models import SchoolClass, SchoolYear
from orientation.territory.calendar import calendar_for
from orientation.territory.enums import EstablishmentKind
from orientation.territory.models import Commune, Establishment

EMAIL_DOMAIN = "demo.orientation.example"
FORUM_TITLE = "Forum régional des métiers et des formations"
BUS_TITLE = "Bus de l'orientation : tournée de l'Aisne"
WEEK_TITLE = "Semaine de l'orientation du Pas-de-Calais"
LILLE, ARRAS = "59350", "62041"
JULES_FERRY, ROSA_PARKS, BEHAL = "0020043L", "0593667R", "0620110H"


def _school_days(days: int, place, count: int = 1) -> list[date]:
    """The first ``count`` days on which the schools of ``place`` are open, ``days`` from now or later."""
    start = timezone.localdate() + timedelta(days=days)
    return list(islice(calendar_for(place).open_days(start, start + timedelta(days=120)), count))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _member(role: str, **filters) -> User | None:
    membership = Membership.objects.filter(role=role, is_active=True, **filters).select_related("user").first()
    return membership.user if membership else None


def _commune(insee: str, department: str) -> Commune | None:
    return (
        Commune.objects.filter(insee_code=insee).first()
        or Commune.objects.filter(department__code=department).order_by("-population").first()
        or Commune.objects.order_by("-population").first()
    )


def _lens_head(lycee: Establishment, template: User | None) -> User:
    """Journey 6: the head of a vocational lycée in Lens and three bac pro classes."""
    email = f"chef.lycee.pro@{EMAIL_DOMAIN}"
    head = User.objects.filter(email__iexact=email).first() or User(email=email)
    head.first_name, head.last_name = "Nathalie", "Wojcik"
    if template is not None:
        # Same demo password as the other demo accounts, without repeating it here.
        head.password = template.password
    else:
        head.set_unusable_password()
    head.save()
    membership_create(user=head, role=Role.HEAD, establishment=lycee)
    return head


def _bac_pro_classes(lycee: Establishment) -> list[SchoolClass]:
    year = SchoolYear.objects.filter(is_current=True).first()
    classes = []
    for name, level, size in (
        ("2nde MELEC", Level.SECONDE_PRO, 24),
        ("1re AGORA", Level.PREMIERE_PRO, 20),
        ("Tle MCV", Level.TERMINALE_PRO, 18),
    ):
        school_class, _ = SchoolClass.objects.get_or_create(
            establishment=lycee, school_year=year, name=name, defaults={"level": level, "size": size}
        )
        classes.append(school_class)
    return classes


def _forum(organiser: User, stdout) -> None:
    lille = _commune(LILLE, "59")
    event = services.event_create(
        actor=organiser,
        kind=EventKind.FORUM,
        title=FORUM_TITLE,
        organiser_name="Région Hauts-de-France",
        description=(
            "Deux jours pour rencontrer des professionnels, des apprentis, des CFA et des branches "
            "professionnelles. Venez en classe : posez vos questions, essayez des gestes de métier."
        ),
        levels=[
            Level.TROISIEME,
            Level.SECONDE_GT,
            Level.CAP_1,
            Level.SECONDE_PRO,
            Level.PREMIERE_PRO,
            Level.TERMINALE_PRO,
        ],
    )
    sessions = []
    first, second = _school_days(45, lille, 2)
    for day, hour in ((first, 9), (first, 14), (second, 9)):
        sessions.append(
            services.session_create(
                actor=organiser,
                event=event,
                commune=lille,
                place_name="Grand Palais",
                address="1 boulevard des Cités Unies",
                starts_at=_at(day, hour),
                ends_at=_at(day, hour + 3),
                capacity=400 if hour == 9 else 120,
            )
        )
    company = Company.objects.order_by("name").first()
    if company:
        services.stand_create(
            actor=organiser,
            event=event,
            kind=StandKind.BRANCH if company.is_branch else StandKind.COMPANY,
            company=company,
            name=company.name,
            description="Les métiers de l'entreprise expliqués par celles et ceux qui les font.",
        )
    cfa = Establishment.objects.filter(kind=EstablishmentKind.CFA).order_by("uai").first()
    if cfa:
        services.stand_create(
            actor=organiser,
            event=event,
            kind=StandKind.CFA,
            establishment=cfa,
            name=cfa.name,
            description="Apprendre un métier en alternance : comment ça marche, quels diplômes.",
        )
    ambassador = _member(Role.AMBASSADOR)
    if ambassador:
        services.stand_create(
            actor=organiser,
            event=event,
            kind=StandKind.AMBASSADOR,
            ambassador=ambassador,
            name=f"{ambassador.first_name}, ambassadrice métier",
            description="Un métier raconté par une professionnelle, questions bienvenues.",
        )
    services.event_change_status(actor=organiser, event=event, to_status=EventStatus.PUBLISHED)

    lycee = (
        Establishment.objects.filter(uai=BEHAL).first()
        or Establishment.objects.filter(kind=EstablishmentKind.LYCEE_PRO, commune__name="Lens").first()
        or Establishment.objects.filter(kind=EstablishmentKind.LYCEE_PRO).order_by("uai").first()
    )
    if lycee and SchoolYear.objects.filter(is_current=True).exists():
        head = _lens_head(lycee, _member(Role.HEAD))
        for school_class in _bac_pro_classes(lycee):
            services.class_registration_create(actor=head, session=sessions[0], school_class=school_class)
        stdout.write(f"  {lycee.name} : 3 classes inscrites au forum ({head.email}).")


def _bus(organiser: User, stdout) -> None:
    event = services.event_create(
        actor=organiser,
        kind=EventKind.BUS_TOUR,
        title=BUS_TITLE,
        organiser_name="Région Hauts-de-France",
        description=(
            "Le bus de l'orientation vient jusqu'à votre collège : des métiers qui recrutent près de chez vous, "
            "des vidéos, des jeux et des professionnels pour répondre aux questions."
        ),
        levels=[Level.QUATRIEME, Level.TROISIEME],
    )
    stops = [
        Establishment.objects.filter(uai=JULES_FERRY).first()
        or Establishment.objects.filter(commune__department__code="02", kind=EstablishmentKind.COLLEGE).first(),
        Establishment.objects.filter(uai=ROSA_PARKS).first(),
    ]
    first_session = None
    for offset, establishment in enumerate(s for s in stops if s is not None):
        [day] = _school_days(20 + 7 * offset, establishment)
        stop = services.bus_stop_create(actor=organiser, event=event, establishment=establishment, day=day)
        for hour in (9, 14):
            session = services.session_create(
                actor=organiser,
                event=event,
                bus_stop=stop,
                starts_at=_at(day, hour),
                ends_at=_at(day, hour + 2),
                capacity=50,
            )
            first_session = first_session or session
    services.event_change_status(actor=organiser, event=event, to_status=EventStatus.PUBLISHED)
    # Journey 2: the form teacher registers the 3e of Collège Jules Ferry for the morning stop.
    if first_session is not None and first_session.establishment:
        teacher = _member(Role.FORM_TEACHER, establishment=first_session.establishment)
        school_class = SchoolClass.objects.filter(
            establishment=first_session.establishment, school_year__is_current=True, level=Level.TROISIEME
        ).first()
        if teacher and school_class:
            services.class_registration_create(actor=teacher, session=first_session, school_class=school_class)
            stdout.write(f"  {school_class} inscrite au bus ({first_session.establishment.commune.name}).")


def _week(organiser: User, stdout) -> None:
    event = services.event_create(
        actor=organiser,
        kind=EventKind.ORIENTATION_WEEK,
        title=WEEK_TITLE,
        organiser_name="Région Hauts-de-France et académie de Lille",
        description="Une semaine d'ateliers dans les établissements : découvrir des métiers et des formations.",
        levels=[],
    )
    arras = _commune(ARRAS, "62")
    for day in _school_days(60, arras, 5):
        services.session_create(
            actor=organiser,
            event=event,
            commune=arras,
            place_name="Maison de l'orientation",
            address="Place des Héros",
            starts_at=_at(day, 10),
            ends_at=_at(day, 12),
            capacity=90,
        )
    services.event_change_status(actor=organiser, event=event, to_status=EventStatus.PUBLISHED)


@transaction.atomic
def build(stdout) -> None:
    organiser = User.objects.filter(email__iexact=f"coordination.region@{EMAIL_DOMAIN}").first() or _member(
        Role.COORDINATOR
    )
    if organiser is None:
        stdout.write("  Aucun coordinateur : pas d'événement de démonstration.")
        return
    for title, builder in ((FORUM_TITLE, _forum), (BUS_TITLE, _bus), (WEEK_TITLE, _week)):
        if Event.objects.filter(title=title).exists():
            continue
        builder(organiser, stdout)
        stdout.write(f"  Événement créé : {title}")
