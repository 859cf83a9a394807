"""Territory importers: region, académies, départements, bassins, communes, map outlines, establishments.

``register_steps()`` is called from ``TerritoryConfig.ready()``; ``manage.py import_open_data`` runs them.
"""

from orientation.core.importing import ImportStep, register_step
from orientation.territory.importers import files, outlines, steps
from orientation.territory.importers.files import ImportFileError

__all__ = ["STEPS", "ImportFileError", "register_steps"]


def _urls(*specs: files.SourceFile) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.official_url for s in specs if s.official_url))


_ESTABLISHMENT_FILES = (
    files.ANNUAIRE,
    files.COLLEGES_GEOLOC,
    files.COLLEGE_HEADCOUNTS,
    files.LYCEE_GT_HEADCOUNTS,
    files.LYCEE_PRO_HEADCOUNTS,
    files.IPS_COLLEGES,
)
_COMMUNE_FILES = (files.COMMUNES, files.CENTRES, files.BASSINS, files.APPARTENANCE)


def _step(name: str, order: int, run, *specs: files.SourceFile) -> ImportStep:
    return ImportStep(name, order, run, _urls(*specs), sources=specs)


STEPS = (
    _step("territory.region", 100, steps.run_region, files.COLLEGES_GEOLOC),
    _step("territory.departments", 110, steps.run_departments, files.DEPARTEMENTS, files.ANNUAIRE),
    _step("territory.zones", 120, steps.run_zones, files.BASSINS, files.APPARTENANCE),
    _step("territory.communes", 130, steps.run_communes, *_COMMUNE_FILES),
    _step("territory.outlines", 135, outlines.run_outlines, *outlines.GEO_FILES, files.COMMUNES),
    _step("territory.establishments", 140, steps.run_establishments, *_ESTABLISHMENT_FILES),
    _step("territory.cfa", 150, steps.run_cfa, files.CFA),
    _step("territory.higher_education", 160, steps.run_higher_education, files.PARCOURSUP),
)


def register_steps() -> None:
    for step in STEPS:
        register_step(step)
