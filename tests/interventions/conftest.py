from datetime import timedelta

import pytest

from orientation.organisations.enums import Role
from tests.ambassadors.factories import AmbassadorFactory, CharterVersionFactory, TrainingModuleFactory
from tests.interventions.factories import InterventionFormatFactory, next_monday
from tests.organisations.factories import coordinator_of, staff_of
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import EstablishmentFactory


@pytest.fixture
def world(db):
    """A REP+ collège in Roubaix with a 3e class, its head and form teacher, a coordinator of the
    Nord, a class-talk format and a ready (proposable) ambassador living in Lille."""
    CharterVersionFactory(number=1)
    TrainingModuleFactory()
    school = EstablishmentFactory(roubaix=True, rep_plus=True, name="Collège Albert Samain")
    school_class = SchoolClassFactory(establishment=school, name="3eB", level="3E", size=24)
    head = staff_of(school, Role.HEAD)
    teacher = staff_of(school, Role.FORM_TEACHER)
    coord = coordinator_of(school.commune.department)
    fmt = InterventionFormatFactory()
    ambassador = AmbassadorFactory(ready=True, rome_codes=["D1102"])

    class World:
        pass

    w = World()
    w.school, w.school_class, w.head, w.teacher, w.coordinator = school, school_class, head, teacher, coord
    w.format, w.ambassador = fmt, ambassador
    w.start = next_monday(9)
    w.windows = [(w.start, w.start + timedelta(hours=3))]
    return w
