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


def test_empty_query_returns_nothing(small_index):
    assert top("   ").total == 0
    assert top("").results == []


def test_pagination(small_index):
    page1 = top("bac pro", per_page=2)
    page2 = top("bac pro", per_page=2, page=2)
    assert page1.num_pages == 2
    assert len(page1.results) == 2
    assert len(page2.results) == 1
    assert {r.id for r in page1.results}.isdisjoint({r.id for r in page2.results})


def test_search_costs_one_query_once_caches_are_warm(small_index, django_assert_num_queries):
    top("boulanger à Lens")
    with django_assert_num_queries(1):
        top("infirmière près d'Arras")


def test_repeated_search_is_answered_from_memory_until_the_index_changes(small_index, django_assert_num_queries):
    from orientation.search.services import search_index_replace

    first = top("boulanger")
    with django_assert_num_queries(0):
        again = top("boulanger")
    assert again.results == first.results
    search_index_replace([small_index[5]])  # a rebuild forgets the remembered answers
    assert top("boulanger").total == 0


def test_result_memory_can_be_turned_off(small_index, settings, django_assert_num_queries):
    settings.SEARCH_RESULT_CACHE_SIZE = 0
    top("boulanger")
    with django_assert_num_queries(1):
        top("boulanger")


def _masks_of(groups, terms, texts):
    """The group masks the ranking computes for each text (a tuple of analysed words)."""
    import numpy as np

    from orientation.search import ranking

    arrays = ranking.build_arrays([(1, 0, 0.0, None, None, "x", 0, False)], {0: ((terms[0],), ())}, terms)
    query = ranking.query_bits(arrays, terms, groups)
    words = np.array([arrays.term_id[w] for text in texts for w in text], np.int64)
    counts = np.array([len(text) for text in texts], np.int64)
    return ranking._masks(query, words, np.cumsum(counts) - counts, counts).tolist()


def test_group_masks_match_words_exactly_by_prefix_and_by_phrase():
    from orientation.search.query import Alternative, TermGroup

    groups = [
        TermGroup("meca", [Alternative(("meca",), prefix=True)]),
        TermGroup("bts", [Alternative(("bts",))]),
        TermGroup("garage", [Alternative(("mecanicien", "automobile"))]),
    ]
    terms = sorted({"automobile", "bts", "btsa", "mecanicien", "mecanique", "mec"})
    texts = [("mecanique",), ("mec", "btsa"), ("bts", "mecanicien"), ("automobile", "bts", "mecanicien"), ()]
    # The prefix "meca"; shorter than the prefix, and "bts" is an exact word, not a prefix; the
    # phrase needs both of its words; everything; an empty text satisfies nothing.
    assert _masks_of(groups, terms, texts) == [0b001, 0, 0b011, 0b111, 0]


def test_group_masks_with_more_phrase_words_than_one_pass_holds():
    from orientation.search.query import Alternative, TermGroup

    phrases = [(f"a{i:02d}", f"b{i:02d}") for i in range(40)]  # 80 distinct words
    groups = [TermGroup("x", [Alternative(p) for p in phrases]), TermGroup("y", [Alternative(("zz",))])]
    terms = sorted({w for p in phrases for w in p} | {"zz"})
    texts = [("a39", "b39"), ("a00", "b00", "zz"), ("a00", "b39"), ("zz",)]
    assert _masks_of(groups, terms, texts) == [0b01, 0b11, 0, 0b10]


def test_a_prefix_begins_the_analysed_word_on_both_databases(small_index):
    # PostgreSQL's French stemmer cuts "compta" to "compt", which also begins "compteur": the
    # search expands a prefix over the indexed words themselves, as on SQLite.
    from orientation.search.services import search_index_replace
    from tests.search.conftest import document

    meter = document(object_id=50, code="K0001", title="Releveur / Releveuse de compteurs")
    search_index_replace([*small_index.values(), meter])
    assert "K0001" not in {r.code for r in top("compta").results}
    assert "M1203" in {r.code for r in top("compta").results}
    assert "K0001" in {r.code for r in top("compteur").results}


def test_known_and_new_words_together_after_another_process_rebuilt(small_index, settings):
    # "boulanger" is in this process's vocabulary, "astronaute" only in the new document.
    from django.db import connection

    from orientation.search.backends.sqlite import refresh_fts
    from tests.search.conftest import document

    settings.SEARCH_RESULT_CACHE_SIZE = 0
    assert top("boulanger").total > 0  # vocabulary and documents prepared
    document(object_id=98, code="K9998", title="Boulanger astronaute").save()
    if connection.vendor == "sqlite":
        refresh_fts()
    assert [r.code for r in top("boulanger astronaute").results] == ["K9998"]
