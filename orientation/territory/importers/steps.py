"""The territory import steps (order 100–199): fetch → map → sync for each dataset.

Steps run in order inside the one transaction opened by ``import_open_data``; a later step reads
what an earlier one wrote (e.g. establishments join the communes by INSEE code).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from orientation.core.geo import haversine_km
from orientation.core.importing import ImportFileError, ImportReport, RowError, SourceFile, pad_code, read_rows
from orientation.territory.calendar import zone_of_academy
from orientation.territory.enums import EstablishmentKind, Ministry, PriorityNetwork, Sector
from orientation.territory.importers import files, mapping
from orientation.territory.importers.sync import replace_children, upsert
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

Progress = Callable[[str], None]
PROGRESS_EVERY = 1000


def region_code() -> str:
    return pad_code(str(settings.ORIENTATION_REGION_CODE), 2)


def mapped_rows(spec: SourceFile, source: Path, mapper, report: ImportReport, progress: Progress | None = None):
    """Yield (line, record) for each row ``mapper`` accepts; rejected rows go to the report."""
    for count, (line, row) in enumerate(read_rows(spec, source, report), start=1):
        if progress and count % PROGRESS_EVERY == 0:
            progress(f"{spec.path} : {count} lignes lues")
        try:
            record = mapper(row)
        except RowError as exc:
            report.reject(spec.path, line, str(exc))
            continue
        if record is not None:
            yield line, record


def _region(source: Path) -> Region:
    region = Region.objects.filter(code=region_code()).first()
    if region is None:
        raise ImportFileError(f"La région {region_code()} n'est pas encore importée (étape territory.region).")
    return region


# --- 100 region and académies ------------------------------------------------------------------


def run_region(source: Path, report: ImportReport, progress: Progress) -> None:
    code = region_code()
    region_names: Counter = Counter()
    academies: dict[str, str] = {}
    for _line, record in mapped_rows(files.COLLEGES_GEOLOC, source, mapping.map_academy, report):
        if record.region_code != code:
            report.unjoin(files.COLLEGES_GEOLOC.path, "académie : ligne hors de la région configurée")
            continue
        region_names[record.region_name] += 1
        academies.setdefault(record.code, record.name)
    if not region_names:
        raise ImportFileError(
            f"{files.COLLEGES_GEOLOC.path} : aucune ligne pour la région {code} (ORIENTATION_REGION_CODE)."
        )
    regions = upsert(Region, "code", {code: {"name": region_names.most_common(1)[0][0], "is_demo": False}}, report)
    region = regions[code]
    upsert(
        Academy,
        "code",
        {
            academy: {"name": name, "region_id": region.pk, "holiday_zone": zone_of_academy(academy)}
            for academy, name in sorted(academies.items())
        },
        report,
    )


# --- 110 départements --------------------------------------------------------------------------


def run_departments(source: Path, report: ImportReport, progress: Progress) -> None:
    code = region_code()
    academies = {a.code: a for a in Academy.objects.filter(region__code=code)}
    # The académie of a département, read from the establishment directory (most of its establishments).
    votes: dict[str, Counter] = defaultdict(Counter)
    for _line, row in read_rows(files.ANNUAIRE, source, report):
        commune = pad_code(row["code_commune"], 5)
        if pad_code(row["code_region"], 2) == code and len(commune) == 5:
            department = commune[:3] if commune.startswith("97") else commune[:2]
            votes[department][pad_code(row["code_academie"], 2)] += 1
    records = {}
    for line, record in mapped_rows(files.DEPARTEMENTS, source, mapping.map_department, report):
        if record.region_code != code:
            continue
        academy_code = votes[record.code].most_common(1)[0][0] if votes[record.code] else None
        academy = academies.get(academy_code)
        if academy is None:
            report.reject(files.DEPARTEMENTS.path, line, f"département {record.code} : académie introuvable")
            report.unjoin(files.DEPARTEMENTS.path, "département : académie introuvable")
            continue
        records[record.code] = {"name": record.name, "academy_id": academy.pk}
    upsert(Department, "code", records, report)


# --- 120 bassins d'emploi and zones d'emploi ---------------------------------------------------


def run_zones(source: Path, report: ImportReport, progress: Progress) -> None:
    region = _region(source)
    departments = dict(Department.objects.values_list("code", "pk"))
    names: dict[str, str] = {}
    votes: dict[str, Counter] = defaultdict(Counter)
    for _line, record in mapped_rows(files.BASSINS, source, mapping.map_basin_membership, report):
        names.setdefault(record.basin_code, record.basin_name)
        votes[record.basin_code][record.department_code] += 1
    basins = {}
    for code, name in sorted(names.items()):
        department_code = votes[code].most_common(1)[0][0]
        if department_code not in departments:
            report.unjoin(files.BASSINS.path, "bassin : département principal inconnu")
        basins[code] = {
            "name": name.title() if name.isupper() else name,
            "region_id": region.pk,
            "department_id": departments.get(department_code),
        }
    upsert(Basin, "code", basins, report)
    zones = {}
    for _line, record in mapped_rows(files.APPARTENANCE, source, mapping.map_zone_membership, report):
        if record.employment_zone:
            zones.setdefault(record.employment_zone, {})
    upsert(EmploymentZone, "code", dict(sorted(zones.items())), report, queryset=EmploymentZone.objects.all())


# --- 130 communes --------------------------------------------------------------------------------


def _pick_current(memberships: dict[str, list], current_code: str):
    """The membership row for a current commune: its own code first, else a former commune's row."""
    rows = memberships.get(current_code)
    return rows[0] if rows else None


def run_communes(source: Path, report: ImportReport, progress: Progress) -> None:
    code = region_code()
    departments = dict(Department.objects.values_list("code", "pk"))
    communes: dict[str, mapping.CommuneRecord] = {}
    lines: dict[str, int] = {}
    current_of: dict[str, str] = {}
    for line, row in read_rows(files.COMMUNES, source, report):
        if pad_code(row["region"], 2) != code:
            continue
        kind = (row["type"] or "").strip()
        if kind in ("commune-deleguee", "commune-associee") and row["chefLieu"]:
            current_of.setdefault(pad_code(row["code"], 5), pad_code(row["chefLieu"], 5))
        try:
            record = mapping.map_commune(row)
        except RowError as exc:
            report.reject(files.COMMUNES.path, line, str(exc))
            continue
        if record is None:
            continue
        if record.department_code not in departments:
            report.reject(files.COMMUNES.path, line, f"commune {record.insee_code} : département inconnu")
            report.unjoin(files.COMMUNES.path, "commune : département inconnu")
            continue
        communes[record.insee_code] = record
        lines[record.insee_code] = line
        for former in record.former_codes:
            current_of.setdefault(former, record.insee_code)
    for insee in communes:
        current_of[insee] = insee  # a current code always stands for itself
    progress(f"{len(communes)} communes actuelles lues")

    centres = {}
    for _line, (insee, lat, lon) in mapped_rows(files.CENTRES, source, mapping.map_commune_centre, report):
        centres[insee] = (lat, lon)

    def by_current(spec, mapper) -> dict[str, list]:
        grouped: dict[str, list] = defaultdict(list)
        for _line, record in mapped_rows(spec, source, mapper, report, progress):
            current = current_of.get(record.insee_code)
            if current is None:
                report.unjoin(spec.path, f"{spec.path} : commune inconnue (code ancien ou hors région)")
                continue
            # A current commune's own row wins over the rows of communes merged into it.
            if record.insee_code == current:
                grouped[current].insert(0, record)
            else:
                grouped[current].append(record)
        return grouped

    basin_rows = by_current(files.BASSINS, mapping.map_basin_membership)
    zone_rows = by_current(files.APPARTENANCE, mapping.map_zone_membership)
    basins = dict(Basin.objects.values_list("code", "pk"))
    zones = dict(EmploymentZone.objects.values_list("code", "pk"))
    records = {}
    for insee, record in communes.items():
        lat, lon = centres.get(insee, (None, None))
        if lat is None:
            report.unjoin(files.COMMUNES.path, "commune : pas de centre géographique")
        basin = _pick_current(basin_rows, insee)
        zone = _pick_current(zone_rows, insee)
        if basin is None:
            report.unjoin(files.COMMUNES.path, "commune : bassin d'emploi introuvable")
        if zone is None:
            report.unjoin(files.COMMUNES.path, "commune : zone d'emploi / unité urbaine introuvable")
        records[insee] = {
            "name": record.name,
            "department_id": departments[record.department_code],
            "postal_codes": record.postal_codes,
            "population": record.population,
            "latitude": lat,
            "longitude": lon,
            "basin_id": basins.get(basin.basin_code) if basin else None,
            "employment_zone_id": zones.get(zone.employment_zone) if zone and zone.employment_zone else None,
            "urban_unit_size": zone.urban_unit_size if zone else None,
            "urban_class": zone.urban_class if zone else "UNKNOWN",
        }
    upsert(Commune, "insee_code", records, report)
    progress(f"{len(records)} communes synchronisées")


# --- 140 establishments (second degree) -------------------------------------------------------------


def _collect_headcounts(source: Path, report: ImportReport, progress: Progress) -> dict[str, list[mapping.Headcounts]]:
    by_uai: dict[str, list[mapping.Headcounts]] = defaultdict(list)
    for _line, record in mapped_rows(files.COLLEGE_HEADCOUNTS, source, mapping.map_college_headcounts, report):
        by_uai[record.uai].append(record)
    for _line, record in mapped_rows(files.LYCEE_GT_HEADCOUNTS, source, mapping.map_lycee_gt_headcounts, report):
        by_uai[record.uai].append(record)
    pro: dict[tuple[str, int], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    private: dict[tuple[str, int], bool] = {}
    for _line, row in mapped_rows(files.LYCEE_PRO_HEADCOUNTS, source, mapping.map_lycee_pro_row, report, progress):
        pro[(row.uai, row.school_year)][row.level.level].append(row.level)
        private[(row.uai, row.school_year)] = row.private
    for (uai, year), levels in pro.items():
        grouped = []
        for label, parts in levels.items():
            girls = [p.girls for p in parts]
            boys = [p.boys for p in parts]
            grouped.append(
                mapping.LevelCount(
                    label,
                    min(p.position for p in parts),
                    sum(p.total for p in parts),
                    None if None in girls else sum(girls),
                    None if None in boys else sum(boys),
                )
            )
        grouped.sort(key=lambda lc: (lc.position, lc.level))
        by_uai[uai].append(
            mapping.Headcounts(uai, year, sum(lc.total for lc in grouped), private[(uai, year)], grouped)
        )
    return by_uai


def run_establishments(source: Path, report: ImportReport, progress: Progress) -> None:
    code = region_code()
    communes = dict(Commune.objects.values_list("insee_code", "pk"))

    # Master list: the annuaire; a UAI listed twice keeps its main site, the others are reported.
    candidates: dict[str, list[tuple[int, int, mapping.EstablishmentRecord]]] = defaultdict(list)
    for line, row in read_rows(files.ANNUAIRE, source, report):
        if pad_code(row["code_region"], 2) != code:
            report.unjoin(files.ANNUAIRE.path, "établissement : hors de la région configurée")
            continue
        try:
            record = mapping.map_annuaire(row)
        except RowError as exc:
            report.reject(files.ANNUAIRE.path, line, str(exc))
            continue
        candidates[record.uai].append((mapping.site_rank(record.name), line, record))
    establishments: dict[str, mapping.EstablishmentRecord] = {}
    lines: dict[str, int] = {}
    for uai, rows in candidates.items():
        rows.sort(key=lambda r: (r[0], r[1]))
        _rank, main_line, main = rows[0]
        for _rank, line, other in rows[1:]:
            report.reject(
                files.ANNUAIRE.path,
                line,
                f"UAI {uai} en double (« {other.name} ») : ligne {main_line} retenue comme site principal",
            )
        establishments[uai] = main
        lines[uai] = main_line
    progress(f"{len(establishments)} établissements dans l'annuaire")

    for _line, address in mapped_rows(files.COLLEGES_GEOLOC, source, mapping.map_college_address, report):
        record = establishments.get(address.uai)
        if record is None:
            report.unjoin(files.COLLEGES_GEOLOC.path, "adresse des collèges : UAI absent de l'annuaire")
            continue
        record.address, record.postal_code = address.address, address.postal_code
        record.sector, record.ministry = address.sector, address.ministry

    latest_counts: dict[str, list[mapping.Headcounts]] = {}
    for uai, counts in _collect_headcounts(source, report, progress).items():
        record = establishments.get(uai)
        if record is None:
            report.unjoined["effectifs : UAI absent de l'annuaire"] += 1
            continue
        years = {c.school_year for c in counts}
        latest = max(years)
        record.pupils = sum(c.total for c in counts if c.school_year == latest)
        record.pupils_school_year = latest
        if any(c.private for c in counts) and record.sector == Sector.PRIVATE:
            record.sector = str(Sector.PRIVATE_CONTRACT)  # DEPP counts only cover schools under contract
        networks = {c.priority_network for c in counts} - {PriorityNetwork.NONE}
        if networks:
            if record.kind in (EstablishmentKind.COLLEGE, EstablishmentKind.SEGPA):
                record.priority_network = networks.pop()
            else:
                report.unjoined["éducation prioritaire : établissement qui n'est pas un collège"] += 1
        latest_counts[uai] = [c for c in counts if c.school_year == latest]

    for _line, ips in mapped_rows(files.IPS_COLLEGES, source, mapping.map_ips, report):
        record = establishments.get(ips.uai)
        if record is None:
            report.unjoin(files.IPS_COLLEGES.path, "IPS : UAI absent de l'annuaire")
            continue
        record.ips, record.ips_school_year = ips.ips, ips.school_year

    records = {}
    for uai, record in sorted(establishments.items()):
        commune_id = communes.get(record.commune_code)
        if commune_id is None:
            report.unjoin(files.ANNUAIRE.path, "établissement : commune inconnue")
            report.reject(
                files.ANNUAIRE.path, lines[uai], f"{uai} : commune {record.commune_code} inconnue, non importé"
            )
            continue
        records[uai] = _establishment_values(record, commune_id)
    saved = upsert(Establishment, "uai", records, report)
    progress(f"{len(saved)} établissements synchronisés")

    headcounts = {}
    for uai in establishments:
        if uai not in saved:
            continue
        for counts in latest_counts.get(uai, ()):
            for lc in counts.levels:
                key = (saved[uai].pk, counts.school_year, lc.level)
                headcounts[key] = {"position": lc.position, "girls": lc.girls, "boys": lc.boys, "total": lc.total}
    replace_children(
        EstablishmentHeadcount,
        "establishment",
        (e.pk for e in saved.values()),
        ("establishment_id", "school_year", "level"),
        headcounts,
        report,
    )


def _establishment_values(record: mapping.EstablishmentRecord, commune_id: int) -> dict:
    return {
        "name": record.name,
        "kind": record.kind,
        "sector": record.sector,
        "ministry": record.ministry,
        "priority_network": record.priority_network,
        "commune_id": commune_id,
        "address": record.address,
        "postal_code": record.postal_code,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "pupils": record.pupils,
        "pupils_school_year": record.pupils_school_year,
        "ips": record.ips,
        "ips_school_year": record.ips_school_year,
        "has_general_track": record.has_general_track,
        "siret": record.siret,
    }


# --- 150 CFA -----------------------------------------------------------------------------------------


def run_cfa(source: Path, report: ImportReport, progress: Progress) -> None:
    communes = {c.insee_code: c for c in Commune.objects.only("pk", "insee_code", "latitude", "longitude")}
    known = dict(Establishment.objects.exclude(kind=EstablishmentKind.CFA).values_list("uai", "kind"))
    records = {}
    for line, record in mapped_rows(files.CFA, source, mapping.map_cfa, report):
        if record.uai in known:
            report.notes.append(f"CFA {record.uai} déjà connu comme {known[record.uai]} : laissé tel quel")
            continue
        commune = communes.get(record.commune_code)
        if commune is None:
            report.reject(files.CFA.path, line, f"{record.uai} : commune {record.commune_code} inconnue")
            report.unjoin(files.CFA.path, "CFA : commune inconnue")
            continue
        record.latitude, record.longitude = commune.latitude, commune.longitude  # commune centroid
        records[record.uai] = _establishment_values(record, commune.pk)
    upsert(Establishment, "uai", records, report, queryset=Establishment.objects.filter(uai__in=list(records)))
    if records:
        report.notes.append(f"{len(records)} CFA placés au centre de leur commune (pas de coordonnées dans la source)")


# --- 160 higher education (Parcoursup) ----------------------------------------------------------


def run_higher_education(source: Path, report: ImportReport, progress: Progress) -> None:
    known = set(Establishment.objects.exclude(kind=EstablishmentKind.HIGHER_EDUCATION).values_list("uai", flat=True))
    by_department: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    for pk, lat, lon, dep in Commune.objects.filter(latitude__isnull=False).values_list(
        "pk", "latitude", "longitude", "department__code"
    ):
        by_department[dep].append((pk, lat, lon))
    seen: set[str] = set()
    records = {}
    derived = already_known = 0
    for line, record in mapped_rows(files.PARCOURSUP, source, mapping.map_parcoursup, report):
        if record.uai in seen:
            continue  # one row per training: the establishment's first row gives its name and point
        seen.add(record.uai)
        if record.uai in known:
            already_known += 1  # a lycée with BTS/CPGE classes, a CFA…: the richer source wins
            continue
        candidates = by_department.get(mapping.department_of_uai(record.uai))
        if not candidates:
            report.reject(files.PARCOURSUP.path, line, f"{record.uai} : département de l'UAI hors de la région")
            report.unjoin(files.PARCOURSUP.path, "enseignement supérieur : département inconnu")
            continue
        commune_id = min(candidates, key=lambda c: haversine_km(record.latitude, record.longitude, c[1], c[2]))[0]
        derived += 1
        records[record.uai] = {
            "name": record.name,
            "kind": str(EstablishmentKind.HIGHER_EDUCATION),
            "sector": record.sector,
            "ministry": str(Ministry.HIGHER_EDUCATION),
            "commune_id": commune_id,
            "latitude": record.latitude,
            "longitude": record.longitude,
        }
    upsert(Establishment, "uai", records, report, queryset=Establishment.objects.filter(uai__in=list(records)))
    if already_known:
        report.notes.append(f"{already_known} UAI de Parcoursup déjà connus (lycées, CFA…) : laissés tels quels")
    if derived:
        report.notes.append(
            f"{derived} établissements du supérieur : commune déduite (commune la plus proche du point GPS, "
            "dans le département de l'UAI)"
        )
