"""The moderation queue is scoped to the coordinator's territory, and authors are told why a text is held."""

import pytest
from django.urls import reverse

from orientation.ambassadors import services as ambassador_services
from orientation.internships import services as internship_services
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from tests.ambassadors.factories import AmbassadorFactory
from tests.internships.factories import OfferFactory
from tests.organisations.factories import MembershipFactory, coordinator_of, member_of
from tests.territory.factories import DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db

ADVERTISING = "Venez au garage, envoyez votre CV à jo@garage.fr"


def _held_bio():
    ambassador = AmbassadorFactory()
    ambassador_services.ambassador_bio_update(ambassador=ambassador, actor=ambassador.user, bio=ADVERTISING)
    return ambassador, ModerationItem.objects.get(object_id=ambassador.pk)


def test_a_coordinator_of_another_departement_gets_404_on_the_item_page_and_its_decision(client):
    _, item = _held_bio()
    client.force_login(coordinator_of(DepartmentFactory(pas_de_calais=True)))
    assert item.pk not in [i.pk for i in client.get(reverse("moderation:queue")).context["items"]]
    assert client.get(reverse("moderation:item", args=[item.pk])).status_code == 404
    response = client.post(reverse("moderation:item", args=[item.pk]), {"decision": "approve", "note": ""})
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == ModerationStatus.PENDING


def test_the_coordinator_of_the_territory_and_the_region_decide(client):
    ambassador, item = _held_bio()
    client.force_login(coordinator_of(ambassador.commune.department))
    assert client.get(reverse("moderation:item", args=[item.pk])).status_code == 200
    queue = client.get(reverse("moderation:queue"))
    assert [i.pk for i in queue.context["items"]] == [item.pk]
    client.post(reverse("moderation:item", args=[item.pk]), {"decision": "reject", "note": "Pas de contact direct."})
    item.refresh_from_db()
    assert item.status == ModerationStatus.REJECTED
    _, second = _held_bio()
    region_coordinator = MembershipFactory(coordinator=True, region=RegionFactory()).user
    client.force_login(region_coordinator)
    assert client.get(reverse("moderation:item", args=[second.pk])).status_code == 200


def test_the_ambassador_sees_which_part_was_held_and_why_on_their_profile(client):
    ambassador, item = _held_bio()
    client.force_login(ambassador.user)
    page = client.get(reverse("ambassadors:profile")).content.decode()
    assert "La présentation de votre profil d&#x27;ambassadeur" in page
    assert "adresse e-mail" in page
    client.force_login(coordinator_of(ambassador.commune.department))
    client.post(reverse("moderation:item", args=[item.pk]), {"decision": "reject", "note": "Retirez votre adresse."})
    client.force_login(ambassador.user)
    page = client.get(reverse("ambassadors:profile")).content.decode()
    assert "Retirez votre adresse." in page


def test_a_company_is_told_about_its_offer_in_words_that_fit(client):
    offer = OfferFactory(draft=True, description="Stage chez nous ! -20 % sur les croissants avec le code promo STAGE.")
    member = member_of(offer.company)
    internship_services.offer_publish(actor=member, offer=offer)
    client.force_login(member)
    page = client.get(reverse("internships:offer_detail", args=[offer.pk])).content.decode()
    assert "Votre offre de stage" in page
    assert "code promo" in page
    assert "intervention" not in page.lower()
