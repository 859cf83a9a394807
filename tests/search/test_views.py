import pytest

pytestmark = pytest.mark.django_db


def test_search_page_is_public_and_shows_results(client, small_index):
    response = client.get("/recherche/", {"q": "boulangère"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/catalogue/metiers/D1102/"' in html
    assert "Boulanger / Boulangère" in html
    assert 'role="status"' in html
    assert "résultat" in html
    assert 'value="boulangère"' in html  # the box keeps what was typed


def test_search_page_without_query_shows_examples(client, small_index):
    response = client.get("/recherche/")
    assert response.status_code == 200
    assert "Par exemple" in response.content.decode()


def test_htmx_request_gets_only_the_results_part(client, small_index):
    response = client.get("/recherche/", {"q": "boulanger"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'hx-swap-oob="true"' in html
    assert "Boulanger / Boulangère" in html
    assert "HX-Request" in response["Vary"]


def test_distance_is_shown_with_a_place(client, small_index):
    html = client.get("/recherche/", {"q": "cap boulanger", "commune": "Arras"}).content.decode()
    assert "km de Arras" in html


def test_no_result_page_suggests_corrections_and_examples(client, small_index):
    html = client.get("/recherche/", {"q": "xylophone"}).content.decode()
    assert "Aucun résultat pour « xylophone »" in html
    assert "?q=boulang%C3%A8re" in html


def test_bad_parameters_redisplay_the_form_with_french_errors(client, small_index):
    response = client.get("/recherche/", {"q": "boulanger", "radius_km": "loin", "commune": "Nullepart"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "La distance doit être un nombre entier de kilomètres." in html
    assert "Commune introuvable : « Nullepart »" in html
    assert 'value="Nullepart"' in html


def test_facets_are_a_get_form_that_works_without_javascript(client, small_index):
    html = client.get("/recherche/", {"q": "bac pro", "type": "offer"}).content.decode()
    assert 'method="get"' in html
    assert 'name="type" value="offer" checked' in html
    assert "Lieu de formation <span" in html


def test_pagination_links_keep_the_query(client, small_index, monkeypatch):
    monkeypatch.setattr("orientation.search.selectors.PER_PAGE", 1)
    html = client.get("/recherche/", {"q": "bac pro"}).content.decode()
    assert "?q=bac+pro&amp;page=2" in html


def test_search_page_query_count_is_pinned(client, small_index, django_assert_num_queries):
    client.get("/recherche/", {"q": "boulanger à Lens"})  # warms the vocabulary, commune and document caches
    with django_assert_num_queries(1):
        response = client.get("/recherche/", {"q": "bac pro près d'Arras", "type": "offer"})
    assert response.status_code == 200


def test_page_is_light(client, small_index):
    response = client.get("/recherche/", {"q": "bac pro"})
    assert len(response.content) < 40_000


def test_ping(client, db):
    response = client.get("/recherche/ping")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_htmx_request_with_bad_parameters_loads_the_full_page_with_its_errors(client, small_index):
    response = client.get("/recherche/", {"q": "boulanger", "radius_km": "loin"}, HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == "/recherche/?q=boulanger&radius_km=loin"


def test_page_says_which_words_were_left_out(client, small_index):
    response = client.get("/recherche/", {"q": "boulanger xylophone"})
    assert "Aucun résultat ne contient tous vos mots : voici les résultats sans « xylophone »." in response.text
