"""The relevance set (relevance.json) on the real catalogue, on whichever database the suite runs.

The official open data is imported once for this module (every registered import step, the
search index last), inside a transaction rolled back at the end.
"""

import json
from pathlib import Path

import pytest
from django.db import transaction

from orientation.core.importing import ImportReport, registered_steps
from orientation.search.selectors import SearchParams, search
from tests.conftest import real_open_data_dir

RELEVANCE = json.loads((Path(__file__).parent / "relevance.json").read_text(encoding="utf-8"))
pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


@pytest.fixture(scope="module")
def real_catalogue(django_db_setup, django_db_blocker):
    source = real_open_data_dir()
    if source is None:
        pytest.skip("Données ouvertes officielles absentes : la pertinence se mesure sur le vrai catalogue.")
    steps = registered_steps()
    if not any(step.name.startswith("catalog") for step in steps):
        pytest.skip("Les étapes d'import du catalogue ne sont pas enregistrées.")
    with django_db_blocker.unblock(), transaction.atomic():
        report = ImportReport()
        for step in steps:
            step.run(source, report, lambda message: None)
        yield report
        transaction.set_rollback(True)


def test_relevance_set_is_large_and_varied():
    cases = RELEVANCE["cases"]
    assert len(cases) >= 60
    queries = [c["q"] for c in cases]
    assert len(set(queries)) == len(queries)
    for must in [
        "BTS compta",
        "travailler avec les animaux",
        "mécanicien auto près d'Arras",
        "boulangère",
        "infirmier",
    ]:
        assert must in queries


@pytest.mark.parametrize("case", RELEVANCE["cases"], ids=[c["q"] for c in RELEVANCE["cases"]])
def test_expected_result_in_top_3(real_catalogue, case):
    results = search(SearchParams(q=case["q"]))
    top = results.results[: RELEVANCE["top"]]
    found = [(r.type, r.code, r.title) for r in top]
    if "code" in case:
        assert any(r.type == "job" and r.code == case["code"] for r in top), found
    else:
        assert any(r.type == "training" and r.title == case["title"] for r in top), found


def test_place_query_on_real_communes(real_catalogue):
    results = search(SearchParams(q="cap cuisine à Lens"))
    assert results.place.insee_code == "62498"
    offers = [r for r in results.results if r.type == "offer"]
    assert offers
    assert all(r.distance_km <= 30 for r in offers)
    assert offers == sorted(offers, key=lambda r: -r.score)
