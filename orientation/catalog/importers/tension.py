"""Labour market: FAP-2021 families, the DARES ROME ↔ FAP table, BMO 2025 needs, 2021 tension indicators.

Joins: BMO métier codes are FAP228; the DARES table gives ROME **v3** × qualification → FAP341,
rolled up to FAP228 with the DARES tree (first 5 characters, checked against the tree); ROME 4 jobs
reach them through ``Job.rome_v3_parent``. Bassins (BE25 = BE19 codes) and départements join the
territory by code; a code the territory does not have is kept and counted as unjoined.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orientation.catalog.importers.common import clean, optional_float, optional_int, rome_code, rows
from orientation.catalog.importers.sync import pk_map, upsert
from orientation.catalog.models import FapFamily, Job, RecruitmentNeed, RomeFapLink, TensionIndicator
from orientation.core.importing import ImportReport, RowError, SourceFile, pad_code
from orientation.territory.models import Basin, Department

OFFICIAL_URLS = (
    "https://dares.travail-emploi.gouv.fr/donnees/la-nomenclature-des-familles-professionnelles-2021",
    "https://statistiques.francetravail.org/bmo",
    "https://dares.travail-emploi.gouv.fr/publication/les-tensions-sur-le-marche-du-travail",
)
FILES = {
    "fap_tree": SourceFile(
        "tension/Dares_Arborescence_FAP2021_niveaux_emboites.csv",
        ("Code_FAP341", *(f"{part}_FAP{level}" for level in (228, 86, 22) for part in ("Code", "Intitulé"))),
        ";",
        OFFICIAL_URLS[0],
        key=("Code_FAP341",),
        min_rows=100,
    ),
    "rome_fap": SourceFile(
        "tension/Dares_Table_passage_ROME_Qualif_to_FAP2021_pour_programme.csv",
        ("ROME", "Qualif", "FAP341"),
        ";",
        OFFICIAL_URLS[0],
        key=("ROME", "Qualif"),
        min_rows=1000,
    ),
    "bmo": SourceFile(
        "tension/Base_open_data_BMO_2025_hdf.csv",
        ("annee", "Code métier BMO", "Nom métier BMO", "Dept", "BE25", "NOMBE25", "met", "xmet", "smet"),
        ";",
        OFFICIAL_URLS[1],
        key=("annee", "Code métier BMO", "BE25"),
        min_rows=1000,
    ),
    "tension": SourceFile(
        "tension/cities-tension-utf8_hdf.csv",
        ("annee", "ROME", "cbassin", "oee", "defm_abc", "ind_tension_d"),
        ";",
        OFFICIAL_URLS[2],
        key=("annee", "ROME", "cbassin"),
        min_rows=500,
    ),
}


@dataclass(frozen=True)
class FapRecord:
    code: str
    label: str
    fap86_code: str
    fap86_label: str
    fap22_code: str
    fap22_label: str


def map_fap(row: dict) -> FapRecord:
    code = clean(row["Code_FAP228"]).upper()
    if len(code) != 5:
        raise RowError(f"code FAP228 invalide « {code} ».")
    return FapRecord(
        code=code,
        label=clean(row["Intitulé_FAP228"]),
        fap86_code=clean(row["Code_FAP86"]),
        fap86_label=clean(row["Intitulé_FAP86"]),
        fap22_code=clean(row["Code_FAP22"]),
        fap22_label=clean(row["Intitulé_FAP22"]),
    )


def map_rome_fap(row: dict) -> tuple[str, int, str]:
    """(ROME v3 code, qualification 0–9, FAP341 code)."""
    qualification = optional_int(row["Qualif"], "qualification")
    if qualification is None or qualification > 9:
        raise RowError(f"qualification invalide « {row['Qualif']} ».")
    fap341 = clean(row["FAP341"])
    if len(fap341) not in (5, 6):
        raise RowError(f"code FAP341 invalide « {fap341} ».")
    return rome_code(row["ROME"], "code ROME v3"), qualification, fap341


@dataclass(frozen=True)
class NeedRecord:
    year: int
    fap_code: str
    fap_label: str
    department_code: str
    basin_code: str
    basin_name: str
    projects: int | None
    difficult: int | None
    seasonal: int | None


def map_need(row: dict) -> NeedRecord:
    """One BMO row; masked cells (``*``) become None, never 0."""
    year = optional_int(row["annee"], "année")
    fap = clean(row["Code métier BMO"]).upper()
    basin = clean(row["BE25"])
    if year is None or len(fap) != 5 or not basin:
        raise RowError("année, code métier BMO ou bassin manquant.")
    projects = optional_int(row["met"], "projets")
    difficult = optional_int(row["xmet"], "projets difficiles")
    if projects is not None and difficult is not None and difficult > projects:
        raise RowError(f"{fap} / {basin} : {difficult} projets difficiles pour {projects} projets.")
    return NeedRecord(
        year=year,
        fap_code=fap,
        fap_label=clean(row["Nom métier BMO"]),
        department_code=pad_code(row["Dept"], 2),
        basin_code=pad_code(basin, 4),
        basin_name=clean(row["NOMBE25"]),
        projects=projects,
        difficult=difficult,
        seasonal=optional_int(row["smet"], "projets saisonniers"),
    )


TENSION_COMPONENTS = {
    "hiring_intensity": "ind_int_emb_d",
    "labour_shortage": "ind_main_oeuvre_d",
    "lasting_employment": "ind_dur_empl_d",
    "working_conditions": "ind_cond_travail_d",
    "geographic_mismatch": "ind_mismatch_geo_d",
    "training_specificity": "ind_specif_form_empl_d",
}


def _tension_class(value: str, what: str) -> int | None:
    number = optional_int(value, what)
    if number is not None and not 1 <= number <= 5:
        raise RowError(f"{what} : classe de 1 à 5 attendue, « {value} » trouvé.")
    return number


def map_tension(row: dict) -> dict:
    year = optional_int(row["annee"], "année")
    tension = _tension_class(row["ind_tension_d"], "tension")
    if year is None or tension is None:
        raise RowError("année ou tension manquante.")
    record = {
        "year": year,
        "rome_v3_code": rome_code(row["ROME"], "code ROME v3"),
        "basin_code": pad_code(row["cbassin"], 4),
        "offers": optional_float(row["oee"], "offres"),
        "jobseekers": optional_float(row["defm_abc"], "demandeurs d'emploi"),
        "tension": tension,
    }
    for field, column in TENSION_COMPONENTS.items():
        record[field] = _tension_class(row[column], column)
    return record


def _mapped(source: Path, key: str, mapper: Callable, report: ImportReport):
    for line, row in rows(source, FILES[key], report):
        try:
            yield mapper(row)
        except RowError as exc:
            report.reject(FILES[key].path, line, str(exc))
        except KeyError as exc:
            report.reject(FILES[key].path, line, f"colonne absente {exc}")


def run(source: Path, report: ImportReport, progress: Callable[[str], None]) -> None:
    progress("Marché du travail : familles professionnelles FAP-2021")
    fap341_to_228: dict[str, str] = {}
    families = {}
    for line, row in rows(source, FILES["fap_tree"], report):
        try:
            rec = map_fap(row)
        except RowError as exc:
            report.reject(FILES["fap_tree"].path, line, str(exc))
            continue
        fap341_to_228[clean(row["Code_FAP341"])] = rec.code
        families[(rec.code,)] = {
            "label": rec.label,
            "fap86_code": rec.fap86_code,
            "fap86_label": rec.fap86_label,
            "fap22_code": rec.fap22_code,
            "fap22_label": rec.fap22_label,
        }
    needs = list(_mapped(source, "bmo", map_need, report))
    for need in needs:  # a BMO family the tree lacks is still kept, with the survey's label
        if (need.fap_code,) not in families:
            report.unjoined["BMO : code métier absent de l'arborescence FAP-2021"] += 1
            families[(need.fap_code,)] = {
                "label": need.fap_label,
                "fap86_code": need.fap_code[:3],
                "fap86_label": "",
                "fap22_code": need.fap_code[:1],
                "fap22_label": "",
            }
    upsert(FapFamily, ("code",), families, report)
    family_pk = {code: pk for (code,), pk in pk_map(FapFamily, ("code",)).items()}

    progress("Marché du travail : table de passage ROME ↔ FAP (DARES)")
    links = {}
    for rome_v3, qualification, fap341 in _mapped(source, "rome_fap", map_rome_fap, report):
        fap228 = fap341_to_228.get(fap341) or fap341[:5]
        if fap341 not in fap341_to_228:
            report.unjoined[
                "DARES : code FAP341 absent de l'arborescence (rattaché par ses 5 premiers caractères)"
            ] += 1
        if fap228 not in family_pk:
            report.unjoin(FILES["rome_fap"].path, "DARES : famille FAP228 inconnue")
            continue
        links[(rome_v3, qualification)] = {"fap341_code": fap341, "family_id": family_pk[fap228]}
    upsert(RomeFapLink, ("rome_v3_code", "qualification"), links, report, delete_missing=True)
    rome_v3_with_fap = {code for code, _q in links}
    parents = list(Job.objects.values_list("rome_v3_parent", flat=True))
    job_parents = set(parents)
    missing = sum(1 for parent in parents if parent not in rome_v3_with_fap)
    if missing:
        report.unjoined["ROME 4 : fiche dont le parent ROME v3 n'a pas de famille FAP"] += missing

    progress("Marché du travail : besoins en main-d'œuvre (BMO)")
    basin_pk = {code: pk for (code,), pk in pk_map(Basin, ("code",)).items()}
    department_pk = {code: pk for (code,), pk in pk_map(Department, ("code",)).items()}
    records = {}
    mapped_families = {link["family_id"] for link in links.values()}
    for need in needs:
        if need.projects is None:
            report.unjoined["BMO : nombre de projets masqué (secret statistique)"] += 1
        if need.difficult is None:
            report.unjoined["BMO : projets difficiles masqués (secret statistique)"] += 1
        failed_joins = (
            (need.basin_code not in basin_pk, "BMO : bassin absent du territoire"),
            (need.department_code not in department_pk, "BMO : département absent du territoire"),
            (family_pk[need.fap_code] not in mapped_families, "BMO : famille sans fiche ROME (table DARES)"),
        )
        report.unjoin(FILES["bmo"].path, *(reason for failed, reason in failed_joins if failed))
        records[(need.year, family_pk[need.fap_code], need.basin_code)] = {
            "basin_name": need.basin_name,
            "basin_id": basin_pk.get(need.basin_code),
            "department_code": need.department_code,
            "department_id": department_pk.get(need.department_code),
            "projects": need.projects,
            "difficult": need.difficult,
            "seasonal": need.seasonal,
        }
    upsert(RecruitmentNeed, ("year", "family_id", "basin_code"), records, report, delete_missing=True)
    bmo_codes = {n.fap_code for n in needs}
    report.notes.append(
        f"BMO : {len(records)} lignes, {len(bmo_codes)} codes métier, dont "
        f"{sum(1 for c in bmo_codes if family_pk[c] in mapped_families)} reliés à au moins une fiche ROME."
    )

    progress("Marché du travail : indicateurs de tension 2021")
    tensions = {}
    for rec in _mapped(source, "tension", map_tension, report):
        failed_joins = (
            (rec["rome_v3_code"] not in job_parents, "Tension : code ROME v3 sans fiche ROME 4"),
            (rec["basin_code"] not in basin_pk, "Tension : bassin absent du territoire"),
        )
        report.unjoin(FILES["tension"].path, *(reason for failed, reason in failed_joins if failed))
        key = (rec.pop("year"), rec.pop("rome_v3_code"), rec.pop("basin_code"))
        rec["basin_id"] = basin_pk.get(key[2])
        tensions[key] = rec
    upsert(TensionIndicator, ("year", "rome_v3_code", "basin_code"), tensions, report, delete_missing=True)
