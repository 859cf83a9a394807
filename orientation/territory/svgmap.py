"""Maps of establishments drawn server-side as SVG: no tile server, works offline, prints well.

Projection: equirectangular scaled by cos(mean latitude), which keeps shapes right at the scale of
a region. Each priority network has its own colour AND its own shape (circle, square, triangle), so
colour is never the only cue; every mark has a ``<title>`` (tooltip), and the whole map is one
``role="img"`` with a text alternative. The same data is always given as a table by the page.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from math import ceil, cos, radians

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from orientation.territory.enums import PriorityNetwork

WIDTH = 600
PADDING = 12

# (css class, French legend, shape) in drawing order: the rarest on top.
CATEGORIES = {
    PriorityNetwork.NONE: ("pn-none", "Hors éducation prioritaire", "circle"),
    PriorityNetwork.REP: ("pn-rep", "Réseau d'éducation prioritaire (REP)", "square"),
    PriorityNetwork.REP_PLUS: ("pn-rep-plus", "Réseau d'éducation prioritaire renforcé (REP+)", "triangle"),
}
SIZES = {"circle": 3.0, "square": 3.6, "triangle": 4.6}


@dataclass(frozen=True)
class MapPoint:
    latitude: float
    longitude: float
    label: str
    category: str = PriorityNetwork.NONE


@dataclass(frozen=True)
class Projection:
    min_lon: float
    max_lat: float
    kx: float  # degrees of longitude are shorter than degrees of latitude away from the equator
    scale: float
    width: int
    height: int

    def __call__(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = PADDING + (longitude - self.min_lon) * self.kx * self.scale
        y = PADDING + (self.max_lat - latitude) * self.scale
        return round(x, 1), round(y, 1)


def projection_for(coordinates: Iterable[tuple[float, float]], *, width: int = WIDTH) -> Projection:
    """Fit (latitude, longitude) pairs into ``width`` pixels; the height follows the true aspect ratio."""
    coords = list(coordinates)
    if not coords:
        return Projection(0.0, 0.0, 1.0, 1.0, width, width // 2)
    lats = [c[0] for c in coords]
    lons = [c[1] for c in coords]
    kx = cos(radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * kx, 1e-3)
    span_y = max(max(lats) - min(lats), 1e-3)
    inner = width - 2 * PADDING
    scale = inner / max(span_x, span_y)  # the longer side fills the width; the map is height never exceeds the width
    height = ceil(span_y * scale + 2 * PADDING)
    width_used = ceil(span_x * scale + 2 * PADDING)
    return Projection(min(lons), max(lats), kx, scale, max(width_used, 2 * PADDING + 1), max(height, 2 * PADDING + 1))


def _mark(shape: str, x: float, y: float, title: str) -> str:
    size = SIZES[shape]
    t = f"<title>{escape(title)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:g}" cy="{y:g}" r="{size:g}">{t}</circle>'
    if shape == "square":
        return f'<rect x="{x - size:g}" y="{y - size:g}" width="{2 * size:g}" height="{2 * size:g}">{t}</rect>'
    h = size * 1.7
    return f'<path d="M{x:g} {y - size:.1f}l{h / 2:.1f} {h:.1f}h-{h:.1f}z">{t}</path>'


def legend_icon(category: str) -> SafeString:
    """A small SVG of a category's mark, for the HTML legend (decorative: the text says it)."""
    css, _label, shape = CATEGORIES[category]
    return mark_safe(  # noqa: S308 — built from constants only
        f'<svg class="map-key {css}" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">'
        f"{_mark(shape, 8, 8.5, '').replace('<title></title>', '')}</svg>"
    )


def render_map(
    points: list[MapPoint],
    *,
    title: str,
    description: str,
    highlight: MapPoint | None = None,
    context_coordinates: Iterable[tuple[float, float]] = (),
    dom_id: str = "carte",
    width: int = WIDTH,
) -> SafeString:
    """Inline SVG map of ``points`` grouped by category (one ``<g>`` per category for a light page).

    ``context_coordinates`` are drawn as faint, unlabelled dots (hidden from assistive technologies);
    ``highlight`` is drawn last, bigger, with its own title.
    """
    context = list(context_coordinates)
    every = [(p.latitude, p.longitude) for p in points] + context
    if highlight:
        every.append((highlight.latitude, highlight.longitude))
    project = projection_for(every, width=width)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="territory-map" viewBox="0 0 {project.width} {project.height}" '
        f'role="img" aria-labelledby="{dom_id}-titre {dom_id}-desc" id="{dom_id}">',
        f'<title id="{dom_id}-titre">{escape(title)}</title>',
        f'<desc id="{dom_id}-desc">{escape(description)}</desc>',
        f'<rect class="map-bg" x="0" y="0" width="{project.width}" height="{project.height}"/>',
    ]
    if context:
        dots = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="2"/>' for x, y in (project(lat, lon) for lat, lon in context))
        parts.append(f'<g class="map-context" aria-hidden="true">{dots}</g>')
    for category, (css, _label, shape) in CATEGORIES.items():
        marks = [_mark(shape, *project(p.latitude, p.longitude), p.label) for p in points if p.category == category]
        if marks:
            parts.append(f'<g class="{css}">{"".join(marks)}</g>')
    if highlight:
        x, y = project(highlight.latitude, highlight.longitude)
        parts.append(
            f'<g class="map-highlight"><circle cx="{x:g}" cy="{y:g}" r="9"/>'
            f'<circle cx="{x:g}" cy="{y:g}" r="3"><title>{escape(highlight.label)}</title></circle></g>'
        )
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
