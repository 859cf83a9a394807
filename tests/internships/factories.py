"""Placement offers (companies, people, places and pupils come from their own apps' factories)."""

import datetime as dt

import factory
from django.utils import timezone

from orientation.internships.enums import OfferKind, OfferStatus
from orientation.internships.models import PlacementOffer
from tests.accounts.factories import UserFactory
from tests.organisations.factories import CompanyFactory
from tests.territory.factories import CommuneFactory


def next_monday(weeks_ahead=3):
    today = timezone.localdate()
    return today + dt.timedelta(days=(7 - today.weekday()) + 7 * (weeks_ahead - 1))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementOffer

    company = factory.SubFactory(CompanyFactory)
    kind = OfferKind.OBSERVATION_3E
    title = "Découvrir la boulangerie"
    description = "Pétrir, façonner, cuire le pain avec l'équipe."
    rome_code = "D1102"
    job_label = "Boulanger / Boulangère"
    commune = factory.SubFactory(CommuneFactory, arras=True)
    address = "12 rue Ronville"
    latitude = 50.2870
    longitude = 2.7810
    starts_on = factory.LazyFunction(next_monday)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=4))
    places = 2
    reserved_places = 0
    contact_name = "Mme Lefebvre"
    contact_phone = "03 21 00 00 00"
    status = OfferStatus.PUBLISHED
    created_by = factory.SubFactory(UserFactory)

    class Params:
        with_reserved = factory.Trait(
            reserved_places=1, reserved_until=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
        )
        draft = factory.Trait(status=OfferStatus.DRAFT)
