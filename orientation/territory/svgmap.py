"""Maps drawn server-side as SVG on real outlines: no tile server, no JavaScript, works offline, prints well.

Projection: Lambert-93 (``geometry.project``), the official French projection, in which the outlines
were projected once at import time; a map only chooses a *frame* (a box of map units) and scales it
to pixels. Points (establishments, offers, events) are projected the same way when drawn.

A map is made of, bottom to top: the base layer (``Basemap``: faint areas such as communes or basins,
stronger borders such as départements, the place to stress, the names of places), then the marks.
Each priority network has its own colour AND its own shape (circle, square, triangle), so colour is
never the only cue; every mark has a ``<title>`` (tooltip), and the whole map is one ``role="img"`` with
a text alternative. The same data is always given as a table by the page. Without outlines (a demo
territory) the map is drawn on a plain background, framed on its points.

``choropleth`` colours outlines by a value per code (commune, basin…) in a few classes, each with its
own colour AND pattern, and returns the legend rows to print beside the map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from math import ceil

import numpy as np
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from orientation.territory import geometry
from orientation.territory.enums import PriorityNetwork

WIDTH = 600
PADDING = 12
NAME_HEIGHT = 13
"""Pixels a place name takes vertically (the CSS font size plus a little room)."""

# (css class, French legend, shape) in drawing order: the rarest on top.
CATEGORIES = {
    PriorityNetwork.NONE: ("pn-none", "Hors éducation prioritaire", "circle"),
    PriorityNetwork.REP: ("pn-rep", "Réseau d'éducation prioritaire (REP)", "square"),
    PriorityNetwork.REP_PLUS: ("pn-rep-plus", "Réseau d'éducation prioritaire renforcé (REP+)", "triangle"),
}
SIZES = {"circle": 3.0, "square": 3.6, "triangle": 4.6}

Box = tuple[float, float, float, float]
"""(min x, min y, max x, max y) in map units."""


@dataclass(frozen=True)
class MapPoint:
    latitude: float
    longitude: float
    label: str
    category: str = PriorityNetwork.NONE


@dataclass(frozen=True)
class Shape:
    """An outline as stored at import time: SVG path in map units, bounding box, where to write its name."""

    code: str
    name: str
    path: str
    bbox: Box
    label: tuple[float, float]


@dataclass(frozen=True)
class PlaceName:
    """A place name written on the map (map units); ``dot`` marks the exact spot of a town."""

    x: float
    y: float
    name: str
    dot: bool = True


@dataclass(frozen=True)
class Basemap:
    frame: Box
    areas: Sequence[Shape] = ()
    """Areas with thin borders (communes, basins), clipped to ``clip`` when given."""
    clip: Shape | None = None
    borders: Sequence[Shape] = ()
    """Outlines drawn stronger on top (départements, the région)."""
    filled_borders: bool = False
    """Fill the ``borders`` as land (the région's map: its départements, no area under them)."""
    focus: Shape | None = None
    """The area the map is about (an establishment's commune), stressed."""
    names: Sequence[PlaceName] = ()
    name_areas: bool = False
    """Write each area's name at its label point (basins on a map of a département)."""


def box_around(boxes: Iterable[Box], margin: float = 0.0) -> Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes) - margin,
        min(b[1] for b in boxes) - margin,
        max(b[2] for b in boxes) + margin,
        max(b[3] for b in boxes) + margin,
    )


def box_of_points(coordinates: Iterable[tuple[float, float]]) -> Box | None:
    """The box of (latitude, longitude) pairs, in map units."""
    coords = list(coordinates)
    if not coords:
        return None
    xs, ys = geometry.project([c[1] for c in coords], [c[0] for c in coords])
    return float(np.min(xs)), float(np.min(ys)), float(np.max(xs)), float(np.max(ys))


@dataclass(frozen=True)
class Projection:
    """A frame of map units scaled to pixels (north up, east right, true shapes)."""

    min_x: float
    min_y: float
    scale: float
    width: int
    height: int

    def point(self, x: float, y: float) -> tuple[int, int]:
        """Whole pixels: finer is invisible on a map this size and would only make pages heavier."""
        return round(PADDING + (x - self.min_x) * self.scale), round(PADDING + (y - self.min_y) * self.scale)

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = geometry.project(longitude, latitude)
        return self.point(float(x), float(y))

    def many(self, coordinates: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
        if not coordinates:
            return []
        xs, ys = geometry.project([c[1] for c in coordinates], [c[0] for c in coordinates])
        return [self.point(x, y) for x, y in zip(xs.tolist(), ys.tolist(), strict=True)]

    @property
    def transform(self) -> str:
        """The SVG transform that draws paths stored in map units inside this frame."""
        s = self.scale
        return f"matrix({s:.5g} 0 0 {s:.5g} {PADDING - self.min_x * s:.2f} {PADDING - self.min_y * s:.2f})"


def projection_for_box(box: Box | None, *, width: int = WIDTH) -> Projection:
    """Fit ``box`` into ``width`` pixels; the height follows the true aspect ratio (never more than the width)."""
    if box is None:
        return Projection(0.0, 0.0, 1.0, width, width // 2)
    span_x, span_y = max(box[2] - box[0], 1.0), max(box[3] - box[1], 1.0)
    inner = width - 2 * PADDING
    scale = inner / max(span_x, span_y)
    return Projection(
        box[0],
        box[1],
        scale,
        max(ceil(span_x * scale + 2 * PADDING), 2 * PADDING + 1),
        max(ceil(span_y * scale + 2 * PADDING), 2 * PADDING + 1),
    )


def projection_for(coordinates: Iterable[tuple[float, float]], *, width: int = WIDTH) -> Projection:
    """Fit (latitude, longitude) pairs into ``width`` pixels."""
    return projection_for_box(box_of_points(coordinates), width=width)


def _mark(shape: str, x: float, y: float, title: str) -> str:
    """One mark; the circle's radius and the square's size are in the stylesheet (hundreds of marks)."""
    size = SIZES[shape]
    t = f"<title>{escape(title)}</title>" if title else ""
    if shape == "circle":
        return f'<circle cx="{x:g}" cy="{y:g}">{t}</circle>'
    if shape == "square":
        return f'<rect x="{x - size:g}" y="{y - size:g}">{t}</rect>'
    h = size * 1.7
    return f'<path d="M{x:g} {y - size:.1f}l{h / 2:.1f} {h:.1f}h-{h:.1f}z">{t}</path>'


def legend_icon(category: str) -> SafeString:
    """A small SVG of a category's mark, for the HTML legend (decorative: the text says it)."""
    css, _label, shape = CATEGORIES[category]
    return mark_safe(  # noqa: S308 — built from constants only
        f'<svg class="map-key {css}" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f"{_mark(shape, 8, 8.5, '')}</svg>"
    )


def _names(project: Projection, names: Iterable[PlaceName]) -> str:
    """Place names, skipping any that would overlap one already written (the first ones matter most)."""
    taken: list[Box] = []
    parts = []
    for place in names:
        x, y = project.point(place.x, place.y)
        half = 3.2 * len(place.name) + 2
        box = (x - half, y - NAME_HEIGHT - 2, x + half, y)
        inside = box[0] >= PADDING / 2 and box[2] <= project.width - PADDING / 2 and box[1] >= 0
        if not inside or any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken):
            continue
        taken.append(box)
        dot = f'<circle class="map-town" cx="{x:g}" cy="{y:g}" r="2"/>' if place.dot else ""
        parts.append(f'{dot}<text x="{x:g}" y="{y - 4 if place.dot else y:g}">{escape(place.name)}</text>')
    return f'<g class="map-names" aria-hidden="true">{"".join(parts)}</g>' if parts else ""


def base_layer(project: Projection, basemap: Basemap, dom_id: str, fills: Mapping[str, str] | None = None) -> str:
    """The outlines, in map units under one transform (the place names come last, over the marks)."""
    shapes = []
    areas = []
    for shape in basemap.areas:
        if fills and shape.code in fills:
            areas.append(f'<path class="map-class" fill="url(#{fills[shape.code]})" d="{shape.path}"/>')
        else:
            areas.append(f'<path class="map-area" d="{shape.path}"/>')
    border_class = "map-border map-land" if basemap.filled_borders else "map-border"
    borders = [f'<path class="{border_class}" d="{shape.path}"/>' for shape in basemap.borders]
    if basemap.clip:
        # The clip reuses the outline drawn as a border when there is one (the path is sent once).
        clip_id, outline_id = f"{dom_id}-decoupe", f"{dom_id}-contour"
        if basemap.clip in basemap.borders:
            borders[basemap.borders.index(basemap.clip)] = (
                f'<path id="{outline_id}" class="map-border" d="{basemap.clip.path}"/>'
            )
            shapes.append(f'<clipPath id="{clip_id}"><use href="#{outline_id}"/></clipPath>')
        else:
            shapes.append(f'<clipPath id="{clip_id}"><path d="{basemap.clip.path}"/></clipPath>')
        shapes.append(f'<g clip-path="url(#{clip_id})">{"".join(areas)}</g>')
    else:
        shapes += areas
    if basemap.focus:
        shapes.append(f'<path class="map-focus" d="{basemap.focus.path}"/>')
    shapes += borders
    return f'<g class="map-base" aria-hidden="true" transform="{project.transform}">{"".join(shapes)}</g>'


def names_layer(project: Projection, basemap: Basemap) -> str:
    names = list(basemap.names)
    if basemap.name_areas:
        names += [PlaceName(*s.label, s.name, dot=False) for s in basemap.areas]
    return _names(project, names)


def _open(project: Projection, *, title: str, description: str, dom_id: str, basemap: Basemap | None) -> list[str]:
    background = "map-bg map-sea" if basemap else "map-bg"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="territory-map" viewBox="0 0 {project.width} {project.height}" '
        f'role="img" aria-labelledby="{dom_id}-titre {dom_id}-desc" id="{dom_id}">',
        f'<title id="{dom_id}-titre">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(description)}</desc>',
        f'<rect class="{background}" x="0" y="0" width="{project.width}" height="{project.height}"/>',
    ]


def render_map(
    points: list[MapPoint],
    *,
    title: str,
    description: str,
    highlight: MapPoint | None = None,
    context_coordinates: Iterable[tuple[float, float]] = (),
    basemap: Basemap | None = None,
    dom_id: str = "carte",
    width: int = WIDTH,
) -> SafeString:
    """Inline SVG map of ``points`` grouped by category (one ``<g>`` per category for a light page).

    With a ``basemap`` the frame is its own (points outside it are left out of the picture, not of the
    page's table); without, the frame fits the points. ``context_coordinates`` are drawn as faint,
    unlabelled dots (hidden from assistive technologies); ``highlight`` is drawn last, bigger, with its
    own title.
    """
    context = list(context_coordinates)
    every = [(p.latitude, p.longitude) for p in points] + context
    if highlight:
        every.append((highlight.latitude, highlight.longitude))
    project = projection_for_box(basemap.frame if basemap else box_of_points(every), width=width)
    parts = _open(project, title=title, description=description, dom_id=dom_id, basemap=basemap)
    if basemap:
        parts.append(base_layer(project, basemap, dom_id))
    if context:
        dots = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="2"/>' for x, y in project.many(context))
        parts.append(f'<g class="map-context" aria-hidden="true">{dots}</g>')
    for category, (css, _label, shape) in CATEGORIES.items():
        chosen = [p for p in points if p.category == category]
        placed = project.many([(p.latitude, p.longitude) for p in chosen])
        marks = [_mark(shape, x, y, p.label) for p, (x, y) in zip(chosen, placed, strict=True)]
        if marks:
            parts.append(f'<g class="{css}">{"".join(marks)}</g>')
    if highlight:
        x, y = project(highlight.latitude, highlight.longitude)
        parts.append(
            f'<g class="map-highlight"><circle cx="{x:g}" cy="{y:g}" r="9"/>'
            f'<circle cx="{x:g}" cy="{y:g}" r="3"><title>{escape(highlight.label)}</title></circle></g>'
        )
    if basemap:
        parts.append(names_layer(project, basemap))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped above


def summary_counts(points: list[MapPoint]) -> list[dict]:
    """Legend rows: category, label, icon, count (all categories, in legend order)."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for point in points:
        counts[point.category] = counts.get(point.category, 0) + 1
    return [
        {"category": category, "label": label, "icon": legend_icon(category), "count": counts[category]}
        for category, (_css, label, _shape) in CATEGORIES.items()
    ]


def describe(points: list[MapPoint], place: str) -> str:
    """The map's text alternative: what it shows, counted per category."""
    rows = summary_counts(points)
    detail = ", ".join(f"{r['count']} {r['label'].lower()}" for r in rows)
    return (
        f"{place[:1].upper()}{place[1:]} : {len(points)} établissement(s) placés selon leurs coordonnées ({detail}). "
        "Les mêmes données figurent dans le tableau qui accompagne la carte."
    )


# --- choropleth ------------------------------------------------------------------------------------

# Light to dark; each class also has its own pattern (none, dots, lines, crossed lines) whose ink
# contrasts at least 3:1 with the class colour, so no class is told by its colour alone.
CLASS_STYLES = (
    ("#eef3f8", "#3d5a80", "plain"),
    ("#b9cfe6", "#1f3550", "dots"),
    ("#5b8cc0", "#ffffff", "lines"),
    ("#1f4e79", "#ffffff", "cross"),
    ("#0b2239", "#ffffff", "dense"),
)
NO_VALUE_STYLE = ("#ffffff", "#5f6673", "dashes")


@dataclass(frozen=True)
class ChoroplethClass:
    label: str
    """« de 10 à 19 »: the smallest and largest values of the class (French, for the legend)."""
    low: float | None
    high: float | None
    count: int
    icon: SafeString


@dataclass
class Choropleth:
    svg: SafeString
    legend: list[ChoroplethClass] = field(default_factory=list)


def _pattern(pattern_id: str, background: str, ink: str, kind: str) -> str:
    marks = {
        "plain": "",
        "dots": f'<circle cx="3" cy="3" r="1.1" fill="{ink}"/>',
        "lines": f'<path d="M0 6L6 0" stroke="{ink}" stroke-width="1.2"/>',
        "cross": f'<path d="M0 6L6 0M0 0L6 6" stroke="{ink}" stroke-width="1"/>',
        "dense": f'<path d="M0 3H6M3 0V6" stroke="{ink}" stroke-width="1"/>',
        "dashes": f'<path d="M0 3H3" stroke="{ink}" stroke-width="1"/>',
    }[kind]
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="{background}"/>{marks}</pattern>'
    )


def class_breaks(values: Iterable[float], classes: int) -> list[float]:
    """Upper bounds of ``classes`` classes holding about as many values each (quantiles), distinct and sorted."""
    data = sorted(values)
    if not data:
        return []
    bounds = [data[min(len(data) - 1, ceil(len(data) * k / classes) - 1)] for k in range(1, classes + 1)]
    return sorted(set(bounds))


def _number(value: float) -> str:
    text = f"{value:,.1f}".replace(",", "\u202f").replace(".", ",").removesuffix(",0")
    return text


def choropleth(
    outlines: Sequence[Shape],
    values_by_code: Mapping[str, float | None],
    *,
    title: str,
    description: str,
    classes: int = 4,
    breaks: Sequence[float] | None = None,
    value_label: Callable[[float], str] = _number,
    borders: Sequence[Shape] = (),
    names: Sequence[PlaceName] = (),
    dom_id: str = "choroplethe",
    width: int = WIDTH,
) -> Choropleth:
    """Colour each outline by its value (``values_by_code[shape.code]``) in classes light to dark.

    ``breaks`` are the classes' upper bounds (inclusive); by default ``classes`` (at most 5) quantile
    classes. An outline with no value gets a white, dashed pattern and its own legend row. Returns the
    SVG (``role="img"``, ``title`` and ``description`` as its text alternative) and the legend rows
    (label, bounds, count, a swatch) to show beside it, with the table of values the page must give.
    """
    values = {code: values_by_code.get(code) for code in (s.code for s in outlines)}
    known = [v for v in values.values() if v is not None]
    bounds = list(breaks) if breaks is not None else class_breaks(known, min(classes, len(CLASS_STYLES)))
    if len(bounds) > len(CLASS_STYLES):
        raise ValueError(f"Au plus {len(CLASS_STYLES)} classes.")

    def class_of(value: float | None) -> int | None:
        if value is None:
            return None
        return next((i for i, high in enumerate(bounds) if value <= high), len(bounds) - 1)

    styles = CLASS_STYLES if len(bounds) > 2 else CLASS_STYLES[::2]  # few classes: the most distinct styles
    pattern_ids = {i: f"{dom_id}-classe-{i + 1}" for i in range(len(bounds))}
    pattern_ids[None] = f"{dom_id}-sans-valeur"
    fills = {code: pattern_ids[class_of(value)] for code, value in values.items()}
    frame = box_around(s.bbox for s in [*outlines, *borders])
    project = projection_for_box(frame, width=width)
    defs = "".join(_pattern(pattern_ids[i], *styles[i]) for i in range(len(bounds)))
    defs += _pattern(pattern_ids[None], *NO_VALUE_STYLE)
    parts = _open(project, title=title, description=description, dom_id=dom_id, basemap=None)
    parts.append(f"<defs>{defs}</defs>")
    basemap = Basemap(frame or (0, 0, 1, 1), areas=outlines, borders=borders, names=names)
    parts.append(base_layer(project, basemap, dom_id, fills))
    parts.append(names_layer(project, basemap))
    parts.append("</svg>")

    members: list[list[float]] = [[] for _ in bounds]
    for value in known:
        members[class_of(value)].append(value)
    legend = []
    for i, found in enumerate(members):
        low, high = (min(found), max(found)) if found else (None, bounds[i])
        if not found:
            label = f"aucune valeur (jusqu'à {value_label(high)})"
        else:
            label = value_label(low) if low == high else f"de {value_label(low)} à {value_label(high)}"
        legend.append(ChoroplethClass(label, low, high, len(found), _swatch(f"{dom_id}-cle-{i + 1}", *styles[i])))
    missing = sum(v is None for v in values.values())
    if missing:
        legend.append(
            ChoroplethClass("pas de donnée", None, None, missing, _swatch(f"{dom_id}-cle-0", *NO_VALUE_STYLE))
        )
    return Choropleth(mark_safe("".join(parts)), legend)  # noqa: S308 — names and titles are escaped


def _swatch(pattern_id: str, background: str, ink: str, kind: str) -> SafeString:
    return mark_safe(  # noqa: S308 — built from constants and our own ids
        f'<svg class="map-key" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f"<defs>{_pattern(pattern_id, background, ink, kind)}</defs>"
        f'<rect class="map-swatch" x="0.5" y="0.5" width="15" height="15" fill="url(#{pattern_id})"/></svg>'
    )
