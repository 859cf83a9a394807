"""Demo accounts, one per role, on the loaded territory; then each app's own demo data.

Idempotent: accounts, memberships, classes and the school year are found or created, and the
demo password is set again on every run (so the printed password always works).
"""

from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from orientation.accounts.models import User
from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from orientation.organisations.services import membership_create
from orientation.schooling.enums import Level
from orientation.schooling.models import Enrolment, SchoolClass, SchoolYear
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, UrbanClass
from orientation.territory.models import Academy, Commune, Department, Establishment, Region

# Satisfies the password validators (length, not common, not only digits, unlike the emails).
DEMO_PASSWORD = "Decouvrir-2026-metiers"
EMAIL_DOMAIN = "demo.orientation.example"
SCHOOL_YEAR = ("2026-2027", date(2026, 9, 1), date(2027, 7, 3))
PUPIL_UAI = "0593667R"  # Collège Rosa Parks, Roubaix (REP+)
RURAL_UAI = "0020043L"  # Collège Jules Ferry, Rozoy-sur-Serre
COORDINATED_DEPARTMENT = "62"
COORDINATED_ACADEMY = "Lille"
BAKERY_COMMUNE = "62041"  # Arras

# Apps that may add their own demo data, in dependency order (each ``orientation.<app>.demo``).
DEMO_APPS = ["catalog", "search", "ambassadors", "interventions", "events", "internships"]


@dataclass
class DemoAccount:
    email: str
    role: str
    where: str


def _establishment(uai: str, *fallback_filters, exclude: Establishment | None = None) -> Establishment:
    """The named establishment when the real one is loaded, else a look-alike picked by kind."""
    found = Establishment.objects.select_related("commune").filter(uai=uai).first()
    if found:
        return found
    colleges = Establishment.objects.select_related("commune").filter(kind=EstablishmentKind.COLLEGE)
    if exclude is not None:
        colleges = colleges.exclude(pk=exclude.pk)
    for condition in fallback_filters:
        candidate = colleges.filter(**condition).order_by("uai").first()
        if candidate:
            return candidate
    candidate = colleges.order_by("uai").first()
    if candidate is None:
        raise CommandError(
            "Aucun collège dans le territoire chargé. Lancez d'abord : python manage.py load_platform_data"
        )
    return candidate


def _first_of_kinds(*kinds: str) -> Establishment:
    """The first establishment of the first kind present (kinds in order of preference)."""
    for kind in kinds:
        found = Establishment.objects.select_related("commune").filter(kind=kind).order_by("uai").first()
        if found:
            return found
    raise CommandError("Territoire incomplet. Lancez d'abord : python manage.py load_platform_data")


def _school_year() -> SchoolYear:
    label, starts_on, ends_on = SCHOOL_YEAR
    year = SchoolYear.objects.filter(label=label).first()
    if year is None:
        year = SchoolYear(label=label, starts_on=starts_on, ends_on=ends_on)
    if not year.is_current:
        SchoolYear.objects.filter(is_current=True).exclude(pk=year.pk).update(is_current=False)
        year.is_current = True
    year.full_clean()
    year.save()
    return year


def _user(local_part: str, first_name: str, last_name: str, **extra) -> User:
    email = f"{local_part}@{EMAIL_DOMAIN}"
    user = User.objects.filter(email__iexact=email).first() or User(email=email)
    user.first_name, user.last_name = first_name, last_name
    for field, value in extra.items():
        setattr(user, field, value)
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.full_clean()
    user.save()
    return user


def _class(establishment: Establishment, year: SchoolYear, name: str, size: int) -> SchoolClass:
    school_class = SchoolClass.objects.filter(establishment=establishment, school_year=year, name=name).first()
    if school_class is None:
        school_class = SchoolClass(
            establishment=establishment, school_year=year, name=name, level=Level.TROISIEME, size=size
        )
        school_class.full_clean()
        school_class.save()
    return school_class


@transaction.atomic
def build_accounts() -> list[DemoAccount]:
    year = _school_year()
    rosa_parks = _establishment(
        PUPIL_UAI,
        {"priority_network": PriorityNetwork.REP_PLUS, "commune__department__code": "59"},
        {"priority_network": PriorityNetwork.REP_PLUS},
    )
    jules_ferry = _establishment(
        RURAL_UAI,
        {"commune__urban_class": UrbanClass.RURAL, "commune__department__code": "02"},
        {"commune__urban_class": UrbanClass.RURAL},
        {"commune__department__code": "02"},
        exclude=rosa_parks,
    )
    region = Region.objects.filter(code=settings.ORIENTATION_REGION_CODE).first() or Region.objects.first()
    department = Department.objects.filter(code=COORDINATED_DEPARTMENT).first() or Department.objects.first()
    academy = (
        Academy.objects.filter(name__iexact=COORDINATED_ACADEMY).first()
        or (department.academy if department else None)
        or Academy.objects.first()
    )
    if not (region and department and academy):
        raise CommandError("Territoire incomplet. Lancez d'abord : python manage.py load_platform_data")

    accounts: list[DemoAccount] = []

    def add(user: User, membership: Membership, where: str) -> None:
        accounts.append(DemoAccount(user.email, membership.get_role_display(), where))

    pupil = _user("eleve", "Inès", "Benali", birth_year=year.starts_on.year - 14)
    pupil_class = _class(rosa_parks, year, "3e A", 26)
    Enrolment.objects.get_or_create(pupil=pupil, school_class=pupil_class)
    pupil_membership = membership_create(user=pupil, role=Role.PUPIL, establishment=rosa_parks)
    add(pupil, pupil_membership, f"{rosa_parks.name}, {rosa_parks.commune.name} ({rosa_parks.uai}), classe 3e A")

    parent = _user("parent", "Samira", "Benali")
    add(parent, membership_create(user=parent, role=Role.PARENT, child=pupil_membership), "Parent de l'élève")

    _class(jules_ferry, year, "3e A", 22)
    where_jf = f"{jules_ferry.name}, {jules_ferry.commune.name} ({jules_ferry.uai})"
    head = _user("chef.etablissement", "Marc", "Lefebvre")
    add(head, membership_create(user=head, role=Role.HEAD, establishment=jules_ferry), where_jf)
    teacher = _user("professeur.principal", "Claire", "Dubois")
    add(
        teacher,
        membership_create(user=teacher, role=Role.FORM_TEACHER, establishment=jules_ferry),
        f"{where_jf}, classe 3e A",
    )
    psy = _user("psy.en", "Nadia", "Haddad")
    add(
        psy,
        membership_create(user=psy, role=Role.GUIDANCE_PSYCHOLOGIST, establishment=rosa_parks),
        f"{rosa_parks.name}, {rosa_parks.commune.name} ({rosa_parks.uai})",
    )

    librarian = _user("documentaliste", "Luc", "Moreau")
    add(
        librarian,
        membership_create(user=librarian, role=Role.OTHER_STAFF, establishment=rosa_parks),
        f"{rosa_parks.name}, {rosa_parks.commune.name} ({rosa_parks.uai}), professeur documentaliste",
    )
    # Apprentices learn in a CFA (or in a vocational lycée's apprenticeship section); students in a
    # higher-education establishment (or a lycée's BTS classes): the demo territory has only lycées.
    apprentice_centre = _first_of_kinds(EstablishmentKind.CFA, EstablishmentKind.LYCEE_PRO)
    apprentice = _user("apprenti", "Yanis", "Martin", birth_year=year.starts_on.year - 17)
    add(
        apprentice,
        membership_create(user=apprentice, role=Role.APPRENTICE, establishment=apprentice_centre),
        f"{apprentice_centre.name}, {apprentice_centre.commune.name} ({apprentice_centre.uai}), CAP cuisine",
    )
    campus = _first_of_kinds(
        EstablishmentKind.HIGHER_EDUCATION, EstablishmentKind.LYCEE_GT, EstablishmentKind.LYCEE_POLY
    )
    student = _user("etudiante", "Léa", "Petit", birth_year=year.starts_on.year - 19)
    add(
        student,
        membership_create(user=student, role=Role.STUDENT, establishment=campus),
        f"{campus.name}, {campus.commune.name} ({campus.uai})",
    )

    ambassador = _user("ambassadrice", "Sophie", "Leroy")
    add(ambassador, membership_create(user=ambassador, role=Role.AMBASSADOR), "Réseau des ambassadeurs métiers")

    arras = Commune.objects.filter(insee_code=BAKERY_COMMUNE).first()
    bakery = Company.objects.filter(name="Boulangerie du Beffroi").first() or Company(name="Boulangerie du Beffroi")
    bakery.commune = arras
    bakery.full_clean()
    bakery.save()
    baker = _user("entreprise", "Julien", "Caron")
    add(
        baker,
        membership_create(user=baker, role=Role.COMPANY_MEMBER, company=bakery),
        f"{bakery.name}, {arras.name if arras else 'Arras'}",
    )

    for local, first, last, target in (
        ("coordination.departement", "Hélène", "Dupont", {"department": department}),
        ("coordination.academie", "Karim", "Mansouri", {"academy": academy}),
        ("coordination.region", "Anne", "Vasseur", {"region": region}),
    ):
        coordinator = _user(local, first, last)
        membership = membership_create(user=coordinator, role=Role.COORDINATOR, **target)
        add(coordinator, membership, str(membership.target))

    admin = _user("administration", "Paul", "Girard", is_staff=True, is_superuser=True)
    add(admin, membership_create(user=admin, role=Role.ADMINISTRATOR), "Toute la plateforme (et /admin/)")
    return accounts


def _app_builders():
    for app in DEMO_APPS:
        module_name = f"orientation.{app}.demo"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and (module_name == exc.name or module_name.startswith(f"{exc.name}.")):
                continue  # this app has no demo data (yet)
            raise
        yield app, module.build


class Command(BaseCommand):
    help = "Crée les comptes de démonstration (un par rôle) puis les données de démonstration de chaque module."

    def handle(self, *args, **options) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Les comptes de démonstration ont un mot de passe connu : interdits en production.")
        accounts = build_accounts()
        # The demo workflows send notifications; keep them in memory instead of printing them
        # between the progress lines and the login table.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for app, build in _app_builders():
                self.stdout.write(f"Données de démonstration : {app}…")
                build(stdout=self.stdout)
        self._print_table(accounts)

    def _print_table(self, accounts: list[DemoAccount]) -> None:
        rows = [
            ("Adresse électronique", "Mot de passe", "Rôle", "Où"),
            *((a.email, DEMO_PASSWORD, a.role, a.where) for a in accounts),
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING(
                "COMPTES DE DÉMONSTRATION — mot de passe connu de tous, à ne jamais utiliser pour de vraies personnes :"
            )
        )
        for index, row in enumerate(rows):
            self.stdout.write("  ".join(value.ljust(widths[i]) if i < 3 else value for i, value in enumerate(row)))
            if index == 0:
                self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 20)
        self.stdout.write(f"Connexion : http://127.0.0.1:8000/compte/connexion/ (mot de passe : {DEMO_PASSWORD})")
