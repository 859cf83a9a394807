"""Plane geometry for the base maps: Lambert-93 projection, shared-border simplification, SVG paths.

Pure functions, numpy only (no GIS library). The outlines are projected and simplified ONCE, when
the open data is imported; pages only crop and scale the stored paths.

- ``project``: WGS 84 (longitude, latitude) → Lambert-93 (EPSG:2154, the official French projection),
  expressed in map *units* of 100 m with y growing southwards (the SVG convention), so that a whole
  region fits in a few thousand units and a stored path reads as small integers.
- ``Topology``: outlines that share a border (communes, départements) share the same vertices in the
  source files. Their rings are cut into *arcs* at every junction; each arc is simplified once
  (Douglas-Peucker), so neighbours keep exactly the same border: no gap, no overlap, at any tolerance.
  Grouping outlines (a merged commune = its former communes, a basin = its communes) drops the arcs
  two members share: what is left is the outline of the union.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from math import log, pi, sqrt

import numpy as np

UNIT_M = 100.0
"""One map unit is 100 m."""
NORTHING_ORIGIN_M = 7_200_000.0
"""Map y = (this Lambert-93 northing − northing) / UNIT_M: 0 is north of Dunkirk, y grows southwards."""

# Lambert-93: conformal conic on GRS 80, standard parallels 44° and 49° N, origin 46.5° N 3° E.
_A = 6_378_137.0
_F = 1 / 298.257222101
_E = sqrt(2 * _F - _F * _F)
_LON0 = 3 * pi / 180
_X0, _Y0 = 700_000.0, 6_600_000.0


def _m(phi):
    return np.cos(phi) / np.sqrt(1 - (_E * np.sin(phi)) ** 2)


def _t(phi):
    es = _E * np.sin(phi)
    return np.tan(pi / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (_E / 2)


_P1, _P2, _P0 = (d * pi / 180 for d in (49.0, 44.0, 46.5))
_N = (log(_m(_P1)) - log(_m(_P2))) / (log(_t(_P1)) - log(_t(_P2)))
_AF = _A * _m(_P1) / (_N * _t(_P1) ** _N)
_RHO0 = _AF * _t(_P0) ** _N


def lambert93(longitude, latitude):
    """(x, y) in metres, Lambert-93, for scalars or numpy arrays of degrees."""
    lam = np.radians(np.asarray(longitude, dtype=float))
    phi = np.radians(np.asarray(latitude, dtype=float))
    rho = _AF * _t(phi) ** _N
    theta = _N * (lam - _LON0)
    return _X0 + rho * np.sin(theta), _Y0 + _RHO0 - rho * np.cos(theta)


def project(longitude, latitude):
    """Map units (100 m, y southwards) for scalars or numpy arrays of degrees."""
    x, y = lambert93(longitude, latitude)
    return x / UNIT_M, (NORTHING_ORIGIN_M - y) / UNIT_M


# --- simplification --------------------------------------------------------------------------------


def douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices of the points to keep (first and last always kept) so that no dropped point lies
    farther than ``tolerance`` from the simplified line."""
    n = len(points)
    if n <= 2:
        return np.arange(n)
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        segment = points[last] - points[first]
        inner = points[first + 1 : last] - points[first]
        length = np.hypot(*segment)
        if length == 0:
            distances = np.hypot(inner[:, 0], inner[:, 1])
        else:
            distances = np.abs(segment[0] * inner[:, 1] - segment[1] * inner[:, 0]) / length
        farthest = int(np.argmax(distances))
        if distances[farthest] > tolerance:
            index = first + 1 + farthest
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return np.flatnonzero(keep)


def _simplify_closed(points: np.ndarray, tolerance: float) -> np.ndarray:
    """A closed arc (a ring that touches no other ring): cut at its farthest point, keep at least a triangle."""
    distances = np.hypot(*(points - points[0]).T)
    far = int(np.argmax(distances))
    if far == 0:
        return points[:1]
    one = douglas_peucker(points[: far + 1], tolerance)
    two = douglas_peucker(np.vstack([points[far:], points[:1]]), tolerance) + far
    kept = np.concatenate([one, two[1:-1]])
    if len(kept) < 3:  # a tiny island: its widest triangle, so it stays visible
        rest = np.delete(np.arange(len(points)), [0, far])
        if len(rest):
            kept = np.sort(np.concatenate([[0, far], [rest[np.argmax(np.hypot(*(points[rest] - points[0]).T))]]]))
    return points[kept]


# --- topology --------------------------------------------------------------------------------------

Vertex = tuple[int, int]
"""A source vertex, keyed by its coordinates in 1e-5 degree (the files' rounding): shared borders match exactly."""


@dataclass
class Ring:
    arcs: list[tuple[int, bool]]
    """(arc index, reversed) in the ring's order."""


@dataclass
class Topology:
    arcs: list[list[Vertex]]
    shapes: dict[str, list[Ring]]
    """Rings of each outline, keyed by code (outer rings and holes alike: the SVG fill rule sorts them)."""

    @classmethod
    def build(cls, features: Iterable[tuple[str, Sequence[Sequence[Sequence[float]]]]]) -> Topology:
        """``features``: (code, rings) with rings as sequences of [longitude, latitude]; a code may repeat."""
        rings_by_code: dict[str, list[list[Vertex]]] = defaultdict(list)
        neighbours: dict[Vertex, set[Vertex]] = defaultdict(set)
        for code, rings in features:
            for ring in rings:
                vertices = [(round(lon * 1e5), round(lat * 1e5)) for lon, lat in ring]
                vertices = [v for i, v in enumerate(vertices) if i == 0 or v != vertices[i - 1]]
                if len(vertices) > 1 and vertices[0] == vertices[-1]:
                    vertices.pop()
                if len(vertices) < 3:
                    continue
                rings_by_code[code].append(vertices)
                count = len(vertices)
                for i, vertex in enumerate(vertices):
                    near = neighbours[vertex]
                    near.add(vertices[i - 1])
                    near.add(vertices[(i + 1) % count])
        junctions = {v for v, near in neighbours.items() if len(near) > 2}
        arcs: list[list[Vertex]] = []
        arc_index: dict[tuple[Vertex, Vertex], tuple[int, bool]] = {}

        def arc_of(run: list[Vertex]) -> tuple[int, bool]:
            found = arc_index.get((run[0], run[1]))
            if found is not None:
                return found
            arcs.append(run)
            index = len(arcs) - 1
            arc_index[(run[0], run[1])] = (index, False)
            arc_index[(run[-1], run[-2])] = (index, True)
            return index, False

        shapes: dict[str, list[Ring]] = {}
        for code, rings in rings_by_code.items():
            shaped = []
            for vertices in rings:
                cuts = [i for i, v in enumerate(vertices) if v in junctions]
                if not cuts:
                    # No junction: rotate to the smallest vertex so both sides of a shared ring meet.
                    start = vertices.index(min(vertices))
                    turned = vertices[start:] + vertices[:start]
                    forward, backward = turned + turned[:1], turned[:1] + turned[:0:-1] + turned[:1]
                    run = min(forward, backward, key=lambda r: r[1])
                    index, _ = arc_of(run)
                    shaped.append(Ring([(index, run is not forward)]))
                    continue
                turned = vertices[cuts[0] :] + vertices[: cuts[0]] + [vertices[cuts[0]]]
                positions = [i - cuts[0] for i in cuts] + [len(vertices)]
                parts = [arc_of(turned[a : b + 1]) for a, b in pairwise(positions)]
                shaped.append(Ring(parts))
            shapes[code] = shaped
        return cls(arcs, shapes)

    def merged(self, groups: dict[str, list[str]]) -> dict[str, list[Ring]]:
        """The outline of each group of codes: arcs shared by two members are dropped, the rest rejoined."""
        result: dict[str, list[Ring]] = {}
        for group, codes in groups.items():
            used: dict[int, list[bool]] = defaultdict(list)
            for code in codes:
                for ring in self.shapes.get(code, ()):
                    for index, backwards in ring.arcs:
                        used[index].append(backwards)
            boundary = [(i, b[0]) for i, b in used.items() if len(b) == 1]
            result[group] = self._chain(boundary)
        return result

    def _chain(self, pieces: list[tuple[int, bool]]) -> list[Ring]:
        def ends(piece):
            arc = self.arcs[piece[0]]
            return (arc[-1], arc[0]) if piece[1] else (arc[0], arc[-1])

        by_start: dict[Vertex, list[tuple[int, bool]]] = defaultdict(list)
        for piece in pieces:
            by_start[ends(piece)[0]].append(piece)
        rings = []
        for piece in pieces:
            start = ends(piece)[0]
            if piece not in by_start.get(start, ()):
                continue  # already part of a ring
            ring = []
            current = piece
            while current is not None:
                by_start[ends(current)[0]].remove(current)
                ring.append(current)
                following = by_start.get(ends(current)[1])
                current = following[0] if following else None
            rings.append(Ring(ring))
        return rings

    def simplified_arcs(self, tolerance: float) -> list[np.ndarray]:
        """Every arc projected to map units and simplified once (closed arcs keep at least a triangle)."""
        if not self.arcs:
            return []
        flat = np.array([v for arc in self.arcs for v in arc], dtype=float) / 1e5
        points = np.column_stack(project(flat[:, 0], flat[:, 1]))
        bounds = np.cumsum([0] + [len(a) for a in self.arcs])
        return simplified([points[a:b] for a, b in pairwise(bounds)], tolerance)


def simplified(arcs: list[np.ndarray], tolerance: float) -> list[np.ndarray]:
    """Each arc simplified; an arc that ends where it starts is a closed ring (kept as at least a triangle)."""
    result = []
    for arc in arcs:
        if (arc[0] == arc[-1]).all():
            result.append(np.vstack([_simplify_closed(arc[:-1], tolerance), arc[:1]]))
        else:
            result.append(arc if len(arc) <= 2 else arc[douglas_peucker(arc, tolerance)])
    return result


def ring_points(ring: Ring, arcs: list[np.ndarray]) -> np.ndarray:
    """The points of a ring, rebuilt from its simplified arcs (closing point not repeated)."""
    parts = [arcs[i][::-1] if backwards else arcs[i] for i, backwards in ring.arcs]
    return np.vstack([part[:-1] for part in parts]) if parts else np.empty((0, 2))


# --- measures and SVG paths ------------------------------------------------------------------------


def _next(values: np.ndarray) -> np.ndarray:
    return np.concatenate([values[1:], values[:1]])


def ring_area(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    return float(np.dot(x, _next(y)) - np.dot(_next(x), y)) / 2


def ring_centroid(points: np.ndarray) -> tuple[float, float]:
    x, y = points[:, 0], points[:, 1]
    x1, y1 = _next(x), _next(y)
    cross = x * y1 - x1 * y
    area = cross.sum() / 2
    if abs(area) < 1e-9:
        return float(x.mean()), float(y.mean())
    return float(((x + x1) * cross).sum() / (6 * area)), float(((y + y1) * cross).sum() / (6 * area))


def svg_path(rings: Iterable[np.ndarray]) -> str:
    """Rings of map units as a compact SVG path: integers, relative moves, degenerate rings dropped."""
    out = []
    for points in rings:
        rounded = np.rint(points).astype(int)
        if len(rounded) == 0:
            continue
        keep = np.ones(len(rounded), dtype=bool)
        keep[1:] = np.any(rounded[1:] != rounded[:-1], axis=1)
        rounded = rounded[keep]
        if len(rounded) > 1 and (rounded[0] == rounded[-1]).all():
            rounded = rounded[:-1]
        if len(rounded) < 3:
            continue
        steps = np.diff(rounded, axis=0).ravel().tolist()
        numbers = "".join(f"{n}" if n < 0 else f" {n}" for n in steps)
        out.append(f"M{rounded[0][0]} {rounded[0][1]}l{numbers.lstrip()}z")
    return "".join(out)


@dataclass(frozen=True)
class Projected:
    """An outline ready to store: path (map units), bounding box and a point for its name."""

    path: str
    bbox: tuple[float, float, float, float]
    label: tuple[float, float]


def projected(rings: Sequence[np.ndarray]) -> Projected | None:
    """Path, bbox and label point (centroid of the largest ring) of simplified rings; None when nothing is left."""
    rings = [r for r in rings if len(r) >= 3]
    if not rings:
        return None
    every = np.vstack(rings)
    largest = max(rings, key=lambda r: abs(ring_area(r)))
    label = ring_centroid(largest)
    bbox = (float(every[:, 0].min()), float(every[:, 1].min()), float(every[:, 0].max()), float(every[:, 1].max()))
    return Projected(svg_path(rings), tuple(round(v, 1) for v in bbox), (round(label[0], 1), round(label[1], 1)))
