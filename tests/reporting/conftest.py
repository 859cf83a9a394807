"""A hand-built territory and school year where every steering figure is known in advance.

Nord (59): A — REP+ collège in an urban commune; B — collège outside priority education in a rural
commune; C — REP collège, urban, reached by nothing. Pas-de-Calais (62): D, reached, never counted
for the Nord. School year 2026-2027.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from orientation.ambassadors.models import CounterStereotypeDeclaration
from orientation.events.models import ClassRegistration, Event, Session
from orientation.internships.models import Application, PlacementOffer
from orientation.interventions.models import Booking, Evaluation, InterventionFormat, InterventionRequest
from orientation.organisations.enums import Role
from orientation.schooling.models import ActivityRecord, Enrolment, Pupil, SchoolClass, SchoolYear
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory
from tests.organisations.factories import CompanyFactory, MembershipFactory
from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory

PARIS = ZoneInfo("Europe/Paris")
YEAR = "2026-2027"


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(hour), tzinfo=PARIS)


def coordinator_of(department=None, *, academy=None, region=None):
    return MembershipFactory(coordinator=True, department=department, academy=academy, region=region).user


def _booking(school_class, fmt, status, *, ambassador=None, day=None, requested_by):
    request = InterventionRequest.objects.create(
        establishment=school_class.establishment, school_class=school_class, format=fmt, requested_by=requested_by
    )
    return Booking.objects.create(
        request=request,
        status=status,
        ambassador=ambassador,
        starts_at=at(day) if day else None,
        ends_at=at(day, 12) if day else None,
        cancel_reason="Classe absente" if status == "CANCELLED" else "",
    )


@pytest.fixture
def world(db):
    nord = DepartmentFactory()
    pas_de_calais = DepartmentFactory(pas_de_calais=True, academy=nord.academy)
    w = SimpleNamespace(nord=nord, pas_de_calais=pas_de_calais, academy=nord.academy, region=nord.academy.region)
    SchoolYear.objects.create(label=YEAR, starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2027, 8, 31))
    year = SchoolYear.objects.get(label=YEAR)
    w.a = EstablishmentFactory(
        rep_plus=True, name="Collège Rosa Parks", commune=CommuneFactory(roubaix=True, department=nord)
    )
    w.b = EstablishmentFactory(
        name="Collège des Champs", commune=CommuneFactory(rural=True, department=nord, latitude=50.2, longitude=3.9)
    )
    w.c = EstablishmentFactory(
        rep=True, name="Collège Jean Macé", commune=CommuneFactory(department=nord, latitude=50.4, longitude=3.3)
    )
    w.d = EstablishmentFactory(
        name="Collège de Lens", commune=CommuneFactory(department=pas_de_calais, latitude=50.43, longitude=2.83)
    )
    classes = {}
    for key, establishment, level, size in [
        ("a1", w.a, "3E", 24),
        ("a2", w.a, "4E", 20),
        ("b1", w.b, "3E", 18),
        ("c1", w.c, "3E", 25),
        ("d1", w.d, "3E", 30),
    ]:
        classes[key] = SchoolClass.objects.create(
            establishment=establishment, school_year=year, name=key.upper(), level=level, size=size
        )
    w.classes = SimpleNamespace(**classes)
    w.pupil1, w.pupil2 = UserFactory(), UserFactory()
    w.head = MembershipFactory(establishment=w.a, role=Role.HEAD).user

    # The ledger: 9 class hours in the Nord this year, one pupil credit, last year's and Pas-de-Calais' rows.
    for n, (school_class, day, hours, pupil) in enumerate(
        [
            (w.classes.a1, "2026-10-05", "2", None),
            (w.classes.a1, "2027-03-10", "3", None),
            (w.classes.a2, "2026-11-02", "1", w.pupil1),
            (w.classes.b1, "2027-01-15", "4", None),
            (w.classes.d1, "2026-12-01", "5", None),
            (w.classes.a1, "2025-12-01", "1", None),
        ]
    ):
        ActivityRecord.objects.create(
            school_class=school_class,
            pupil=pupil,
            kind="OTHER",
            title=f"Activité {n}",
            occurred_on=datetime.date.fromisoformat(day),
            hours=Decimal(hours),
            source="tests",
            source_id=n,
        )

    # Interventions: two done in the Nord (one by a counter-stereotype ambassador, IDEE-labelled), one cancelled.
    talk = InterventionFormat.objects.create(
        code="temoignage",
        name="Témoignage en classe",
        kind="CLASS_TALK",
        description="…",
        duration_minutes=120,
        target_levels=["3E"],
        axis="1",
        objective="1.1",
    )
    workshop = InterventionFormat.objects.create(
        code="idee",
        name="Atelier entreprendre",
        kind="ENTREPRENEURSHIP",
        description="…",
        duration_minutes=120,
        target_levels=["3E"],
        axis="1",
        objective="1.3",
        label="IDEE",
    )
    w.welder = AmbassadorFactory(ready=True, user=UserFactory(), commune=w.a.commune, rome_codes=["H2913"])
    CounterStereotypeDeclaration.objects.create(ambassador=w.welder, kind="WOMAN_IN_MALE_JOB", explanation="Soudeuse.")
    w.baker = AmbassadorFactory(ready=True, user=UserFactory(), commune=w.b.commune)
    requester = w.head
    w.done_a = _booking(w.classes.a1, workshop, "DONE", ambassador=w.welder, day="2026-11-10", requested_by=requester)
    _booking(w.classes.a2, talk, "CANCELLED", requested_by=requester)
    w.done_b = _booking(w.classes.b1, talk, "EVALUATED", ambassador=w.baker, day="2027-02-01", requested_by=requester)
    Evaluation.objects.create(booking=w.done_b, author=requester, rating=4, met_objective=True)
    _booking(w.classes.d1, talk, "DONE", ambassador=w.baker, day="2026-12-03", requested_by=requester)

    # The roster of A1: two girls and a boy (the welder's class).
    for sex in ("F", "F", "M"):
        user = UserFactory()
        Pupil.objects.create(user=user, sex=sex, establishment=w.a)
        Enrolment.objects.create(pupil=user, school_class=w.classes.a1)

    # Events: A1 attended a PEPITE forum (24 seats); B1 registered (18 seats).
    forum = Event.objects.create(
        kind="FORUM", title="Forum", organiser=requester, organiser_name="Région", status="PUBLISHED", label="PEPITE"
    )
    session = Session.objects.create(
        event=forum, commune=w.a.commune, starts_at=at("2027-03-20"), ends_at=at("2027-03-20", 12), capacity=100
    )
    ClassRegistration.objects.create(
        session=session, school_class=w.classes.a1, seats=24, status="ATTENDED", registered_by=requester
    )
    ClassRegistration.objects.create(
        session=session, school_class=w.classes.b1, seats=18, status="REGISTERED", registered_by=requester
    )

    # Placements: pupil 1 (A) signed, pupil 2 (B) still waiting.
    offer = PlacementOffer.objects.create(
        company=CompanyFactory(),
        kind="OBSERVATION_3E",
        title="Boulangerie",
        description="…",
        job_label="Boulanger",
        commune=w.a.commune,
        address="1 rue",
        starts_on=datetime.date(2027, 1, 11),
        ends_on=datetime.date(2027, 1, 15),
        places=2,
        accepted_open=1,
        contact_name="M. Pain",
        contact_phone="0300000000",
        status="PUBLISHED",
        created_by=requester,
    )
    Application.objects.create(
        offer=offer, pupil=w.pupil1, establishment=w.a, motivation="…", is_minor=True, is_priority=True, status="SIGNED"
    )
    Application.objects.create(
        offer=offer,
        pupil=w.pupil2,
        establishment=w.b,
        motivation="…",
        is_minor=True,
        is_priority=False,
        status="SUBMITTED",
    )
    return w
