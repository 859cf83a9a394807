import pytest

from orientation.interventions import services
from tests.accounts.factories import UserFactory
from tests.organisations.factories import coordinator_of
from tests.territory.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def make_request(w):
    return services.intervention_request(
        actor=w.teacher, school_class=w.school_class, format=w.format, windows=w.windows, rome_codes=["D1102"]
    )


def test_catalogue_is_public(client, world):
    response = client.get("/api/v1/interventions/formats")
    assert response.status_code == 200
    assert response.json()[0]["code"] == "temoignage"


def test_requests_need_login_and_are_scoped(client, world):
    booking = make_request(world).booking
    assert client.get("/api/v1/interventions/requests").status_code == 401
    client.force_login(world.teacher)
    data = client.get("/api/v1/interventions/requests").json()
    assert data["count"] == 1
    assert data["results"][0]["status"] == "REQUESTED"
    detail = client.get(f"/api/v1/interventions/requests/{booking.pk}").json()
    assert detail["steps"][0]["to_status"] == "REQUESTED"
    client.force_login(coordinator_of(DepartmentFactory(somme=True)))
    assert client.get("/api/v1/interventions/requests").json()["count"] == 0
    assert client.get(f"/api/v1/interventions/requests/{booking.pk}").status_code == 404


def test_bad_filter_is_422(client, world):
    client.force_login(world.teacher)
    assert client.get("/api/v1/interventions/requests?status=NOPE").status_code == 422


def test_ambassador_proposals(client, world):
    booking = make_request(world).booking
    services.booking_approve(booking=booking, actor=world.head)
    services.booking_propose(
        booking=booking, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator
    )
    client.force_login(world.ambassador.user)
    [row] = client.get("/api/v1/interventions/my-proposals").json()
    assert row["status"] == "PROPOSED"
    client.force_login(world.teacher)
    assert client.get("/api/v1/interventions/my-proposals").json() == []


def test_ambassador_me(client, world):
    client.force_login(world.ambassador.user)
    data = client.get("/api/v1/ambassadors/me").json()
    assert data["proposable"] is True
    client.force_login(UserFactory())
    response = client.get("/api/v1/ambassadors/me")
    assert response.status_code == 404  # as the schema declares: no profile to show
    assert "profil" in response.json()["detail"]
