from datetime import date
from decimal import Decimal

import pytest

from orientation.core.errors import DomainError
from orientation.schooling.enums import ActivityKind
from orientation.schooling.models import ActivityRecord
from orientation.schooling.services import activity_record
from tests.events.factories import SchoolClassFactory

pytestmark = pytest.mark.django_db


def _record(school_class, hours, source_id=1):
    return activity_record(
        school_class=school_class,
        kind=ActivityKind.EVENT,
        title="Forum des métiers",
        occurred_on=date(2026, 11, 5),
        hours=hours,
        source="events.ClassRegistration",
        source_id=source_id,
    )


@pytest.mark.parametrize("hours", [Decimal(0), Decimal(-2), Decimal(201)])
def test_bad_hours_are_a_domain_error_and_nothing_is_written(hours):
    school_class = SchoolClassFactory()
    with pytest.raises(DomainError, match="entre 0 et 200 heures"):
        _record(school_class, hours)
    assert not ActivityRecord.objects.exists()


def test_the_same_source_credits_a_class_once():
    school_class = SchoolClassFactory()
    first = _record(school_class, Decimal(3))
    again = _record(school_class, Decimal(3))
    assert again.pk == first.pk
    assert ActivityRecord.objects.count() == 1
