"""InserJeunes: insertion of vocational-lycée leavers (DEPP, per year) and of apprentices (per CFA).

The two oldest lycée files lack column names; the header is rebuilt from the documented column
order. Rates are percentages; ``nd`` (not available) is NULL. UAIs join the territory; an unknown
UAI is kept (rates are still shown by UAI) and counted as unjoined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from orientation.catalog.enums import InsertionPopulation, InsertionSource
from orientation.catalog.importers.common import clean, optional_float, rows, uai
from orientation.catalog.importers.sync import pk_map, upsert
from orientation.catalog.models import InsertionRate
from orientation.core.importing import ImportReport, RowError, SourceFile
from orientation.territory.models import Establishment

OFFICIAL_URLS = (
    "https://data.education.gouv.fr/explore/dataset/fr-en-inserjeunes-cfa/",
    "https://www.education.gouv.fr/inserjeunes",
)
POPULATIONS = {
    "ensemble": InsertionPopulation.ALL,
    "dont apprentis": InsertionPopulation.APPRENTICES,
    "dont eleves en voie pro sco": InsertionPopulation.SCHOOL_PUPILS,
    "dont élèves en voie pro sco": InsertionPopulation.SCHOOL_PUPILS,
}
MODERN_HEADER = [
    "n°UAI de l'établissement",
    "Libellé de l'établissement",
    "Région",
    "Dont apprentis en EPLE",
    "Taux de poursuite d'études",
    "Taux",
    "Taux attendu",
    "Valeur ajoutée",
    "Part en poursuite d'études",
    "Part en emploi 6 mois après la sortie",
    "Part des autres situations",
]
# The two oldest files have blank header cells but the same column order (2019_2020 stops after 9).
OLD_HEADERS = {"2018_2019": MODERN_HEADER, "2019_2020": MODERN_HEADER[:9]}
_LYCEE_COLUMNS = ("n°UAI de l'établissement", "Libellé de l'établissement", "Dont apprentis en EPLE", "Taux")


def _lycee_file(period: str) -> SourceFile:
    return SourceFile(
        f"insertion/depp-2022-etablissements-{period}-pro_hdf.csv",
        _LYCEE_COLUMNS,
        ";",
        OFFICIAL_URLS[1],
        key=("n°UAI de l'établissement", "Dont apprentis en EPLE"),
        min_rows=100,
        names=tuple(OLD_HEADERS.get(period, ())),
    )


LYCEE_FILES = {
    period: _lycee_file(period) for period in ("2018_2019", "2019_2020", "2020_2021", "2021_2022", "2022_2023")
}
CFA_FILE = SourceFile(
    "insertion/fr-en-inserjeunes-cfa_hdf.csv",
    (
        "Année",
        "UAI",
        "Libellé",
        "Taux poursuite études",
        "Taux emploi 6 mois",
        "Taux emploi 6 mois attendu",
        "VA emploi 6 mois",
        "Taux emploi 12 mois",
        "Taux emploi 24 mois",
        "Part contrats apprentissage interrompus",
    ),
    ";",
    OFFICIAL_URLS[0],
    key=("Année", "UAI"),
    min_rows=100,
)


def map_lycee_row(row: dict, period: str) -> dict:
    population = POPULATIONS.get(clean(row.get("Dont apprentis en EPLE") or "ensemble").lower())
    if population is None:
        raise RowError(f"public inconnu « {row.get('Dont apprentis en EPLE')} ».")
    return {
        "uai": uai(row["n°UAI de l'établissement"]),
        "label": clean(row["Libellé de l'établissement"])[:300],
        "source": InsertionSource.LYCEE_PRO,
        "period": period,
        "population": population,
        "further_study_rate": optional_float(row.get("Taux de poursuite d'études", ""), "taux de poursuite"),
        "employment_rate_6m": optional_float(row.get("Taux", ""), "taux d'emploi"),
        "expected_employment_rate_6m": optional_float(row.get("Taux attendu", ""), "taux attendu"),
        "value_added": optional_float(row.get("Valeur ajoutée", ""), "valeur ajoutée"),
        "employment_rate_12m": None,
        "employment_rate_24m": None,
        "interrupted_contracts_share": None,
    }


def map_cfa_row(row: dict) -> dict:
    period = clean(row["Année"])
    if not re.match(r"^cumul \d{4}-\d{4}$", period):
        raise RowError(f"période inattendue « {period} ».")
    return {
        "uai": uai(row["UAI"]),
        "label": clean(row["Libellé"])[:300],
        "source": InsertionSource.CFA,
        "period": period,
        "population": InsertionPopulation.APPRENTICES,
        "further_study_rate": optional_float(row["Taux poursuite études"], "taux de poursuite"),
        "employment_rate_6m": optional_float(row["Taux emploi 6 mois"], "taux d'emploi à 6 mois"),
        "expected_employment_rate_6m": optional_float(row["Taux emploi 6 mois attendu"], "taux attendu"),
        "value_added": optional_float(row["VA emploi 6 mois"], "valeur ajoutée"),
        "employment_rate_12m": optional_float(row["Taux emploi 12 mois"], "taux d'emploi à 12 mois"),
        "employment_rate_24m": optional_float(row["Taux emploi 24 mois"], "taux d'emploi à 24 mois"),
        "interrupted_contracts_share": optional_float(
            row["Part contrats apprentissage interrompus"], "contrats interrompus"
        ),
    }


def run(source: Path, report: ImportReport, progress: Callable[[str], None]) -> None:
    progress("InserJeunes : lycées professionnels et CFA")
    records: dict[tuple, dict] = {}
    for period, spec in LYCEE_FILES.items():
        for line, row in rows(source, spec, report):
            try:
                rec = map_lycee_row(row, period)
            except (RowError, KeyError) as exc:
                report.reject(spec.path, line, str(exc))
                continue
            records[(rec.pop("uai"), rec.pop("source"), rec.pop("period"), rec.pop("population"))] = rec
    for line, row in rows(source, CFA_FILE, report):
        try:
            rec = map_cfa_row(row)
        except (RowError, KeyError) as exc:
            report.reject(CFA_FILE.path, line, str(exc))
            continue
        records[(rec.pop("uai"), rec.pop("source"), rec.pop("period"), rec.pop("population"))] = rec
    establishments = {code: pk for (code,), pk in pk_map(Establishment, ("uai",)).items()}
    unknown = set()
    for key, rec in records.items():
        rec["establishment_id"] = establishments.get(key[0])
        if rec["establishment_id"] is None:
            unknown.add(key[0])
    if unknown:
        report.unjoined["InserJeunes : UAI absent du territoire (établissements)"] += len(unknown)
    upsert(InsertionRate, ("uai", "source", "period", "population"), records, report, delete_missing=True)
