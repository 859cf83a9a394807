"""The one strict reader, seen through ``import_open_data --wet-run`` on a database holding a good import.

Each damaged copy of a hand-written sample must end with a non-zero exit status, a message naming
the file (and the line where there is one), and the database exactly as it was.
"""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from orientation.core.importing import ImportReport, SourceFile, read_rows, registered_steps
from tests.catalog.conftest import SAMPLE_DIR as CATALOG_SAMPLES
from tests.catalog.conftest import sample_territory  # noqa: F401 (a fixture)
from tests.territory.test_import_command import SAMPLE_DIR as TERRITORY_SAMPLES
from tests.territory.test_import_command import TERRITORY_STEPS

pytestmark = pytest.mark.django_db

CATALOG_STEPS = ["catalog.rome", "catalog.tension", "catalog.formations", "catalog.insertion"]
JOBS = "rome/unix_referentiel_code_rome_v460_utf8.csv"
APPELLATIONS = "rome/unix_referentiel_appellation_v460_utf8.csv"
BMO = "tension/Base_open_data_BMO_2025_hdf.csv"
COMMUNES = "communes/decoupage-administratif-6.0.0_communes_hdf.csv"
ANNUAIRE = "establishments/fr-en-annuaire-education_mini_hdf_second-degre.csv"


def run_cli(source: Path, steps: list[str]) -> tuple[int, str]:
    """``manage.py import_open_data --wet-run``: (exit status, everything printed).

    ``manage.py`` turns a ``CommandError`` into its message on stderr and ``sys.exit(returncode)``
    (``BaseCommand.run_from_argv``, which also closes the test's connection: not called here).
    """
    out = io.StringIO()
    try:
        call_command("import_open_data", "--source", str(source), "--step", *steps, "--wet-run", stdout=out)
        return 0, out.getvalue()
    except CommandError as exc:
        return exc.returncode, f"{out.getvalue()}\n{exc}"


def database_snapshot() -> dict[str, list[tuple]]:
    """Every row of the imported apps, every column: "unchanged" means the same counts and the same values."""
    snapshot = {}
    for label in ("territory", "catalog", "search"):
        for model in apps.get_app_config(label).get_models():
            names = [f.attname for f in model._meta.concrete_fields]
            snapshot[model._meta.label] = sorted(model.objects.values_list(*names), key=repr)
    return snapshot


@pytest.fixture
def territory_copy(tmp_path) -> Path:
    target = tmp_path / "territory"
    shutil.copytree(TERRITORY_SAMPLES, target)
    call_command(
        "import_open_data", "--source", str(target), "--step", *TERRITORY_STEPS, "--wet-run", stdout=io.StringIO()
    )
    return target


@pytest.fixture
def catalog_copy(request, tmp_path) -> Path:
    request.getfixturevalue("sample_territory")
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG_SAMPLES, target)
    call_command(
        "import_open_data", "--source", str(target), "--step", *CATALOG_STEPS, "--wet-run", stdout=io.StringIO()
    )
    return target


def rewrite_csv(path: Path, change, *, delimiter: str = ",") -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(change(rows))
    path.write_text(out.getvalue(), encoding="utf-8")


def assert_refused(source: Path, steps: list[str], *expected: str) -> str:
    before = database_snapshot()
    assert sum(len(rows) for rows in before.values()) > 0
    status, output = run_cli(source, steps)
    assert status != 0
    assert "Import refusé, rien n'a été enregistré" in output
    for text in expected:
        assert text in output
    assert database_snapshot() == before
    return output


def test_a_rome_file_cut_in_the_middle_of_a_line(catalog_copy):
    path = catalog_copy / JOBS
    data = path.read_bytes()
    cut = data.index("forestière".encode())  # inside the title of the third line
    path.write_bytes(data[:cut])
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:3: ")


def test_a_duplicated_rome_code_names_both_lines(catalog_copy):
    path = catalog_copy / JOBS
    with path.open("a", encoding="utf-8") as fh:
        fh.write('"A1101","11","6","Autre intitulé","Emploi Blanc","","","","","A1101"\n')
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:{lines}: code_rome « A1101 » en double (lignes 2 et {lines})")


def test_a_duplicated_commune_names_both_lines(territory_copy):
    path = territory_copy / COMMUNES
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    code = lines[1].split(",")[0]
    assert_refused(
        territory_copy,
        TERRITORY_STEPS,
        f"{COMMUNES}:{len(lines) + 1}: code / type « {code} / commune-actuelle »",
    )


def test_an_empty_rome_file(catalog_copy):
    (catalog_copy / JOBS).write_text("", encoding="utf-8")
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:1: fichier vide")


def test_a_rome_file_without_one_of_its_columns(catalog_copy):
    rewrite_csv(catalog_copy / JOBS, lambda rows: [row[:3] + row[4:] for row in rows])
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:1: en-tête inattendu, colonne(s) manquante(s) : libelle_rome")


def test_a_rome_file_with_the_wrong_separator(catalog_copy):
    rewrite_csv(catalog_copy / JOBS, lambda rows: rows, delimiter=";")
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:1: ", "séparateur « ; » trouvé au lieu de « , »")


def test_an_establishment_directory_with_only_its_header(territory_copy):
    path = territory_copy / ANNUAIRE
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert_refused(territory_copy, TERRITORY_STEPS, f"{ANNUAIRE} : 0 ligne(s) de données, au moins 1 attendue(s)")


def test_a_latin1_file_names_the_file_and_the_line(catalog_copy):
    path = catalog_copy / JOBS
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:3: caractère illisible en UTF-8")


def test_every_problem_is_listed_not_only_the_first(catalog_copy):
    path = catalog_copy / JOBS
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    rewrite_csv(catalog_copy / BMO, lambda rows: [row[:-1] for row in rows])
    output = assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS}:3: ", f"{BMO}:1: en-tête inattendu")
    assert "2 problème(s)" in output


def test_too_many_rejected_rows_refuse_the_file(catalog_copy):
    rewrite_csv(catalog_copy / APPELLATIONS, lambda rows: [rows[0], *([*row[:3], "X", *row[4:]] for row in rows[1:])])
    output = assert_refused(catalog_copy, CATALOG_STEPS, f"{APPELLATIONS} : 10 ligne(s) rejetée(s) sur 10")
    assert "au-delà du seuil de 5%" in output


def test_a_few_rejected_rows_are_reported_and_the_import_goes_on(request):
    request.getfixturevalue("sample_territory")
    status, output = run_cli(CATALOG_SAMPLES, CATALOG_STEPS)
    assert status == 0
    assert f"{JOBS} : 6 lue(s), 5 gardée(s), 1 rejetée(s), 0 non rattachée(s)" in output
    assert f"{JOBS}:7: code ROME invalide" in output
    assert "Problèmes bloquants : 0" in output


def test_real_files_must_hold_a_plausible_number_of_rows(catalog_copy, settings):
    settings.ORIENTATION_IMPORT_MIN_ROWS = True
    assert_refused(catalog_copy, CATALOG_STEPS, f"{JOBS} : 6 ligne(s) de données, au moins 500 attendue(s)")


def test_the_reader_counts_a_file_once_when_two_steps_read_it(tmp_path):
    (tmp_path / "f.csv").write_text("a,b\n1,2\n1,3\n", encoding="utf-8")
    spec = SourceFile("f.csv", ("a", "b"), key=("a",))
    report = ImportReport()
    assert list(read_rows(spec, tmp_path, report)) == [(2, {"a": "1", "b": "2"})]
    assert list(read_rows(spec, tmp_path, report)) == [(2, {"a": "1", "b": "2"})]
    assert [str(p) for p in report.problems] == [
        "f.csv:3: a « 1 » en double (lignes 2 et 3) : laquelle est juste ne peut être décidé"
    ]
    assert (report.sources["f.csv"].read, report.sources["f.csv"].rejected) == (2, 1)


def test_the_real_open_data_has_no_problem(open_data_dir):
    report = ImportReport()
    for step in registered_steps():
        for spec in step.sources:
            if spec.geojson:
                continue  # the map outlines: read by their own step (tests/territory/test_import_outlines.py)
            for _row in read_rows(spec, open_data_dir, report):
                pass
    assert report.problems == []
    assert report.sources[JOBS].read == 1584
