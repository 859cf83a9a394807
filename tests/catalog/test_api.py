"""``/api/v1/jobs/{rome_code}`` and ``/api/v1/trainings/{id}``: contract, errors as 4xx JSON, schema."""

import pytest

from orientation.catalog.models import Training

pytestmark = pytest.mark.django_db


def test_job_endpoint(client, imported, django_assert_num_queries):
    with django_assert_num_queries(10):
        response = client.get("/api/v1/jobs/D1102")
    assert response.status_code == 200
    data = response.json()
    assert data["rome_code"] == "D1102"
    assert data["definition"].startswith("Fabrique le pain")
    assert "Boulanger-pâtissier / Boulangère-pâtissière" in data["appellations"]
    assert {"rome_code": "D1104", "title": "Pâtissier / Pâtissière"} in data["related_jobs"]
    assert data["girls_share"] == 36
    family = data["recruitment"][0]
    assert (family["fap_code"], family["projects"], family["difficult_share"]) == ("S0X42", 130, 73)
    arras = next(b for b in family["basins"] if b["code"] == "3223")
    assert arras["projects"] is None  # masked, not 0
    assert data["tension"] == [{"year": 2021, "basin_code": "3216", "tension": 5}]
    assert any(t["title"] == "CAP Boulanger" for t in data["trainings"])


def test_job_endpoint_errors_are_json(client, imported):
    missing = client.get("/api/v1/jobs/Z9999")
    assert missing.status_code == 404
    assert "Z9999" in missing.json()["detail"]
    bad = client.get("/api/v1/jobs/boulanger")
    assert bad.status_code == 422
    assert "Code ROME invalide" in bad.json()["detail"]


def test_training_endpoint_with_distance(client, imported, django_assert_num_queries):
    training = Training.objects.get(code="FOR.5821")
    with django_assert_num_queries(5):
        response = client.get(f"/api/v1/trainings/{training.pk}", {"commune": "62041"})
    assert response.status_code == 200
    data = response.json()
    assert data["level"] == "niveau 4 (bac ou équivalent)"
    assert [o["uai"] for o in data["offers"]] == ["0620006V", "0590223X"]  # nearest first
    assert data["offers"][0]["distance_km"] == 0.0
    assert data["offers"][1]["distance_km"] > 50
    assert data["offers"][0]["employment_rate_6m"] == 55


def test_training_endpoint_errors_are_json(client, imported):
    assert client.get("/api/v1/trainings/999999").status_code == 404
    bad_id = client.get("/api/v1/trainings/abc")
    assert bad_id.status_code == 422
    assert "entier" in bad_id.json()["detail"]
    training = Training.objects.get(code="FOR.5821")
    bad_commune = client.get(f"/api/v1/trainings/{training.pk}", {"commune": "Atlantide"})
    assert bad_commune.status_code == 422
    assert "Commune inconnue" in bad_commune.json()["detail"]


def test_schema_documents_every_response_code(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    job = paths["/api/v1/jobs/{rome_code}"]["get"]["responses"]
    training = paths["/api/v1/trainings/{training_id}"]["get"]["responses"]
    assert {"200", "404", "422"} <= set(job)
    assert {"200", "404", "422"} <= set(training)
