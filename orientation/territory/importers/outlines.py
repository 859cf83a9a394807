"""The outlines of the base maps (step ``territory.outlines``): région, départements, basins, communes.

fetch: three GeoJSON files (IGN ADMIN EXPRESS 2018 outlines, INSEE codes), read strictly: a file that
is not GeoJSON, has no feature, a feature without code or polygon, or a code twice is refused whole
(file and reason; the feature's position stands for the line).
map: each outline is projected to Lambert-93 map units and simplified once, at two levels of detail,
along shared borders (``geometry.Topology``). A commune merged since 2018 is the union of its former
outlines, joined through ``anciensCodes``; a basin is the union of its communes.
sync: one upsert per level keyed on the official code; outlines the data no longer has are deleted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from orientation.core.importing import ImportFileError, ImportReport, SourceFile, pad_code, read_rows
from orientation.territory import geometry
from orientation.territory.enums import OutlineLevel
from orientation.territory.importers import files
from orientation.territory.importers.steps import region_code
from orientation.territory.importers.sync import upsert
from orientation.territory.models import Commune, Department, Outline

TOLERANCE = 5.0
"""Map units (100 m) a simplified border may stray: two pixels on a map of the Nord, one of the région."""
TOLERANCE_DETAIL = 1.0
"""The same for maps of a few communes (placement search, an establishment's surroundings)."""

_GEOJSON_BASE = (
    "https://raw.githubusercontent.com/gregoiredavid/france-geojson/5d34ee6d0140c29f785fdb047d9329f1aab58833/"
    "regions/hauts-de-france/"
)


REGION = SourceFile(
    "geo/region-hauts-de-france.geojson", official_url=_GEOJSON_BASE + "region-hauts-de-france.geojson", geojson=True
)
DEPARTMENTS = SourceFile(
    "geo/departements-hauts-de-france.geojson",
    official_url=_GEOJSON_BASE + "departements-hauts-de-france.geojson",
    geojson=True,
)
COMMUNES = SourceFile(
    "geo/communes-hauts-de-france.geojson",
    official_url=_GEOJSON_BASE + "communes-hauts-de-france.geojson",
    min_rows=2,
    geojson=True,
)
GEO_FILES = (REGION, DEPARTMENTS, COMMUNES)


@dataclass(frozen=True)
class Feature:
    code: str
    name: str
    rings: list
    """Every ring of every polygon, as lists of [longitude, latitude]."""


def _polygon_rings(geometry_value, where: str) -> list:
    kind = (geometry_value or {}).get("type") if isinstance(geometry_value, dict) else None
    coordinates = geometry_value.get("coordinates") if kind else None
    if kind == "Polygon" and isinstance(coordinates, list):
        polygons = [coordinates]
    elif kind == "MultiPolygon" and isinstance(coordinates, list):
        polygons = coordinates
    else:
        raise ImportFileError(f"{where} : géométrie absente ou autre qu'un polygone ({kind or 'aucune'}).")
    rings = [ring for polygon in polygons for ring in polygon]
    for ring in rings:
        if len(ring) < 4 or not all(
            isinstance(point, list) and len(point) >= 2 and all(isinstance(c, int | float) for c in point[:2])
            for point in ring
        ):
            raise ImportFileError(f"{where} : contour mal formé (au moins 4 points [longitude, latitude] attendus).")
        for longitude, latitude, *_ in ring:
            if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
                raise ImportFileError(f"{where} : coordonnées hors limites ({longitude}, {latitude}).")
    return rings


def read_features(spec: SourceFile, source: Path, *, code_width: int) -> list[Feature]:
    """Every feature of a GeoJSON file (a FeatureCollection or a single Feature), checked; see the module doc."""
    path = Path(source) / spec.path
    if not path.is_file():
        raise ImportFileError(f"{spec.path} : fichier introuvable dans {source}.")
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{spec.path} : encodage autre que UTF-8 (octet {exc.start}), fichier refusé.") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(f"{spec.path}:{exc.lineno} : GeoJSON illisible ({exc.msg}), fichier refusé.") from None
    raw = data.get("features") if isinstance(data, dict) and data.get("type") == "FeatureCollection" else None
    if isinstance(data, dict) and data.get("type") == "Feature":
        raw = [data]
    if not isinstance(raw, list):
        raise ImportFileError(f"{spec.path} : ni FeatureCollection ni Feature GeoJSON, fichier refusé.")
    if len(raw) < spec.min_rows:
        raise ImportFileError(
            f"{spec.path} : {len(raw)} contour(s), au moins {spec.min_rows} attendu(s) (fichier vide ou coupé ?)."
        )
    features: list[Feature] = []
    first_seen: dict[str, int] = {}
    for number, item in enumerate(raw, start=1):
        where = f"{spec.path}, contour n° {number}"
        properties = item.get("properties") if isinstance(item, dict) else None
        code = pad_code(str((properties or {}).get("code") or ""), code_width)
        name = str((properties or {}).get("nom") or "").strip()
        if not code or not name:
            raise ImportFileError(f"{where} : propriétés « code » et « nom » attendues.")
        if code in first_seen:
            raise ImportFileError(f"{where} : code {code} déjà donné par le contour n° {first_seen[code]}.")
        first_seen[code] = number
        features.append(Feature(code, name, _polygon_rings(item.get("geometry"), where)))
    return features


def current_code_of(source: Path, report: ImportReport) -> dict[str, str]:
    """Old commune code → current code, from ``anciensCodes`` (and delegated communes' ``chefLieu``)."""
    current: dict[str, str] = {}
    for _line, row in read_rows(files.COMMUNES, source, report):
        code = pad_code(row["code"], 5)
        if (row["type"] or "").strip() == "commune-actuelle":
            for former in (row["anciensCodes"] or "").split("|"):
                if former.strip():
                    current.setdefault(pad_code(former, 5), code)
        elif row["chefLieu"]:
            current.setdefault(code, pad_code(row["chefLieu"], 5))
    return current


@dataclass(frozen=True)
class OutlineRecord:
    code: str
    name: str
    coarse: geometry.Projected
    detail: geometry.Projected

    def values(self, level: str) -> dict:
        return {
            "level": level,
            "name": self.name,
            "path": self.coarse.path,
            "path_detail": self.detail.path,
            "min_x": self.detail.bbox[0],
            "min_y": self.detail.bbox[1],
            "max_x": self.detail.bbox[2],
            "max_y": self.detail.bbox[3],
            "label_x": self.coarse.label[0],
            "label_y": self.coarse.label[1],
        }


def map_outlines(
    features: Iterable[Feature], groups: dict[str, list[str]], names: dict[str, str]
) -> dict[str, OutlineRecord]:
    """Project and simplify ``features``; one outline per group (its code → the member codes), shared borders kept."""
    topology = geometry.Topology.build((f.code, f.rings) for f in features)
    rings = topology.merged(groups)
    detail_arcs = topology.simplified_arcs(TOLERANCE_DETAIL)
    coarse_arcs = geometry.simplified(detail_arcs, TOLERANCE)
    records = {}
    for code, group_rings in rings.items():
        detail = geometry.projected([geometry.ring_points(r, detail_arcs) for r in group_rings])
        coarse = geometry.projected([geometry.ring_points(r, coarse_arcs) for r in group_rings]) or detail
        if detail is not None:
            records[code] = OutlineRecord(code, names[code], coarse, detail)
    return records


def sync_outlines(level: str, records: dict[str, OutlineRecord], report: ImportReport) -> None:
    queryset = Outline.objects.filter(level=level)
    upsert(Outline, "code", {c: r.values(level) for c, r in sorted(records.items())}, report, queryset=queryset)
    stale = queryset.exclude(code__in=list(records))
    deleted = stale.count()
    if deleted:
        stale.delete()
        report.for_model("territory.Outline").deleted += deleted


def run_outlines(source: Path, report: ImportReport, progress) -> None:
    region_features = read_features(REGION, source, code_width=2)
    department_features = read_features(DEPARTMENTS, source, code_width=2)
    commune_features = read_features(COMMUNES, source, code_width=5)
    progress(f"{len(commune_features)} contours de communes lus")
    code = region_code()
    region = [f for f in region_features if f.code == code]
    if not region:
        raise ImportFileError(f"{REGION.path} : aucun contour pour la région {code} (ORIENTATION_REGION_CODE).")
    sync_outlines(OutlineLevel.REGION, map_outlines(region, {code: [code]}, {code: region[0].name}), report)

    departments = dict(Department.objects.values_list("code", "name"))
    kept = [f for f in department_features if f.code in departments]
    report.unjoined["contour de département : département hors de la région"] += len(department_features) - len(kept)
    sync_outlines(
        OutlineLevel.DEPARTMENT,
        map_outlines(kept, {f.code: [f.code] for f in kept}, departments),
        report,
    )

    communes = {
        c: (name, basin, basin_name)
        for c, name, basin, basin_name in Commune.objects.values_list(
            "insee_code", "name", "basin__code", "basin__name"
        )
    }
    current_of = current_code_of(source, report)
    members: dict[str, list[str]] = defaultdict(list)
    for feature in commune_features:
        current = feature.code if feature.code in communes else current_of.get(feature.code)
        if current not in communes:
            report.unjoined["contour de commune : code inconnu (ni actuel ni ancien)"] += 1
            continue
        members[current].append(feature.code)
    report.unjoined["commune sans contour"] += len(set(communes) - set(members))
    merged = sum(len(codes) > 1 for codes in members.values())
    if merged:
        report.notes.append(f"{merged} communes fusionnées depuis 2018 : contour = union des anciennes communes")
    basins: dict[str, list[str]] = defaultdict(list)
    basin_names: dict[str, str] = {}
    for current, codes in members.items():
        _name, basin, basin_name = communes[current]
        if basin:
            basins[basin] += codes
            basin_names[basin] = basin_name
    names = {c: communes[c][0] for c in members}
    joined = {c for codes in members.values() for c in codes}
    kept_features = [f for f in commune_features if f.code in joined]
    topology_groups = {
        **{f"C{c}": codes for c, codes in members.items()},
        **{f"B{b}": codes for b, codes in basins.items()},
    }
    mapped = map_outlines(
        kept_features,
        topology_groups,
        {**{f"C{c}": n for c, n in names.items()}, **{f"B{b}": n for b, n in basin_names.items()}},
    )
    sync_outlines(OutlineLevel.COMMUNE, _strip(mapped, "C"), report)
    sync_outlines(OutlineLevel.BASIN, _strip(mapped, "B"), report)
    progress(f"{len(members)} contours de communes et {len(basins)} de bassins simplifiés")


def _strip(records: dict[str, OutlineRecord], prefix: str) -> dict[str, OutlineRecord]:
    return {
        code[1:]: OutlineRecord(code[1:], r.name, r.coarse, r.detail)
        for code, r in records.items()
        if code.startswith(prefix)
    }
