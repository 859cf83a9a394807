"""Factories for the events tests (users, memberships and classes included, kept local to this app)."""

from datetime import timedelta

import factory
from django.utils import timezone

from orientation.accounts.models import User
from orientation.events.enums import EventKind, EventStatus
from orientation.events.models import ClassRegistration, Event, EventLevel, Session
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from tests.schooling.factories import SchoolClassFactory, SchoolYearFactory  # noqa: F401 (re-exported)
from tests.territory.factories import CommuneFactory, EstablishmentFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password("motdepasse-solide")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.HEAD
    establishment = factory.SubFactory(EstablishmentFactory)

    class Params:
        coordinator = factory.Trait(
            role=Role.COORDINATOR,
            establishment=None,
            department=factory.LazyFunction(lambda: CommuneFactory().department),
        )
        administrator = factory.Trait(role=Role.ADMINISTRATOR, establishment=None)
        teacher = factory.Trait(role=Role.FORM_TEACHER)
        pupil = factory.Trait(role=Role.PUPIL)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = EventKind.FORUM
    title = factory.Sequence(lambda n: f"Forum des métiers {n}")
    description = "Rencontrer des professionnels et découvrir des formations près de chez soi."
    organiser = factory.LazyFunction(lambda: MembershipFactory(coordinator=True).user)
    organiser_name = "Région Hauts-de-France"
    status = EventStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=EventStatus.DRAFT)
        bus = factory.Trait(kind=EventKind.BUS_TOUR, title=factory.Sequence(lambda n: f"Bus de l'orientation {n}"))

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create and extracted:
            EventLevel.objects.bulk_create([EventLevel(event=self, level=lv) for lv in extracted])


def _in_days(days: int, hour: int):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    commune = factory.SubFactory(CommuneFactory, lille=True)
    place_name = "Grand Palais"
    address = "1 boulevard des Cités Unies"
    starts_at = factory.LazyFunction(lambda: _in_days(10, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    capacity = 100

    class Params:
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: _in_days(-3, 9)),
        )


class ClassRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassRegistration

    session = factory.SubFactory(SessionFactory)
    school_class = factory.SubFactory(SchoolClassFactory)
    seats = factory.LazyAttribute(lambda o: o.school_class.size)
    registered_by = factory.SubFactory(UserFactory)
