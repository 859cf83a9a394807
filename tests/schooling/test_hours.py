from datetime import date
from decimal import Decimal

import pytest

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.organisations.enums import Role
from orientation.schooling import selectors, services
from orientation.schooling.enums import Level, SchoolActivityKind
from orientation.schooling.models import ActivityRecord, SchoolClass, StatutoryHours
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import ActivityRecordFactory, PupilFactory, SchoolClassFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 1, 18)  # 139 of the year's 306 days


def test_statutory_table_is_data_loaded_by_the_migration():
    assert StatutoryHours.objects.get(level=Level.TROISIEME).hours == Decimal(36)
    assert StatutoryHours.objects.get(level=Level.CAP_1).hours == Decimal(101)
    assert StatutoryHours.objects.get(level=Level.AGRICULTURAL).hours is None


def test_a_newer_version_of_the_table_applies_from_its_school_year_only():
    StatutoryHours.objects.create(from_year=2027, level=Level.QUATRIEME, hours=Decimal(18))
    table = selectors.statutory_table()
    assert selectors.required_hours(table, Level.QUATRIEME, 2026) == Decimal(12)
    assert selectors.required_hours(table, Level.QUATRIEME, 2027) == Decimal(18)


def test_class_hours_from_known_ledger_rows():
    school_class = SchoolClassFactory(level=Level.TROISIEME, size=24)
    ActivityRecordFactory(school_class=school_class, hours=Decimal("2.5"))
    ActivityRecordFactory(school_class=school_class, hours=Decimal(4))
    other = SchoolClassFactory(establishment=school_class.establishment, level=Level.SIXIEME, name="6e A")
    ActivityRecordFactory(school_class=other, hours=Decimal(7))
    services.planned_activity_create(
        actor=MembershipFactory(establishment=school_class.establishment).user,
        school_class=school_class,
        title="Visite du CIO",
        planned_on=date(2027, 3, 2),
        hours=Decimal(3),
    )
    rows = selectors.class_hours(SchoolClass.objects.filter(establishment=school_class.establishment), today=TODAY)
    third, sixth = rows
    assert third.school_class == school_class
    assert (third.required, third.delivered, third.planned, third.projection) == (
        Decimal(36),
        Decimal("6.5"),
        Decimal(3),
        Decimal("9.5"),
    )
    assert third.expected_to_date == Decimal("16.4")
    assert third.on_track is False
    assert third.missing_at_year_end == Decimal("26.5")
    assert (sixth.required, sixth.delivered, sixth.on_track) == (None, Decimal(7), None)


def test_classes_behind_come_first():
    school = SchoolClassFactory().establishment
    ahead = SchoolClassFactory(establishment=school, name="3e A", level=Level.QUATRIEME)
    behind = SchoolClassFactory(establishment=school, name="3e B", level=Level.TROISIEME)
    ActivityRecordFactory(school_class=ahead, hours=Decimal(10))
    names = [
        row.school_class.name
        for row in selectors.class_hours(SchoolClass.objects.filter(establishment=school), today=TODAY)
    ]
    assert names.index("3e B") < names.index("3e A")
    assert behind


def test_a_class_credit_follows_to_each_pupil_present_only():
    present, absent = PupilFactory(), None
    school_class = present.establishment.classes.get()
    absent = PupilFactory(school_class=school_class)
    teacher = MembershipFactory(role=Role.FORM_TEACHER, establishment=school_class.establishment).user
    activity = services.school_activity_declare(
        actor=teacher,
        school_class=school_class,
        kind=SchoolActivityKind.WORKSHOP,
        title="Atelier « mes points forts »",
        occurred_on=date(2026, 11, 3),
        hours=Decimal(2),
        absent_pupil_ids={absent.user_id},
    )
    assert ActivityRecord.objects.filter(school_class=school_class, pupil__isnull=True).count() == 1
    assert list(ActivityRecord.objects.filter(pupil__isnull=False).values_list("pupil_id", flat=True)) == [
        present.user_id
    ]
    assert list(activity.absent_pupils.all()) == [absent.user]


def test_recording_the_same_source_twice_changes_nothing():
    pupil = PupilFactory()
    school_class = pupil.establishment.classes.get()
    for _ in range(2):
        services.activity_record(
            school_class=school_class,
            kind="EVENT",
            title="Forum",
            occurred_on=date(2026, 12, 1),
            hours=Decimal(3),
            source="events.Registration",
            source_id=7,
        )
    assert ActivityRecord.objects.count() == 2


def test_a_pupil_who_left_before_the_activity_is_not_credited():
    pupil = PupilFactory()
    school_class = pupil.establishment.classes.get()
    pupil.user.enrolments.update(ends_on=date(2026, 10, 1))
    services.activity_record(
        school_class=school_class,
        kind="EVENT",
        title="Forum",
        occurred_on=date(2026, 12, 1),
        hours=Decimal(3),
        source="events.Registration",
        source_id=8,
    )
    assert not ActivityRecord.objects.filter(pupil=pupil.user).exists()


def test_staff_of_another_establishment_cannot_declare():
    school_class = SchoolClassFactory()
    outsider = MembershipFactory(role=Role.FORM_TEACHER).user
    with pytest.raises(PermissionDeniedError):
        services.school_activity_declare(
            actor=outsider,
            school_class=school_class,
            kind=SchoolActivityKind.LESSON,
            title="Séance",
            occurred_on=date(2026, 11, 3),
            hours=Decimal(1),
        )
    assert not ActivityRecord.objects.exists()


def test_an_absent_pupil_must_belong_to_the_class():
    school_class = SchoolClassFactory()
    stranger = PupilFactory()
    head = MembershipFactory(establishment=school_class.establishment).user
    with pytest.raises(DomainError) as error:
        services.school_activity_declare(
            actor=head,
            school_class=school_class,
            kind=SchoolActivityKind.LESSON,
            title="Séance",
            occurred_on=date(2026, 11, 3),
            hours=Decimal(1),
            absent_pupil_ids={stranger.user_id},
        )
    assert error.value.field == "absent_pupils"
    assert not ActivityRecord.objects.exists()
