"""The territory figures after importing the real open data, against the source files counted here.

Skipped when the official open-data directory is absent. The import runs once for the module,
inside a transaction rolled back at the end.
"""

import csv
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q, Sum

from orientation.territory.importers import STEPS
from orientation.territory.models import Commune, Establishment
from tests.conftest import real_open_data_dir

pytestmark = pytest.mark.realdata

EXPECTED_REP = {"02": (9, 3), "59": (45, 31), "60": (8, 4), "62": (32, 10), "80": (10, 4)}


@pytest.fixture(scope="module")
def real_data(django_db_setup, django_db_blocker):
    source = real_open_data_dir()
    if source is None:
        pytest.skip("Données ouvertes officielles absentes (ORIENTATION_OPEN_DATA non défini et pas de shared/data)")
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command(
            "import_open_data", "--source", str(source), "--step", *[s.name for s in STEPS], "--wet-run", stdout=out
        )
        yield source, out.getvalue()
        transaction.set_rollback(True)


def read(path, delimiter=","):
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter=delimiter)


def rep_counts_from_file(source) -> dict[str, tuple[int, int]]:
    """Public collèges in REP / REP+ per département, straight from the DEPP collège effectifs file."""
    rep, rep_plus = Counter(), Counter()
    for row in read(source / "establishments" / "fr-en-college-effectifs-niveau-sexe-lv_hdf_2024.csv"):
        if row["secteur"] == "PUBLIC" and row["denomination_principale"].startswith("COLLEGE"):
            rep[row["code_dept"].zfill(2)] += row["rep"] == "1"
            rep_plus[row["code_dept"].zfill(2)] += row["rep0"] == "1"
    return {dep: (rep[dep], rep_plus[dep]) for dep in rep}


def communes_from_file(source) -> tuple[Counter, Counter]:
    count, population = Counter(), Counter()
    for row in read(source / "communes" / "decoupage-administratif-6.0.0_communes_hdf.csv"):
        if row["type"] == "commune-actuelle":
            count[row["departement"]] += 1
            population[row["departement"]] += int(row["population"] or 0)
    return count, population


def test_public_colleges_in_rep_and_rep_plus_per_department(real_data):
    source, _output = real_data
    expected = rep_counts_from_file(source)
    assert expected == EXPECTED_REP
    rows = (
        Establishment.objects.filter(kind="COLLEGE", sector="PUBLIC")
        .values("commune__department__code")
        .annotate(
            rep=Count("pk", filter=Q(priority_network="REP")),
            rep_plus=Count("pk", filter=Q(priority_network="REP_PLUS")),
        )
    )
    assert {r["commune__department__code"]: (r["rep"], r["rep_plus"]) for r in rows} == expected


def test_communes_and_population_per_department(real_data):
    source, _output = real_data
    count, population = communes_from_file(source)
    rows = Commune.objects.values("department__code").annotate(n=Count("pk"), population=Sum("population"))
    assert {r["department__code"]: r["n"] for r in rows} == dict(count)
    assert {r["department__code"]: r["population"] for r in rows} == dict(population)
    assert sum(population.values()) == 5_992_194


def test_every_establishment_of_the_directory_is_imported_or_reported(real_data):
    source, output = real_data
    uais = {
        row["identifiant_de_l_etablissement"]
        for row in read(source / "establishments" / "fr-en-annuaire-education_mini_hdf_second-degre.csv")
    }
    imported = set(Establishment.objects.filter(uai__in=uais).values_list("uai", flat=True))
    assert imported == uais
    assert "UAI 0596846W en double" in output
    assert Commune.objects.filter(latitude__isnull=True).count() == 0
    assert Establishment.objects.filter(kind="CFA").count() == 50


def test_territory_stats_endpoint_matches_the_files(real_data, client):
    """``GET /api/v1/territory/stats``: département figures equal the files counted independently."""
    source, _output = real_data
    response = client.get("/api/v1/territory/stats")
    assert response.status_code == 200
    departments = {d["code"]: d for d in response.json()["departments"]}
    rep = rep_counts_from_file(source)
    count, population = communes_from_file(source)
    assert set(departments) == set(rep)
    for code, figures in departments.items():
        assert (figures["colleges_public_rep"], figures["colleges_public_rep_plus"]) == rep[code], code
        assert figures["communes"] == count[code], code
        assert figures["population"] == population[code], code


def test_every_commune_has_an_outline_merged_communes_through_their_former_codes(real_data):
    source, output = real_data
    from orientation.territory.models import Basin, Outline

    features = json.loads((source / "geo/communes-hauts-de-france.geojson").read_text(encoding="utf-8"))["features"]
    current = {
        row["code"]
        for row in read(source / "communes/decoupage-administratif-6.0.0_communes_hdf.csv")
        if row["type"] == "commune-actuelle"
    }
    counts = Counter(Outline.objects.values_list("level", flat=True))
    assert counts["COMMUNE"] == len(current) == Commune.objects.count()  # 3,782 today from 3,808 outlines of 2018
    assert len(features) - len(current) == len([f for f in features if f["properties"]["code"] not in current])
    assert counts["DEPARTMENT"] == 5
    assert counts["REGION"] == 1
    assert counts["BASIN"] == Basin.objects.count()
    assert "commune sans contour : 0" in output


def test_stored_outlines_are_light_enough_for_a_page(real_data):
    from orientation.territory.models import Outline

    def size(level, field="path", **filters):
        return sum(len(p) for p in Outline.objects.filter(level=level, **filters).values_list(field, flat=True))

    assert size("REGION") + size("DEPARTMENT") < 20_000  # the région map's base layer
    assert size("BASIN") < 40_000
    assert size("COMMUNE", code__startswith="59") < 80_000  # a choropleth of the Nord's 648 communes
