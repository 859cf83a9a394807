import io

import pytest

from orientation.internships import demo
from orientation.internships.models import PlacementOffer
from tests.organisations.factories import CompanyFactory, member_of
from tests.territory.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def test_demo_bakery_offer_is_built_once():
    bakery = CompanyFactory(name=demo.BAKERY_NAME)
    member_of(bakery)
    demo.build(io.StringIO())
    demo.build(io.StringIO())
    offer = PlacementOffer.objects.get()
    assert (offer.places, offer.reserved_places, offer.status) == (2, 1, "PUBLISHED")
    assert (offer.reserved_until.month, offer.reserved_until.day) == (1, 15)
    assert offer.commune.name == "Arras"


def test_demo_without_bakery_says_so():
    out = io.StringIO()
    demo.build(out)
    assert "Pas de boulangerie" in out.getvalue()


def test_demo_clinic_offer_near_roubaix():
    CommuneFactory(roubaix=True)
    demo.build(io.StringIO())
    offer = PlacementOffer.objects.get(title=demo.CLINIC_OFFER_TITLE)
    assert offer.commune.name == "Roubaix"
    assert offer.status == "PUBLISHED"
    assert offer.reserved_places == 1
