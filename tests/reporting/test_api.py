"""GET /api/v1/steering/indicators: the issue's codes, scoped like the page, 4xx JSON in French."""

import pytest

from tests.reporting.conftest import YEAR, coordinator_of

URL = "/api/v1/steering/indicators"
CODES = {
    "interventions_done",
    "establishments_reached",
    "classes_reached",
    "pupils_reached",
    "hours_delivered",
    "placements_signed",
    "event_attendance",
    "ambassadors_active",
}


@pytest.mark.django_db
def test_indicators_of_a_department(world, client):
    client.force_login(coordinator_of(world.nord))
    body = client.get(URL, {"school_year": YEAR, "department": "59"}).json()
    assert body["scope"] == {"kind": "department", "code": "59", "label": "Nord (59)"}
    assert body["school_year"] == YEAR
    by_code = {i["code"]: i for i in body["indicators"]}
    assert set(by_code) >= CODES
    assert by_code["pupils_reached"]["value"] == 43
    assert by_code["pupils_reached"]["by_priority_network"] == {"REP_PLUS": 25, "REP": 0, "NONE": 18}
    assert by_code["hours_delivered"]["by_urban_class"] == {"URBAN": 5.0, "RURAL": 4.0, "UNKNOWN": 0}
    assert by_code["interventions_done"]["unit"] == ""
    period = client.get(URL, {"school_year": YEAR, "department": "59", "from": "2027-01-01", "to": "2027-06-30"}).json()
    assert {i["code"]: i["value"] for i in period["indicators"]}["hours_delivered"] == 7


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status", "detail"),
    [
        ({"department": "62"}, 404, "Ressource introuvable."),
        ({"region": "32"}, 404, "Ressource introuvable."),
        ({"school_year": "2026-2028"}, 400, "L'année scolaire s'écrit comme « 2026-2027 »."),
        ({"department": "59", "academy": "x"}, 400, "Indiquez un seul territoire"),
        ({"from": "demain"}, 422, "Paramètres invalides."),
    ],
)
def test_errors_are_json_in_french(world, client, params, status, detail):
    client.force_login(coordinator_of(world.nord))
    response = client.get(URL, params)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)


@pytest.mark.django_db
def test_anonymous_and_non_coordinators(world, client):
    assert client.get(URL).status_code == 401
    client.force_login(world.head)
    assert client.get(URL, {"department": "59"}).status_code == 404
