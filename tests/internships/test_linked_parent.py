"""A pupil whose parent is linked (guardians file or the school) is not asked for an address."""

import pytest
from django.urls import reverse

from orientation.internships import services
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from tests.internships.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(flow):
    parent = UserFactory(email="maman.benali@exemple.fr")
    Membership.objects.create(user=parent, role=Role.PARENT, child=flow["pupil"].memberships.get(role=Role.PUPIL))
    return parent


def test_the_consent_request_goes_to_the_linked_parent(flow, linked):
    application = services.application_submit(
        actor=flow["pupil"], offer=flow["offer"], motivation="J'aime le pain.", parent_email=""
    )
    assert application.consent.parent_email == "maman.benali@exemple.fr"


def test_the_application_form_does_not_ask_for_the_address(client, flow, linked):
    client.force_login(flow["pupil"])
    page = client.get(reverse("internships:offer_apply", kwargs={"pk": flow["offer"].pk})).content.decode()
    assert 'name="parent_email"' not in page
    assert "maman.benali@exemple.fr" in page
    client.post(reverse("internships:offer_apply", kwargs={"pk": flow["offer"].pk}), {"motivation": "J'aime le pain."})
    assert flow["pupil"].placement_applications.get().consent.parent_email == "maman.benali@exemple.fr"
