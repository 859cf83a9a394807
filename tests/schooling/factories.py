"""Schooling factories: school years, classes, pupils (account + membership + record + enrolment), ledger."""

from datetime import date
from decimal import Decimal

import factory

from orientation.organisations.enums import Role
from orientation.schooling.enums import ActivityKind, Level, PupilSex
from orientation.schooling.models import ActivityRecord, Enrolment, Pupil, SchoolClass, SchoolYear
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import EstablishmentFactory


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear
        django_get_or_create = ("label",)

    label = "2026-2027"
    starts_on = date(2026, 9, 1)
    ends_on = date(2027, 7, 4)
    is_current = True


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    establishment = factory.SubFactory(EstablishmentFactory)
    school_year = factory.SubFactory(SchoolYearFactory)
    name = factory.Sequence(lambda n: f"3e {n}")
    level = Level.TROISIEME
    size = 25


class PupilFactory(factory.django.DjangoModelFactory):
    """A pupil record; its user gets a PUPIL membership of the class's establishment and an enrolment."""

    class Meta:
        model = Pupil

    user = factory.SubFactory(UserFactory, birth_year=2012)
    sex = PupilSex.GIRL
    ine = factory.Sequence(lambda n: f"{n:09d}AB")
    school_class = factory.SubFactory(SchoolClassFactory)
    establishment = factory.SelfAttribute("school_class.establishment")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        school_class = kwargs.pop("school_class")
        pupil = super()._create(model_class, *args, **kwargs)
        MembershipFactory(user=pupil.user, role=Role.PUPIL, establishment=school_class.establishment)
        Enrolment.objects.create(
            pupil=pupil.user, school_class=school_class, starts_on=school_class.school_year.starts_on
        )
        return pupil


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    pupil = factory.SubFactory(UserFactory)
    school_class = factory.SubFactory(SchoolClassFactory)
    starts_on = factory.SelfAttribute("school_class.school_year.starts_on")


class ActivityRecordFactory(factory.django.DjangoModelFactory):
    """A class credit (no pupil) from an imaginary source."""

    class Meta:
        model = ActivityRecord

    school_class = factory.SubFactory(SchoolClassFactory)
    kind = ActivityKind.OTHER
    title = "Séance d'orientation"
    occurred_on = date(2026, 10, 5)
    hours = Decimal(2)
    source = "tests.Source"
    source_id = factory.Sequence(lambda n: n + 1)


def pupil_in(establishment, *, minor=True, level=Level.TROISIEME, with_class=True):
    """A pupil account of ``establishment`` (membership), enrolled in its class "<level> A" of the current year."""
    user = UserFactory(minor=True) if minor else UserFactory(adult=True)
    MembershipFactory(user=user, pupil=True, establishment=establishment)
    if with_class:
        school_class, _ = SchoolClass.objects.get_or_create(
            establishment=establishment,
            school_year=SchoolYearFactory(),
            name=f"{level} A",
            defaults={"level": level, "size": 25},
        )
        EnrolmentFactory(pupil=user, school_class=school_class)
    return user
