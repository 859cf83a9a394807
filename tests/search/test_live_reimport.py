"""Re-importing the open data while the platform answers searches: never an error, never an empty or partial answer.

The whole import is one transaction: searches read the previous catalogue and index until the
commit, then the new ones (PostgreSQL only: the test database of SQLite is an in-memory one whose
shared cache locks whole tables while a writer works, unlike the WAL file of a real deployment).
"""

import shutil
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from orientation.search.selectors import SearchParams, search
from tests.catalog.conftest import SAMPLE_DIR, sample_territory  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

CATALOG_STEPS = ["catalog.rome", "catalog.tension", "catalog.formations", "catalog.insertion", "search.index"]
JOBS = "rome/unix_referentiel_code_rome_v460_utf8.csv"
QUERIES = ("conducteur", "boulanger", "engins agricoles")


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("Lectures pendant un import : base de test SQLite en mémoire, voir la docstring du module.")


def answers() -> dict[str, tuple[int, tuple[str, ...]]]:
    found = {}
    for q in QUERIES:
        results = search(SearchParams(q=q, per_page=50))
        found[q] = (results.total, tuple(sorted(r.doc.code for r in results.results)))
    return found


@pytest.mark.usefixtures("sample_territory")
def test_searches_during_a_reimport_see_the_old_or_the_new_catalogue_whole(tmp_path):
    call_command(
        "import_open_data", "--source", str(SAMPLE_DIR), "--step", *CATALOG_STEPS, "--wet-run", stdout=StringIO()
    )
    before = answers()
    assert all(total > 0 for total, _codes in before.values())

    changed = tmp_path / "catalog"
    shutil.copytree(SAMPLE_DIR, changed)
    jobs = changed / JOBS
    jobs.write_text(
        jobs.read_text(encoding="utf-8").replace("Conducteur / Conductrice d'engins agricoles", "Conducteur agricole"),
        encoding="utf-8",
    )

    seen: list[dict] = []
    errors: list[str] = []
    stop = threading.Event()

    def keep_searching():
        try:
            while not stop.is_set():
                seen.append(answers())
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connections.close_all()

    reader = threading.Thread(target=keep_searching)
    reader.start()
    try:
        out = StringIO()
        call_command("import_open_data", "--source", str(changed), "--step", *CATALOG_STEPS, "--wet-run", stdout=out)
    finally:
        stop.set()
        reader.join()
    after = answers()

    assert "Import enregistré" in out.getvalue()
    assert "search.SearchDocument : 0 créé(s), 1 modifié(s)" in out.getvalue()
    assert errors == []
    assert len(seen) > 1
    for observed in seen:
        for q in QUERIES:
            assert observed[q] in (before[q], after[q])
