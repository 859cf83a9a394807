"""Territory importers: region, académies, départements, bassins, communes, establishments.

``register_steps()`` is called from ``TerritoryConfig.ready()``; ``manage.py import_open_data`` runs them.
"""

from orientation.core.importing import ImportStep, register_step
from orientation.territory.importers import files, steps
from orientation.territory.importers.files import ImportFileError

__all__ = ["STEPS", "ImportFileError", "register_steps"]


def _urls(*specs: files.SourceFile) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.official_url for s in specs if s.official_url))


def _paths(*specs: files.SourceFile) -> tuple[str, ...]:
    return tuple(s.path for s in specs)


_ESTABLISHMENT_FILES = (
    files.ANNUAIRE,
    files.COLLEGES_GEOLOC,
    files.COLLEGE_HEADCOUNTS,
    files.LYCEE_GT_HEADCOUNTS,
    files.LYCEE_PRO_HEADCOUNTS,
    files.IPS_COLLEGES,
)
_COMMUNE_FILES = (files.COMMUNES, files.CENTRES, files.BASSINS, files.APPARTENANCE)

STEPS = (
    ImportStep(
        "territory.region",
        100,
        steps.run_region,
        _urls(files.COLLEGES_GEOLOC),
        _paths(files.COLLEGES_GEOLOC),
    ),
    ImportStep(
        "territory.departments",
        110,
        steps.run_departments,
        _urls(files.DEPARTEMENTS, files.ANNUAIRE),
        _paths(files.DEPARTEMENTS, files.ANNUAIRE),
    ),
    ImportStep(
        "territory.zones",
        120,
        steps.run_zones,
        _urls(files.BASSINS, files.APPARTENANCE),
        _paths(files.BASSINS, files.APPARTENANCE),
    ),
    ImportStep("territory.communes", 130, steps.run_communes, _urls(*_COMMUNE_FILES), _paths(*_COMMUNE_FILES)),
    ImportStep(
        "territory.establishments",
        140,
        steps.run_establishments,
        _urls(*_ESTABLISHMENT_FILES),
        _paths(*_ESTABLISHMENT_FILES),
    ),
    ImportStep("territory.cfa", 150, steps.run_cfa, _urls(files.CFA), _paths(files.CFA)),
    ImportStep(
        "territory.higher_education",
        160,
        steps.run_higher_education,
        _urls(files.PARCOURSUP),
        _paths(files.PARCOURSUP),
    ),
)


def register_steps() -> None:
    for step in STEPS:
        register_step(step)
