"""The ``territory.outlines`` step on the hand-written sample outlines: joins, merges, bad files."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from orientation.territory.enums import OutlineLevel
from orientation.territory.importers import STEPS
from orientation.territory.models import Outline
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db

SAMPLE_DIR = SAMPLES / "territory"
STEP_NAMES = [step.name for step in STEPS if step.order <= 135]
COMMUNES = "geo/communes-hauts-de-france.geojson"


def run_import(source: Path, *args: str) -> str:
    out = StringIO()
    call_command("import_open_data", "--source", str(source), "--step", *STEP_NAMES, "--wet-run", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sample_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DIR, target)
    return target


def _codes(level) -> list[str]:
    return list(Outline.objects.filter(level=level).order_by("code").values_list("code", flat=True))


def test_outlines_are_imported_per_level_and_joined_to_current_communes():
    output = run_import(SAMPLE_DIR)
    assert _codes(OutlineLevel.REGION) == ["32"]
    assert _codes(OutlineLevel.DEPARTMENT) == ["02", "59"]
    # Amiens (80021) is not a commune of the sample territory: counted, not drawn.
    assert _codes(OutlineLevel.COMMUNE) == ["02018", "02381", "02408", "02666", "59350", "59512"]
    assert "contour de commune : code inconnu (ni actuel ni ancien) : 1" in output
    assert _codes(OutlineLevel.BASIN)  # each basin is the union of its communes


def test_a_merged_commune_is_the_union_of_its_former_outlines():
    run_import(SAMPLE_DIR)
    anizy = Outline.objects.get(level=OutlineLevel.COMMUNE, code="02018")
    laon = Outline.objects.get(level=OutlineLevel.COMMUNE, code="02408")
    assert anizy.name == "Anizy-le-Grand"  # the current name, not the 2018 one
    # Anizy-le-Château, Faucoucourt and Lizy: one ring whose box spans all three, touching Laon.
    assert anizy.path_detail.count("M") == 1
    assert anizy.max_y - anizy.min_y > 60  # 49.50° to 49.56°: about 6.7 km
    assert anizy.max_x == pytest.approx(laon.min_x, abs=1)  # meridians lean a little in Lambert-93


def test_a_multipolygon_keeps_each_part_and_names_sit_in_the_largest():
    run_import(SAMPLE_DIR)
    lille = Outline.objects.get(level=OutlineLevel.COMMUNE, code="59350")
    assert lille.path_detail.count("M") == 2
    assert lille.min_x < lille.label_x < lille.max_x


def test_a_second_import_changes_no_outline():
    run_import(SAMPLE_DIR)
    output = run_import(SAMPLE_DIR)
    assert "territory.Outline : 0 créé(s), 0 modifié(s)" in output


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda text: text[: len(text) // 2], f"{COMMUNES}:"),
        (lambda text: "", f"{COMMUNES}:1 : GeoJSON illisible"),
        (lambda text: '{"type": "FeatureCollection", "features": []}', "0 contour(s), au moins 2 attendu(s)"),
        (lambda text: text.replace('"Polygon"', '"Point"', 1), "contour n° 1 : géométrie absente"),
        (lambda text: text.replace('"code": "02301"', '"code": "02018"'), "code 02018 déjà donné par le contour n° 1"),
        (lambda text: text.replace('"nom": "Lizy"', '"nom": ""'), "contour n° 3 : propriétés « code » et « nom »"),
        (lambda text: text.replace("[3.42, 49.5]", "[342, 49.5]", 1), "coordonnées hors limites"),
    ],
)
def test_a_bad_outline_file_is_refused_whole_and_nothing_is_written(sample_copy, damage, message):
    run_import(SAMPLE_DIR)
    before = list(Outline.objects.order_by("pk").values_list("level", "code", "path_detail"))
    path = sample_copy / COMMUNES
    path.write_text(damage(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        run_import(sample_copy)
    assert message in str(excinfo.value)
    assert COMMUNES in str(excinfo.value)
    assert list(Outline.objects.order_by("pk").values_list("level", "code", "path_detail")) == before


def test_a_region_file_without_the_configured_region_is_refused(sample_copy):
    path = sample_copy / "geo/region-hauts-de-france.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["properties"]["code"] = "11"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match="aucun contour pour la région 32"):
        run_import(sample_copy)
    assert not Outline.objects.exists()


def test_list_sources_gives_the_outlines_download_address():
    out = StringIO()
    call_command("import_open_data", "--list-sources", "--step", "territory.outlines", stdout=out)
    assert "raw.githubusercontent.com/gregoiredavid/france-geojson/" in out.getvalue()
    assert "fichier attendu : geo/communes-hauts-de-france.geojson" in out.getvalue()
