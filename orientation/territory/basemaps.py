"""Base layers for the maps (reads): the outlines and place names around what a page shows.

Each builder returns a ``svgmap.Basemap``, or None when no outline was imported (the demo territory):
the page then draws its map on a plain background, as before outlines existed.
"""

from __future__ import annotations

from orientation.territory import geometry
from orientation.territory.enums import OutlineLevel
from orientation.territory.models import Commune, Outline
from orientation.territory.svgmap import Basemap, Box, PlaceName, Shape, box_around, box_of_points

TOWNS = 8
"""Most populous communes named on a map (fewer when names would overlap)."""
LOCAL_KM = 40
"""A frame narrower than this shows communes; a wider one, the région and its départements."""
MARGIN = 15.0
"""Map units (1.5 km) around a frame, so that a border is not drawn on the map's edge."""


def outlines(level: str, *, frame: Box | None = None, codes=None, detail: bool = False) -> list[Shape]:
    """Stored outlines of a level (``OutlineLevel``), those crossing ``frame`` or with these ``codes``."""
    qs = Outline.objects.filter(level=level)
    if frame is not None:
        qs = qs.filter(min_x__lte=frame[2], max_x__gte=frame[0], min_y__lte=frame[3], max_y__gte=frame[1])
    if codes is not None:
        qs = qs.filter(code__in=codes)
    path = "path_detail" if detail else "path"
    return [
        Shape(code, name, d, (x0, y0, x1, y1), (lx, ly))
        for code, name, d, x0, y0, x1, y1, lx, ly in qs.values_list(
            "code", "name", path, "min_x", "min_y", "max_x", "max_y", "label_x", "label_y"
        )
    ]


def _towns(communes, *, frame: Box | None = None, limit: int = TOWNS) -> list[PlaceName]:
    """The most populous communes of ``communes`` (a queryset), inside ``frame`` when given."""
    rows = list(
        communes.exclude(latitude=None)
        .exclude(population=None)
        .order_by("-population")
        .values_list("name", "latitude", "longitude")[: limit * 4 if frame else limit]
    )
    if not rows:
        return []
    xs, ys = geometry.project([r[2] for r in rows], [r[1] for r in rows])
    names = [PlaceName(x, y, r[0]) for r, x, y in zip(rows, xs.tolist(), ys.tolist(), strict=True)]
    if frame is not None:
        names = [n for n in names if frame[0] <= n.x <= frame[2] and frame[1] <= n.y <= frame[3]]
    return names[:limit]


def region_basemap() -> Basemap | None:
    """The région as its départements (named) and its largest towns."""
    region = outlines(OutlineLevel.REGION)
    if not region:
        return None
    departments = outlines(OutlineLevel.DEPARTMENT)
    names = [PlaceName(*d.label, d.name, dot=False) for d in departments]
    return Basemap(
        frame=box_around([r.bbox for r in region], MARGIN),
        borders=departments,
        filled_borders=True,
        names=names + _towns(Commune.objects.all()),
    )


def department_basemap(code: str, *, focus_commune: str | None = None) -> Basemap | None:
    """A département on a plain ground (its neighbours are not drawn: lighter pages), its basins and its
    largest towns; ``focus_commune`` stressed."""
    department = outlines(OutlineLevel.DEPARTMENT, codes=[code])
    if not department:
        return None
    frame = box_around([department[0].bbox], MARGIN)
    focus = outlines(OutlineLevel.COMMUNE, codes=[focus_commune]) if focus_commune else []
    names = _towns(Commune.objects.filter(department__code=code), limit=6)
    if focus:
        names.insert(0, PlaceName(*focus[0].label, focus[0].name, dot=False))
    return Basemap(
        frame=frame,
        areas=outlines(
            OutlineLevel.BASIN,
            codes=Commune.objects.filter(department__code=code, basin__isnull=False).values("basin__code"),
        ),
        clip=department[0],
        borders=department,
        focus=focus[0] if focus else None,
        names=names,
    )


def local_basemap(latitude: float, longitude: float, radius_km: float) -> Basemap | None:
    """The communes (detailed outlines) within ``radius_km`` of a point, with the largest named."""
    return around_points([(latitude, longitude)], min_km=2.2 * radius_km)


def around_points(coordinates, *, min_km: float = 12) -> Basemap | None:
    """A frame around (latitude, longitude) pairs, at least ``min_km`` wide: communes when it is small,
    else the région's départements; the largest towns in it are named."""
    box = box_of_points(coordinates)
    if box is None or not Outline.objects.exists():
        return None
    half = min_km * 1000 / geometry.UNIT_M / 2
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    frame = box_around([box, (cx - half, cy - half, cx + half, cy + half)], MARGIN)
    towns = Commune.objects.all()
    if max(frame[2] - frame[0], frame[3] - frame[1]) * geometry.UNIT_M / 1000 <= LOCAL_KM:
        communes = outlines(OutlineLevel.COMMUNE, frame=frame, detail=True)
        towns = towns.filter(insee_code__in=[c.code for c in communes])
        return Basemap(
            frame=frame,
            areas=communes,
            borders=outlines(OutlineLevel.DEPARTMENT, frame=frame, detail=True),
            names=_towns(towns, frame=frame, limit=6),
        )
    return Basemap(
        frame=frame,
        areas=outlines(OutlineLevel.REGION, frame=frame),
        borders=outlines(OutlineLevel.DEPARTMENT, frame=frame),
        names=_towns(towns, frame=frame),
    )
