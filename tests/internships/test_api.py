import pytest

from tests.internships.conftest import submit
from tests.internships.factories import OfferFactory
from tests.schooling.factories import pupil_in
from tests.territory.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db


def test_offer_search_needs_a_session(client, flow):
    response = client.get("/api/v1/internships/offers")
    assert response.status_code == 401
    assert response.json()["detail"]


def test_offer_search_around_home_commune(client, flow):
    OfferFactory(title="Deuxième", with_reserved=True)
    client.force_login(flow["pupil"])
    data = client.get("/api/v1/internships/offers", {"radius_km": 10}).json()
    assert [o["title"] for o in data] == ["Deuxième", "Découvrir la boulangerie"]
    assert data[0]["reserved_for_you"] == 1
    assert data[0]["distance_km"] < 10


def test_offer_search_bad_input_is_4xx_json(client, flow):
    client.force_login(flow["pupil"])
    assert client.get("/api/v1/internships/offers", {"commune": "Atlantide"}).status_code == 400
    response = client.get("/api/v1/internships/offers", {"radius_km": "loin"})
    assert response.status_code == 422
    assert response.json()["detail"]
    assert client.get("/api/v1/internships/offers", {"kind": "VACANCES"}).status_code == 422


def test_application_status_is_scoped(client, flow):
    application = submit(flow)
    client.force_login(flow["pupil"])
    data = client.get(f"/api/v1/internships/applications/{application.pk}").json()
    assert data["status"] == "SUBMITTED"
    assert data["history"][0]["action"] == "submit"
    client.force_login(pupil_in(EstablishmentFactory(arras=True)))
    response = client.get(f"/api/v1/internships/applications/{application.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}
