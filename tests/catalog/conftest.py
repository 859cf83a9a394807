"""Fixtures: the territory the sample files join to, and the sample catalogue imported."""

from pathlib import Path

import pytest

from orientation.catalog.importers import formations, insertion, rome, tension
from orientation.core.importing import ImportReport
from tests.conftest import SAMPLES
from tests.territory.factories import BasinFactory, CommuneFactory, DepartmentFactory, EstablishmentFactory

SAMPLE_DIR: Path = SAMPLES / "catalog"
STEPS = (rome.run, tension.run, formations.run, insertion.run)


def run_catalog_import(source: Path = SAMPLE_DIR) -> ImportReport:
    report = ImportReport()
    for step in STEPS:
        step(source, report, lambda message: None)
    return report


@pytest.fixture
def sample_territory(db) -> dict:
    nord = DepartmentFactory()
    pdc = DepartmentFactory(pas_de_calais=True)
    aisne = DepartmentFactory(aisne=True)
    somme = DepartmentFactory(somme=True)
    lille_basin = BasinFactory(code="3216", name="LILLE", department=nord)
    artois = BasinFactory(code="3222", name="ARTOIS TERNOIS", department=pdc)
    BasinFactory(code="3204", name="SAINT QUENTIN", department=aisne)
    BasinFactory(code="3203", name="SANTERRE SOMME", department=somme)
    valenciennes = CommuneFactory(
        insee_code="59606", name="Valenciennes", department=nord, latitude=50.3579, longitude=3.5234
    )
    arras = CommuneFactory(insee_code="62041", name="Arras", department=pdc, latitude=50.2897, longitude=2.7658)
    lille = CommuneFactory(lille=True, department=nord, basin=lille_basin)
    hainaut = EstablishmentFactory(uai="0590223X", name="Lycée du Hainaut", commune=valenciennes, lycee=True)
    moulin = EstablishmentFactory(uai="0620006V", name="Lycée Jean Moulin", commune=arras, lycee=True)
    return {
        "lille": lille,
        "arras": arras,
        "valenciennes": valenciennes,
        "hainaut": hainaut,
        "moulin": moulin,
        "artois": artois,
    }


@pytest.fixture
def imported(sample_territory) -> ImportReport:
    """The sample catalogue, imported on top of the sample territory."""
    return run_catalog_import()
