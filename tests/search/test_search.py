import pytest

from orientation.search.selectors import SearchParams, search

pytestmark = pytest.mark.django_db


def codes(results, n=3):
    return [r.code or r.title for r in results.results[:n]]


def top(q, **params):
    return search(SearchParams(q=q, **params))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("boulanger", "D1102"),
        ("boulangère", "D1102"),
        ("BOULANGERES", "D1102"),
        ("boulang", "D1102"),
        ("infirmier", "J1506"),
        ("infirmiers", "J1506"),
        ("infirmière", "J1506"),
        ("infirmiere", "J1506"),
        ("soigneur animalier", "A1501"),
        ("soigneuse", "A1501"),
        ("travailler avec les animaux", "A1501"),
        ("mécanicien auto", "I1604"),
        ("garagiste", "I1604"),
        ("comptable", "M1203"),
    ],
)
def test_pupil_queries_find_the_job(small_index, query, expected):
    assert expected in codes(top(query))


def test_abbreviation_and_acronym_find_the_training(small_index):
    results = top("BTS compta")
    assert results.results[0].title == "BTS Comptabilité et gestion"


def test_typo_is_corrected_against_the_index_vocabulary(small_index):
    results = top("boulangé")
    assert results.results[0].code == "D1102"
    results = top("infirmeir")
    assert results.corrections == [("infirmeir", "infirmier")]
    assert results.results[0].code == "J1506"


def test_unknown_word_gives_no_result_and_no_false_correction(small_index):
    results = top("xylophone")
    assert results.total == 0
    assert results.corrections == []


def test_place_intent_filters_offers_by_distance_and_reports_it(small_index, communes):
    results = top("bac pro mécanicien près d'Arras")
    assert results.place.name == "Arras"
    assert results.radius_km == 30
    offers = [r for r in results.results if r.type == "offer"]
    assert [r.commune_name for r in offers] == ["Arras"]  # Amiens is 60 km away
    assert offers[0].distance_km == pytest.approx(1.1, abs=0.2)


@pytest.mark.parametrize("phrase", ["à Lens", "autour de Lens", "vers Lens", "pres de lens"])
def test_place_phrasings(small_index, phrase):
    results = top(f"cap boulanger {phrase}")
    assert results.place is not None
    assert results.place.name == "Lens"
    assert results.parsed.place_words == "lens"


def test_explicit_commune_and_radius(small_index, communes):
    from orientation.search.places import place_by_code

    place = place_by_code("80021")
    everywhere = top("bac pro maintenance", place=place)
    offers = [r for r in everywhere.results if r.type == "offer"]
    assert [r.commune_name for r in offers] == ["Amiens", "Arras"]  # the nearest place first among equals
    assert offers[0].distance_km == pytest.approx(0.0, abs=0.1)
    assert offers[1].distance_km == pytest.approx(56.2, abs=0.5)
    near = top("bac pro maintenance", place=place, radius_km=10)
    assert {r.commune_name for r in near.results if r.type == "offer"} == {"Amiens"}


def test_facets_count_and_filter(small_index):
    results = top("bac pro")
    types = {f.value: f.count for f in results.facets["type"]}
    assert types == {"training": 1, "offer": 2}
    modality = {f.value: f.count for f in results.facets["modality"]}
    assert modality == {"school": 2, "apprenticeship": 2}
    filtered = top("bac pro", types=["offer"], modality="apprenticeship")
    assert [r.commune_name for r in filtered.results] == ["Amiens"]
    # A facet's own values keep counting as if it were not selected (the pupil can switch).
    assert {f.value: f.count for f in filtered.facets["type"]} == {"training": 1, "offer": 1}


def test_recruits_and_department_facets(small_index):
    results = top("animaux", recruits=True)
    assert results.total == 0
    results = top("boulanger", department="62")
    assert {r.code or r.title for r in results.results} >= {"D1102", "CAP Boulanger"}
    recruits = top("mécanicien", recruits=True)
    assert [r.code for r in recruits.results] == ["I1604"]


def test_unknown_word_is_left_out_when_nothing_has_every_word(small_index):
    results = top("boulanger xylophone")
    assert results.approximate
    assert results.ignored == ["xylophone"]
    assert results.results[0].code == "D1102"


def test_diploma_word_is_left_out_before_the_subject(small_index):
    # No BTS with "boulanger": the bakery is what the pupil is after, not the BTS list.
    results = top("BTS boulanger")
    assert results.ignored == ["bts"]
    assert results.results[0].code == "D1102"
    assert top("comptabilité bts").ignored == []  # every word matches: nothing is left out


def test_most_common_word_is_left_out_first(small_index):
    # "mecanicien" is in four documents (the job, the training and its places), "soins" in two:
    # the rarer word says more.
    for query in ("soins mécanicien", "mécanicien soins"):
        results = top(query)
        assert results.ignored == ["mecanicien"]
        assert results.results[0].code in {"J1506", "A1501"}


def test_nothing_left_to_match_gives_no_result(small_index):
    results = top("xylophone zanzibar")
    assert results.total == 0
    assert not results.approximate


def test_too_many_matches_keep_the_backends_best(small_index, monkeypatch):
    from orientation.search import selectors

    every = top("bac pro")
    assert every.total == 3
    monkeypatch.setattr(selectors, "MATCH_LIMIT", 2)
    selectors.forget_results()
    cut = top("bac pro")
    assert cut.total == 2
    assert {r.id for r in cut.results} < {r.id for r in every.results}


def test_a_document_written_by_another_process_is_found_at_once(small_index, settings):
    from django.db import connection

    from orientation.search.backends.sqlite import refresh_fts
    from tests.search.conftest import document

    settings.SEARCH_RESULT_CACHE_SIZE = 0
    assert top("astronaute").total == 0  # this process has now prepared its documents
    document(object_id=99, code="K9999", title="Astronaute").save()  # as another process's rebuild would
    if connection.vendor == "sqlite":
        refresh_fts()
    # The backend returns an id this process has not prepared: it reads the documents again.
    assert [r.code for r in top("astronaute").results] == ["K9999"]
