"""``import_open_data`` on the hand-written sample directory: end to end, dry run, idempotence, bad files."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from orientation.territory.importers import STEPS
from orientation.territory.models import (
    Academy,
    Basin,
    Commune,
    Department,
    EmploymentZone,
    Establishment,
    EstablishmentHeadcount,
    Region,
)
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

SAMPLE_DIR = SAMPLES / "territory"
TERRITORY_STEPS = [step.name for step in STEPS]
ANNUAIRE = "establishments/fr-en-annuaire-education_mini_hdf_second-degre.csv"
COMMUNES = "communes/decoupage-administratif-6.0.0_communes_hdf.csv"


def run_import(source: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_open_data", "--source", str(source), "--step", *TERRITORY_STEPS, *args, stdout=out)
    return out.getvalue()


def territory_row_count() -> int:
    models = (Region, Academy, Department, Basin, EmploymentZone, Commune, Establishment, EstablishmentHeadcount)
    return sum(model.objects.count() for model in models)


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DIR, target)
    return target


def test_dry_run_prints_what_would_change_and_writes_nothing():
    output = run_import(SAMPLE_DIR)
    assert "territory.Commune : 6 créé(s), 0 modifié(s), 0 inchangé(s)" in output
    assert "territory.Commune : création 02018" in output
    assert "rien n'a été enregistré" in output
    assert territory_row_count() == 0


def test_wet_run_imports_the_sample_territory():
    output = run_import(SAMPLE_DIR, "--wet-run")
    assert "Import enregistré" in output

    region = Region.objects.get()
    assert (region.code, region.name, region.is_demo) == ("32", "Hauts-de-France", False)
    assert dict(Department.objects.values_list("code", "academy__name")) == {"02": "Amiens", "59": "Lille"}
    assert dict(Academy.objects.values_list("code", "name")) == {"09": "Lille", "20": "Amiens"}

    lille = Commune.objects.get(insee_code="59350")
    assert lille.postal_codes == ["59000", "59160", "59260", "59777", "59800"]
    assert lille.population == 238246
    assert lille.department.code == "59"
    assert lille.latitude is not None
    assert lille.basin.name == "Lille"
    assert lille.basin.department.code == "59"
    assert lille.urban_class == "URBAN"
    assert lille.employment_zone.code == "3216"
    rozoy = Commune.objects.get(insee_code="02666")
    assert rozoy.urban_class == "RURAL"
    assert rozoy.urban_unit_size == 0
    # Anizy-le-Grand (2019) joins the INSEE 2022 table and the bassin table by its current code.
    assert Commune.objects.get(insee_code="02018").basin is not None

    rosa_parks = Establishment.objects.get(uai="0593667R")
    assert (rosa_parks.name, rosa_parks.kind, rosa_parks.sector) == ("Collège Rosa Parks", "COLLEGE", "PUBLIC")
    assert rosa_parks.priority_network == "REP_PLUS"
    assert rosa_parks.commune.insee_code == "59512"
    assert (rosa_parks.pupils, rosa_parks.pupils_school_year) == (564, 2024)
    assert str(rosa_parks.ips) == "62.2"
    assert rosa_parks.address == "1 rue d'Oran"
    levels = list(rosa_parks.headcounts.values_list("level", "girls", "boys", "total"))
    assert [level for level, *_ in levels] == ["6e", "5e", "4e", "3e"]
    assert all(girls + boys == total for _level, girls, boys, total in levels)

    assert Establishment.objects.get(uai="0020043L").commune.name == "Rozoy-sur-Serre"
    assert Establishment.objects.get(uai="0021852C").kind == "SEGPA"
    assert Establishment.objects.get(uai="0020078Z").kind == "LYCEE_PRO"
    assert Establishment.objects.get(uai="0020078Z").headcounts.filter(level__startswith="Bac pro").exists()
    assert Establishment.objects.get(uai="0020032Z").kind == "LYCEE_GT"
    # Private lycée counted by the DEPP: under contract. Not counted: without contract.
    assert Establishment.objects.get(uai="0021872Z").sector == "PRIVATE_CONTRACT"
    assert Establishment.objects.get(uai="0594621C").sector == "PRIVATE"
    # A UAI listed twice keeps its main site.
    assert Establishment.objects.get(uai="0020083E").name == "Centre d'information et d'orientation de Laon"
    assert Establishment.objects.get(uai="0593007Y").name == "Lycée Ozanam"

    cfa = Establishment.objects.get(uai="0021502X")
    laon = Commune.objects.get(insee_code="02408")
    assert (cfa.kind, cfa.commune, cfa.siret) == ("CFA", laon, "13002271800279")
    assert (cfa.latitude, cfa.longitude) == (laon.latitude, laon.longitude)

    university = Establishment.objects.get(uai="0597215X")
    assert university.kind == "HIGHER_EDUCATION"
    assert university.commune.department.code == "59"
    assert Establishment.objects.get(uai="0593007Y").kind == "LYCEE_GT"  # known lycée, not overwritten


def test_every_rejected_row_and_unjoined_record_is_reported():
    output = run_import(SAMPLE_DIR, "--wet-run")
    assert f"{ANNUAIRE}:7: UAI 0020083E en double" in output
    assert "ligne 6 retenue comme site principal" in output
    assert f"{ANNUAIRE}:15: UAI invalide « 059ABCDE »" in output
    assert f"{ANNUAIRE}:16: 0599999Z : commune 59999 inconnue, non importé" in output
    assert "établissement : commune inconnue : 1" in output
    assert "commune déduite" in output
    assert "1 UAI de Parcoursup déjà connus (lycées, CFA…) : laissés tels quels" in output
    assert not Establishment.objects.filter(uai__in=["0599999Z"]).exists()


def test_second_wet_run_changes_nothing():
    run_import(SAMPLE_DIR, "--wet-run")
    before = {e.uai: e.updated_at for e in Establishment.objects.all()}
    output = run_import(SAMPLE_DIR, "--wet-run")
    assert " 0 créé(s), 0 modifié(s)" in output
    assert "créé(s), 0 modifié(s)" in output
    for line in output.splitlines():
        if "créé(s)" in line:
            assert " 0 créé(s), 0 modifié(s)" in line, line
    assert "Total des changements : 0" in output
    assert {e.uai: e.updated_at for e in Establishment.objects.all()} == before


def test_a_changed_source_updates_only_what_changed(sample_copy):
    run_import(sample_copy, "--wet-run")
    path = sample_copy / COMMUNES
    path.write_text(path.read_text(encoding="utf-8").replace(",98286,", ",98300,"), encoding="utf-8")
    output = run_import(sample_copy, "--wet-run")
    assert "territory.Commune : 0 créé(s), 1 modifié(s), 5 inchangé(s)" in output
    assert "territory.Commune : mise à jour (population) 59512" in output
    assert Commune.objects.get(insee_code="59512").population == 98300


def test_a_malformed_row_stops_the_import_names_the_line_and_writes_nothing(sample_copy):
    path = sample_copy / COMMUNES
    with path.open("a", encoding="utf-8") as fh:
        fh.write("59999,Ligne tronquée,commune-actuelle\n")
    with pytest.raises(CommandError) as excinfo:
        run_import(sample_copy, "--wet-run")
    assert f"{COMMUNES}:13" in str(excinfo.value)
    assert "rien n'a été enregistré" in str(excinfo.value)
    assert territory_row_count() == 0  # the steps before the bad file were rolled back too


def test_a_wrong_header_is_refused_before_anything_is_written(sample_copy):
    path = sample_copy / ANNUAIRE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("identifiant_de_l_etablissement", "uai", 1), encoding="utf-8")
    with pytest.raises(CommandError, match=r"annuaire-education_mini_hdf_second-degre.csv:1: en-tête inattendu"):
        run_import(sample_copy, "--wet-run")
    assert territory_row_count() == 0


def test_a_missing_file_is_refused(sample_copy):
    (sample_copy / "zones" / "lexique-bassins_hdf.csv").unlink()
    with pytest.raises(CommandError, match=r"lexique-bassins_hdf\.csv"):
        run_import(sample_copy, "--wet-run")
    assert territory_row_count() == 0


def test_no_source_directory_gives_a_clear_error(settings):
    settings.ORIENTATION_OPEN_DATA = ""
    with pytest.raises(CommandError, match="Aucun dossier de données ouvertes"):
        call_command("import_open_data", stdout=StringIO())
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("import_open_data", "--source", "/nonexistent/open-data", stdout=StringIO())


def test_unknown_step_is_refused():
    with pytest.raises(CommandError, match=r"Étape\(s\) inconnue\(s\) : territory\.nothing"):
        call_command("import_open_data", "--source", str(SAMPLE_DIR), "--step", "territory.nothing")


def test_list_sources_prints_the_official_addresses():
    out = StringIO()
    call_command("import_open_data", "--list-sources", stdout=out)
    output = out.getvalue()
    assert "territory.communes (ordre 130)" in output
    assert "https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/" in output
    assert "https://geo.api.gouv.fr/" in output
    assert territory_row_count() == 0


def test_steps_run_in_order_and_can_be_selected():
    out = StringIO()
    call_command(
        "import_open_data",
        "--source",
        str(SAMPLE_DIR),
        "--step",
        "territory.region",
        "territory.departments",
        "--wet-run",
        stdout=out,
    )
    assert Department.objects.count() == 2
    assert not Commune.objects.exists()
    output = out.getvalue()
    assert output.index("Étape territory.region") < output.index("Étape territory.departments")
