"""The API fails closed: only the operations listed here are public; every other one answers 401."""

import pytest

from orientation.api.urls import api

PUBLIC_OPERATIONS = {
    ("GET", "/api/v1/territory/stats"),
    ("GET", "/api/v1/establishments"),
    ("GET", "/api/v1/establishments/{uai}"),
    ("GET", "/api/v1/jobs/{rome_code}"),
    ("GET", "/api/v1/trainings/{training_id}"),
    ("GET", "/api/v1/search"),
    ("GET", "/api/v1/interventions/formats"),
    ("GET", "/api/v1/events"),
    ("GET", "/api/v1/events/{event_id}"),
}


def _operations():
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, operation in operations.items():
            yield method.upper(), path, operation


def test_public_surface_is_exactly_the_reference_data_and_agenda():
    public = {(method, path) for method, path, operation in _operations() if not operation.get("security")}
    assert public == PUBLIC_OPERATIONS


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    sorted((m, p) for m, p, op in _operations() if op.get("security")),
)
def test_private_operations_answer_401_json_to_anonymous_visitors(client, method, path):
    url = path.replace("{", "").replace("}", "")  # any id: authentication is checked first
    url = "/".join("1" if part.endswith("_id") else part for part in url.split("/"))
    response = client.generic(method, url)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentification requise."}
