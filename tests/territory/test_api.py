import pytest

from tests.territory.factories import (
    CommuneFactory,
    DepartmentFactory,
    EstablishmentFactory,
    EstablishmentHeadcountFactory,
)

FIGURES = {
    "code",
    "name",
    "establishments",
    "colleges_public",
    "colleges_public_rep",
    "colleges_public_rep_plus",
    "communes",
    "population",
    "pupils",
    "by_kind",
}
INTEGER_FIELDS = FIGURES - {"code", "name", "by_kind"}


@pytest.fixture
def territory(db):
    nord = DepartmentFactory()
    aisne = DepartmentFactory(aisne=True)
    roubaix = CommuneFactory(roubaix=True)
    laon = CommuneFactory(department=aisne, name="Laon", population=24_000)
    return {
        "rep_plus": [EstablishmentFactory(commune=roubaix, rep_plus=True, name=f"Collège R{n}") for n in range(3)],
        "rep": EstablishmentFactory(commune=roubaix, rep=True),
        "lycee": EstablishmentFactory(commune=roubaix, lycee=True),
        "laon": EstablishmentFactory(commune=laon, rep_plus=True, ips="92.5", ips_school_year=2023),
        "nord": nord,
    }


def test_stats_has_the_documented_shape(client, territory, django_assert_num_queries):
    with django_assert_num_queries(4):
        response = client.get("/api/v1/territory/stats")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"region", "academies", "departments"}
    assert set(data["region"]) == FIGURES | {"is_demo"}
    assert [a["code"] for a in data["academies"]] == ["20", "09"]  # sorted by name: Amiens, Lille
    assert all(set(a) == FIGURES | {"departments"} for a in data["academies"])
    assert [d["code"] for d in data["departments"]] == ["02", "59"]
    assert all(set(d) == FIGURES | {"academy"} for d in data["departments"])
    for obj in [data["region"], *data["academies"], *data["departments"]]:
        assert all(type(obj[field]) is int for field in INTEGER_FIELDS)
    nord = data["departments"][1]
    assert (nord["colleges_public"], nord["colleges_public_rep"], nord["colleges_public_rep_plus"]) == (4, 1, 3)
    assert nord["communes"] == 1
    assert nord["population"] == 98_089
    assert data["region"]["establishments"] == 6


def test_list_filters_by_department_and_priority_network(client, territory, django_assert_num_queries):
    with django_assert_num_queries(3):  # département exists, count, page
        response = client.get("/api/v1/establishments?department=59&priority_network=REP_PLUS&page=1")
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["page"], data["pages"]) == (3, 1, 1)
    assert {r["name"] for r in data["results"]} == {"Collège R0", "Collège R1", "Collège R2"}
    first = data["results"][0]
    assert first["department"] == "59"
    assert first["commune"] == "Roubaix"
    assert first["kind"] == "COLLEGE"
    assert first["kind_label"] == "Collège"
    assert first["priority_network"] == "REP_PLUS"


def test_list_accepts_empty_parameters_as_no_filter(client, territory):
    response = client.get("/api/v1/establishments?department=&priority_network=&kind=&sector=&page=&page_size=")
    assert response.status_code == 200
    assert response.json()["count"] == 6


def test_list_is_paginated(client, territory):
    data = client.get("/api/v1/establishments?page_size=4&page=2").json()
    assert (data["count"], data["page"], data["pages"], len(data["results"])) == (6, 2, 2, 2)


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("department=99", 400, "Département inconnu"),
        ("kind=UNIVERSITY", 400, "Type d'établissement inconnu"),
        ("sector=public", 400, "Secteur inconnu"),
        ("priority_network=REP%2B", 400, "Réseau d'éducation prioritaire inconnu"),
        ("page=0", 400, "commence à 1"),
        ("page=abc", 400, "Numéro de page invalide"),
        ("page=-3", 400, "commence à 1"),
        ("page_size=1000", 400, "de 1 à 100"),
        ("page_size=x", 400, "Taille de page invalide"),
        ("page=9", 404, "n'existe pas"),
    ],
)
def test_list_rejects_invalid_parameters_with_a_french_json_message(client, territory, query, status, message):
    response = client.get(f"/api/v1/establishments?{query}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["detail"]


def test_detail(client, territory, django_assert_num_queries):
    laon = territory["laon"]
    EstablishmentHeadcountFactory(establishment=laon, level="6e", position=1, girls=40, boys=42)
    with django_assert_num_queries(2):
        response = client.get(f"/api/v1/establishments/{laon.uai}")
    assert response.status_code == 200
    data = response.json()
    assert data["uai"] == laon.uai
    assert data["department"] == "02"
    assert data["academy"] == "20"
    assert data["ips"] == 92.5
    assert data["ips_school_year"] == 2023
    assert data["basin"] is None
    assert data["headcount_school_year"] == 2024
    assert data["headcounts"] == [{"level": "6e", "girls": 40, "boys": 42, "total": 82}]


def test_detail_of_an_unknown_uai_is_a_json_404(client, territory):
    response = client.get("/api/v1/establishments/0599999Z")
    assert response.status_code == 404
    assert response.json() == {"detail": "Aucun établissement avec l'UAI « 0599999Z »."}


def test_api_is_public(client, territory):
    """The API must not be redirected to the HTML sign-in page."""
    for url in ["/api/v1/territory/stats", "/api/v1/establishments", f"/api/v1/establishments/{territory['rep'].uai}"]:
        assert client.get(url).status_code == 200


def test_openapi_documents_the_territory_endpoints_and_their_errors(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert "200" in paths["/api/v1/territory/stats"]["get"]["responses"]
    listing = paths["/api/v1/establishments"]["get"]
    assert {"200", "400", "404"} <= set(listing["responses"])
    assert {p["name"] for p in listing["parameters"]} >= {
        "department",
        "kind",
        "sector",
        "priority_network",
        "page",
        "page_size",
    }
    assert {"200", "404"} <= set(paths["/api/v1/establishments/{uai}"]["get"]["responses"])
