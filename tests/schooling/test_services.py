"""The ledger of orientation activities (R7, R8): every app credits classes and pupils through it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from orientation.core.errors import DomainError
from orientation.schooling import services
from orientation.schooling.enums import ActivityKind
from orientation.schooling.models import ActivityRecord, SchoolYear
from tests.accounts.factories import UserFactory
from tests.schooling.factories import ActivityRecordFactory, SchoolClassFactory, SchoolYearFactory, pupil_in
from tests.territory.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_class():
    return SchoolClassFactory(establishment=EstablishmentFactory(rosa_parks=True), name="3e B")


def credit(school_class, **overrides):
    fields = {
        "school_class": school_class,
        "kind": ActivityKind.INTERVENTION,
        "title": "Témoignage d'une soudeuse",
        "occurred_on": dt.date(2026, 11, 12),
        "hours": Decimal(2),
        "source": "interventions.Booking",
        "source_id": 41,
    }
    return services.activity_record(**(fields | overrides))


def test_recording_the_same_activity_twice_credits_it_once(school_class):
    first = credit(school_class)
    again = credit(school_class, hours=Decimal(3), title="Autre intitulé")
    assert again.pk == first.pk
    assert ActivityRecord.objects.count() == 1
    assert ActivityRecord.objects.get().hours == Decimal(2)  # the first recording stands


def test_one_source_credits_each_class_and_each_pupil_once(school_class):
    other_class = SchoolClassFactory(establishment=school_class.establishment, name="3e C")
    pupil = pupil_in(school_class.establishment)
    credit(school_class)
    credit(other_class)
    credit(school_class, pupil=pupil, kind=ActivityKind.PLACEMENT, hours=Decimal(30))
    credit(school_class, pupil=pupil, kind=ActivityKind.PLACEMENT, hours=Decimal(30))
    assert ActivityRecord.objects.filter(pupil__isnull=True).count() == 2
    assert ActivityRecord.objects.filter(pupil=pupil).count() == 1


def test_a_pupil_credit_is_not_a_class_credit(school_class):
    pupil = pupil_in(school_class.establishment)
    class_line = credit(school_class)
    pupil_line = credit(school_class, pupil=pupil)
    assert class_line.pk != pupil_line.pk
    assert class_line.pupil is None
    assert pupil_line.pupil == pupil
    assert pupil_line.school_class == school_class


def test_the_title_is_cut_to_the_column_and_the_recorder_kept(school_class):
    teacher = UserFactory()
    record = credit(school_class, title="Forum " * 60, recorded_by=teacher)
    record.refresh_from_db()
    assert len(record.title) == 255
    assert record.recorded_by == teacher


@pytest.mark.parametrize("hours", [Decimal(0), Decimal(-2), Decimal("200.5"), Decimal(201)])
def test_bad_hours_are_refused_with_a_domain_error_and_nothing_written(school_class, hours):
    with pytest.raises(DomainError, match="entre 0 et 200 heures"):
        credit(school_class, hours=hours)
    assert not ActivityRecord.objects.exists()


@pytest.mark.parametrize("hours", [Decimal(0), Decimal("200.01")])
def test_the_database_refuses_hours_out_of_range(school_class, hours):
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityRecordFactory(school_class=school_class, hours=hours)


def test_the_database_refuses_a_second_class_credit_from_one_source(school_class):
    ActivityRecordFactory(school_class=school_class, source_id=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityRecordFactory(school_class=school_class, source_id=7)
    ActivityRecordFactory(school_class=school_class, source_id=7, source="events.ClassRegistration")
    assert ActivityRecord.objects.count() == 2


def test_the_database_refuses_a_second_pupil_credit_from_one_source(school_class):
    pupil = pupil_in(school_class.establishment)
    ActivityRecordFactory(school_class=school_class, pupil=pupil, source_id=7)
    with pytest.raises(IntegrityError), transaction.atomic():
        ActivityRecordFactory(school_class=school_class, pupil=pupil, source_id=7)
    ActivityRecordFactory(school_class=school_class, source_id=7)  # the class's own credit is another line
    assert ActivityRecord.objects.count() == 2


def test_only_one_school_year_is_current_and_it_ends_after_it_starts():
    SchoolYearFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolYear.objects.create(
            label="2027-2028", starts_on=dt.date(2027, 9, 1), ends_on=dt.date(2028, 7, 4), is_current=True
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolYear.objects.create(label="2025-2026", starts_on=dt.date(2026, 7, 4), ends_on=dt.date(2025, 9, 1))


@pytest.mark.parametrize("size", [0, 61])
def test_a_class_has_between_one_and_sixty_pupils(size):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolClassFactory(size=size)


def test_a_class_name_is_unique_per_establishment_and_year(school_class):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolClassFactory(establishment=school_class.establishment, name="3e B")
    SchoolClassFactory(name="3e B")  # another establishment
