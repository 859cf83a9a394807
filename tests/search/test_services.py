import pytest

from orientation.core.importing import registered_steps
from orientation.search.models import SearchDocument, SearchTerm
from orientation.search.selectors import SearchParams, search
from orientation.search.services import search_index_rebuild
from tests.catalog.conftest import run_catalog_import, sample_territory  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(sample_territory):  # noqa: F811
    run_catalog_import()
    search_index_rebuild()
    return sample_territory


def test_rebuild_indexes_jobs_trainings_and_offers(indexed):
    job = SearchDocument.objects.get(type="job", code="D1102")
    assert job.title == "Boulanger / Boulangère"
    assert job.url == "/catalogue/metiers/D1102/"
    assert "boulanger" in job.title_terms.split()
    trainings = SearchDocument.objects.filter(type="training")
    # The level is the current European one (the source's numeric column uses the former numbering).
    assert trainings.get(title="CAP Boulanger").level == 3
    assert all(t.url.startswith("/catalogue/formations/") for t in trainings)
    offers = SearchDocument.objects.filter(type="offer")
    assert offers.exists()
    assert all(o.latitude is not None and o.commune_name for o in offers)
    assert SearchTerm.objects.filter(term="boulanger", display="boulanger").exists()


def test_rebuild_is_idempotent_and_searchable(indexed):
    count = SearchDocument.objects.count()
    search_index_rebuild()
    assert SearchDocument.objects.count() == count
    results = search(SearchParams(q="boulangère"))
    assert results.results[0].code == "D1102"


def test_index_step_runs_last_in_the_import():
    steps = registered_steps()
    assert steps[-1].name == "search.index"
    assert steps[-1].order == 900


@pytest.mark.parametrize(
    ("label", "kind", "expected"),
    [
        ("niveau 3 (niveau CAP)", "CAP", 3),
        ("niveau 7 (bac + 5)", "", 7),
        ("", "BTS", 5),
        ("", "Bac pro", 4),
        ("", "FCIL", None),
    ],
)
def test_training_level_reads_the_label_then_the_kind(label, kind, expected):
    from orientation.catalog.models import Training
    from orientation.search.services import training_level

    assert training_level(Training(rncp_level_label=label, kind_acronym=kind, rncp_level=5)) == expected


def test_second_rebuild_writes_nothing_and_a_change_is_an_update(indexed):
    from orientation.catalog.models import Job
    from orientation.core.importing import ImportReport

    again = ImportReport()
    search_index_rebuild(report=again)
    assert again.changed == 0
    assert again.stats["search.SearchDocument"].unchanged == SearchDocument.objects.count()
    Job.objects.filter(rome_code="D1102").update(title="Boulanger / Boulangère artisan")
    changed = ImportReport()
    search_index_rebuild(report=changed)
    stats = changed.stats["search.SearchDocument"]
    # The job, and the training and places whose keywords carry its title; nothing else.
    assert 1 <= stats.updated < SearchDocument.objects.count()
    assert stats.created == stats.deleted == 0
    assert SearchDocument.objects.get(type="job", code="D1102").title == "Boulanger / Boulangère artisan"
    assert search(SearchParams(q="artisan boulanger")).results[0].code == "D1102"


def test_demo_build_indexes_the_loaded_catalogue(sample_territory):  # noqa: F811
    from io import StringIO

    from orientation.search import demo

    run_catalog_import()
    out = StringIO()
    demo.build(out)
    assert "documents indexés" in out.getvalue()
    assert SearchDocument.objects.filter(type="job", code="D1102").exists()
