from decimal import Decimal

import pytest

from orientation.organisations.enums import Role
from orientation.schooling.enums import Level
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import ActivityRecordFactory, SchoolClassFactory, SchoolYearFactory
from tests.territory.factories import DepartmentFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    SchoolYearFactory()
    school = EstablishmentFactory(uai="0590099Z")
    third = SchoolClassFactory(establishment=school, name="3e A", level=Level.TROISIEME, size=26)
    ActivityRecordFactory(school_class=third, hours=Decimal("4.5"))
    SchoolClassFactory(establishment=school, name="6e A", level=Level.SIXIEME, size=24)
    return school


def test_classes_of_an_establishment_for_its_staff(client, school):
    client.force_login(MembershipFactory(role=Role.FORM_TEACHER, establishment=school).user)
    response = client.get("/api/v1/classes", {"establishment": school.uai, "school_year": "2026-2027"})
    assert response.status_code == 200
    assert response.json()["results"] == [
        {
            "name": "3e A",
            "level": "3E",
            "level_label": "3e",
            "pupils": 26,
            "required_hours": 36.0,
            "delivered_hours": 4.5,
            "planned_hours": 0.0,
        },
        {
            "name": "6e A",
            "level": "6E",
            "level_label": "6e",
            "pupils": 24,
            "required_hours": None,
            "delivered_hours": 0.0,
            "planned_hours": 0.0,
        },
    ]


def test_classes_errors_are_french_json(client, school):
    client.force_login(MembershipFactory(role=Role.HEAD, establishment=school).user)
    bad_year = client.get("/api/v1/classes", {"establishment": school.uai, "school_year": "2026"})
    assert bad_year.status_code == 400
    assert "Année scolaire invalide" in bad_year.json()["detail"]
    assert client.get("/api/v1/classes", {"establishment": school.uai, "school_year": "2019-2020"}).status_code == 404
    assert client.get("/api/v1/classes").status_code == 422
    client.force_login(MembershipFactory(role=Role.HEAD).user)
    outside = client.get("/api/v1/classes", {"establishment": school.uai})
    assert outside.status_code == 404
    assert outside.json() == {"detail": "Ressource introuvable."}


def test_summary_for_a_department_coordinator(client, school):
    client.force_login(MembershipFactory(coordinator=True, department=school.commune.department).user)
    code = school.commune.department.code
    response = client.get("/api/v1/classes/hours/summary", {"department": code, "school_year": "2026-2027"})
    assert response.status_code == 200
    body = response.json()
    third = next(row for row in body["levels"] if row["level"] == "3E")
    assert (third["classes"], third["pupils"], third["hours_per_pupil"]) == (1, 26, 4.5)
    assert next(row for row in body["levels"] if row["level"] == "6E")["classes_on_track"] is None
    assert [g["group"] for g in body["priority_network"]] == ["NONE"]
    assert (
        client.get("/api/v1/classes/hours/summary", {"department": DepartmentFactory(somme=True).code}).status_code
        == 404
    )
    assert client.get("/api/v1/classes/hours/summary", {"department": code, "academy": "09"}).status_code == 400


def test_schema_documents_both_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"400", "404", "422"} <= set(paths["/api/v1/classes/hours/summary"]["get"]["responses"])
    assert "/api/v1/classes" in paths
