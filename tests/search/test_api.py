import pytest

pytestmark = pytest.mark.django_db


def test_search_api_returns_results_with_type_code_title_score(client, small_index):
    response = client.get("/api/v1/search", {"q": "boulangère"})
    assert response.status_code == 200
    body = response.json()
    first = body["results"][0]
    assert first["type"] == "job"
    assert first["code"] == "D1102"
    assert first["title"] == "Boulanger / Boulangère"
    assert first["score"] > 0
    assert first["distance_km"] is None
    assert body["commune"] is None
    assert {f["value"] for f in body["facets"]["type"]} == {"job", "training", "offer"}
    assert body["total"] == len(body["results"])


def test_search_api_with_commune_gives_distances_and_filters_by_radius(client, small_index):
    body = client.get("/api/v1/search", {"q": "bac pro", "commune": "62041", "radius_km": 20, "type": "offer"}).json()
    assert body["commune"] == {"insee_code": "62041", "name": "Arras"}
    assert [(r["type"], r["commune"]) for r in body["results"]] == [("offer", "Arras")]
    assert body["results"][0]["distance_km"] == pytest.approx(1.1, abs=0.2)


def test_search_api_filters_and_paginates(client, small_index):
    body = client.get("/api/v1/search", {"q": "bac pro", "type": "training,offer", "level": "4", "page": 1}).json()
    assert body["total"] == 3
    assert body["pages"] == 1
    assert all(r["level"] == 4 for r in body["results"])


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({}, 400, "Le paramètre q (ce que vous cherchez) est obligatoire."),
        ({"q": "x", "commune": "99999"}, 400, "Commune introuvable"),
        ({"q": "x", "radius_km": 500}, 400, "La distance ne peut pas dépasser 200 km."),
        ({"q": "x", "type": "ecole"}, 400, "Type inconnu"),
        ({"q": "x", "level": "12"}, 400, "Niveau inconnu"),
        ({"q": "x", "page": 0}, 400, "Le numéro de page commence à 1."),
        ({"q": "x", "modality": "distance"}, 400, "Voie inconnue"),
        ({"q": "x", "department": "ABC"}, 400, "Département inconnu"),
        ({"q": "x", "radius_km": "loin"}, 422, "Paramètres invalides."),
    ],
)
def test_search_api_bad_parameters_are_4xx_json_in_french(client, small_index, params, status, message):
    response = client.get("/api/v1/search", params)
    assert response.status_code == status
    assert message in response.json()["detail"]


def test_search_api_documents_its_response_codes(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert set(operation["responses"]) == {"200", "400", "422"}
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "commune", "radius_km", "type", "level", "page"} <= names


def test_search_api_query_count_is_pinned(client, small_index, django_assert_num_queries):
    client.get(
        "/api/v1/search", {"q": "boulanger", "commune": "62498"}
    )  # warms the process caches (vocabulary, communes, documents)
    with django_assert_num_queries(1):
        client.get("/api/v1/search", {"q": "mécanicien", "commune": "62041"})


@pytest.mark.parametrize("params", [{"q": "boulangère"}, {"q": "bac pro", "commune": "62041", "type": "offer"}])
def test_search_api_body_is_exactly_the_documented_schema(client, small_index, params):
    from orientation.search.api import SearchOut

    response = client.get("/api/v1/search", params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert SearchOut.model_validate(body).model_dump(mode="json") == body


def test_api_parameter_validation_is_remembered_as_fresh_copies_until_the_communes_change(small_index):
    from orientation.search.forms import validated_params
    from orientation.search.places import forget_places
    from orientation.territory.models import Commune

    data = {"q": "boulanger", "commune": "62041", "type": ["job"]}
    first = validated_params(dict(data))
    assert first.place.name == "Arras"
    first.per_page = 99
    first.types.append("offer")
    again = validated_params(dict(data))
    assert (again.per_page, again.types) == (0, ["job"])
    assert "Commune introuvable" in validated_params({"q": "x", "commune": "99999"})
    Commune.objects.filter(insee_code="62041").update(latitude=None)
    forget_places()  # what an import does
    assert "Commune introuvable" in validated_params(dict(data))


def test_search_api_says_which_words_were_left_out(client, small_index):
    body = client.get("/api/v1/search", {"q": "boulanger xylophone"}).json()
    assert body["approximate"] is True
    assert body["ignored"] == ["xylophone"]
    assert body["results"][0]["code"] == "D1102"
    exact = client.get("/api/v1/search", {"q": "boulanger"}).json()
    assert exact["approximate"] is False
    assert exact["ignored"] == []


@pytest.mark.parametrize(
    "query",
    [
        "q=boulang%C3%A8re",
        "q=bac+pro&commune=62041&radius_km=20&type=offer,training&level=4",
        "q=boulanger+xylophone&page=1&recruits=false",
        "",
        "q=x&commune=99999",
        "q=x&radius_km=loin",
        "q=x&page=abc&recruits=peut-etre",
        "q=x&radius_km=",
    ],
)
def test_served_view_answers_exactly_as_the_declared_operation(client, small_index, query):
    # /api/v1/search is served by a plain view; the ninja operation documents it in the schema.
    from ninja.testing import TestClient

    from orientation.api.urls import api

    served = client.get("/api/v1/search?" + query)
    declared = TestClient(api).get("/search?" + query)
    assert served.status_code == declared.status_code
    assert served["Content-Type"] == declared["Content-Type"]
    assert served.json() == declared.json()


def test_search_api_only_answers_get(client, small_index):
    assert client.post("/api/v1/search?q=boulanger").status_code == 405
