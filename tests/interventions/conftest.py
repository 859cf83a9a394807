from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from orientation.interventions.models import InterventionFormat
from orientation.organisations.enums import Role
from orientation.territory.calendar import SchoolCalendar
from tests.ambassadors.factories import (
    AmbassadorFactory,
    CharterVersionFactory,
    EstablishmentFactory,
    SchoolClassFactory,
    TrainingModuleFactory,
    coordinator,
    staff,
)

PARIS = ZoneInfo("Europe/Paris")


def next_monday(hour=9, weeks=1):
    """A Monday ``weeks`` weeks ahead on which schools are open (later if that one is closed), so that
    no test depends on today's date falling in term time."""
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7) + timedelta(weeks=weeks - 1)
    while not SchoolCalendar("B").is_open(monday):
        monday += timedelta(weeks=1)
    return datetime.combine(monday, time(hour), tzinfo=PARIS)


@pytest.fixture
def world(db):
    """A REP+ collège in Roubaix with a 3e class, its head and form teacher, a coordinator of the
    Nord, a class-talk format and a ready (proposable) ambassador living in Lille."""
    CharterVersionFactory(number=1)
    TrainingModuleFactory()
    school = EstablishmentFactory(rep_plus=True, name="Collège Albert Samain")
    school_class = SchoolClassFactory(establishment=school, name="3eB", level="3E", size=24)
    head = staff(school, Role.HEAD)
    teacher = staff(school, Role.FORM_TEACHER)
    coord = coordinator(school.commune.department)
    fmt = InterventionFormat.objects.create(
        code="temoignage",
        name="Témoignage en classe",
        kind="CLASS_TALK",
        description="Un professionnel raconte son métier.",
        duration_minutes=120,
        target_levels=["4E", "3E"],
        axis="1",
        objective="1.1",
    )
    ambassador = AmbassadorFactory(ready=True, rome_codes=["D1102"])

    class World:
        pass

    w = World()
    w.school, w.school_class, w.head, w.teacher, w.coordinator = school, school_class, head, teacher, coord
    w.format, w.ambassador = fmt, ambassador
    w.start = next_monday(9)
    w.windows = [(w.start, w.start + timedelta(hours=3))]
    return w
