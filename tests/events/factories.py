"""Events, sessions and class registrations (people, places and classes come from their own apps' factories)."""

from datetime import timedelta

import factory
from django.utils import timezone

from orientation.events.enums import EventKind, EventStatus
from orientation.events.models import ClassRegistration, Event, EventLevel, Session
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import CommuneFactory


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
