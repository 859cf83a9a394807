"""The schema states every status an operation can answer, and the constraints its validation enforces.

The served instance is probed by schemathesis in CI (``.ci/api_contract``); these tests pin the rules.
"""

import pytest
from django.test import Client

from orientation.api.urls import api
from tests.accounts.factories import UserFactory

SCHEMA = api.get_openapi_schema()


def _operations():
    for path, operations in SCHEMA["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


@pytest.mark.parametrize(("method", "path", "operation"), list(_operations()), ids=lambda v: str(v)[:60])
def test_every_operation_declares_the_statuses_the_api_machinery_answers(method, path, operation):
    declared = {str(code) for code in operation["responses"]}
    parameters = operation.get("parameters", [])
    if parameters or "requestBody" in operation:
        assert "422" in declared
    if any(p["in"] == "path" for p in parameters):
        assert "404" in declared
    if operation.get("security"):
        assert "401" in declared
        if method != "get":
            assert {"403", "429"} <= declared


def _parameter(path, name):
    return next(p for p in SCHEMA["paths"][path]["get"]["parameters"] if p["name"] == name)


def test_schema_states_the_constraints_validation_enforces():
    q = _parameter("/api/v1/search", "q")
    assert q["required"] is True
    assert q["schema"]["minLength"] == 1
    assert _parameter("/api/v1/jobs/{rome_code}", "rome_code")["schema"]["pattern"] == "^[A-Za-z][0-9]{4}$"
    kinds = _parameter("/api/v1/establishments", "priority_network")["schema"]["anyOf"][0]["enum"]
    assert kinds == ["", "NONE", "REP", "REP_PLUS"]
    assert "3E" in _parameter("/api/v1/events", "level")["schema"]["anyOf"][0]["enum"]
    booking_id = _parameter("/api/v1/interventions/requests/{booking_id}", "booking_id")["schema"]
    assert (booking_id["type"], booking_id["minimum"], booking_id["maximum"]) == ("integer", 0, 2**63 - 1)


@pytest.mark.django_db
def test_ids_beyond_the_database_range_are_404_json(client):
    client.force_login(UserFactory())
    response = client.get(f"/api/v1/interventions/requests/{2**64}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}


@pytest.mark.django_db
def test_a_write_is_401_when_anonymous_and_403_only_when_signed_in_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    url = "/api/v1/events/sessions/1/registrations"
    anonymous = client.post(url, {"school_class_id": 1}, content_type="application/json")
    assert anonymous.status_code == 401
    client.force_login(UserFactory())
    no_token = client.post(url, {"school_class_id": 1}, content_type="application/json")
    assert no_token.status_code == 403
    assert "CSRF" in no_token.json()["detail"]


@pytest.mark.django_db
def test_search_answers_405_not_403_to_another_method(client):
    assert Client(enforce_csrf_checks=True).post("/api/v1/search?q=boulanger").status_code == 405


@pytest.mark.django_db
def test_placement_search_takes_a_date_not_a_number_of_seconds(client):
    client.force_login(UserFactory())
    assert client.get("/api/v1/internships/offers", {"week": "0"}).status_code == 422
