"""Projection, simplification and shared borders on small hand-written shapes."""

import json

import numpy as np
import pytest

from orientation.territory import geometry
from tests.conftest import SAMPLES

GEO = SAMPLES / "territory" / "geo"


def test_lambert93_matches_the_coordinates_the_ministry_publishes():
    # A collège of the official geolocation file: its WGS 84 point and its published Lambert-93 point.
    x, y = geometry.lambert93(3.175910611533584, 50.68954712102181)
    assert abs(x - 712452.7) < 0.1
    assert abs(y - 7065873.7) < 0.1


def test_map_units_are_hectometres_with_y_growing_southwards():
    (x1, y1), (x2, y2) = (geometry.project(3.0, 50.0), geometry.project(3.0, 51.0))
    assert abs(x1 - x2) < 1  # the 3° E meridian is Lambert-93's central one: vertical
    assert 1100 < y1 - y2 < 1125  # one degree of latitude ≈ 111 km = 1,112 units, north is up


def test_douglas_peucker_keeps_the_ends_and_what_strays_beyond_the_tolerance():
    line = np.array([[0, 0], [1, 0.2], [2, -0.1], [3, 5], [4, 0.1], [5, 0]], dtype=float)
    assert geometry.douglas_peucker(line, 0.5).tolist() == [0, 2, 3, 4, 5]
    assert geometry.douglas_peucker(line, 10).tolist() == [0, 5]


def _squares():
    # Two unit squares sharing their x = 1 side (a point in its middle: a border's detail).
    left = [[0, 0], [1, 0], [1, 0.5], [1, 1], [0, 1], [0, 0]]
    right = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0.5], [1, 0]]
    return [("G", [left]), ("D", [right])]


def test_a_shared_border_is_one_arc_simplified_once():
    topology = geometry.Topology.build(_squares())
    shared = [i for i, arc in enumerate(topology.arcs) if len(arc) == 3]
    assert len(shared) == 1  # the x = 1 side, stored once for both squares
    users = [(code, a) for code, rings in topology.shapes.items() for ring in rings for a in ring.arcs]
    assert sorted(code for code, (index, _) in users if index == shared[0]) == ["D", "G"]
    assert {backwards for _, (index, backwards) in users if index == shared[0]} == {True, False}


def test_merging_drops_the_shared_border():
    topology = geometry.Topology.build(_squares())
    (ring,) = topology.merged({"GD": ["G", "D"]})["GD"]
    points = geometry.ring_points(ring, topology.simplified_arcs(0.0))
    assert len(points) == 4 + 2  # the rectangle's 4 corners and the two middles of its long sides
    assert abs(geometry.ring_area(points)) == pytest.approx(
        abs(
            sum(
                geometry.ring_area(geometry.ring_points(r, topology.simplified_arcs(0.0)))
                for r in [*topology.shapes["G"], *topology.shapes["D"]]
            )
        )
    )


def test_a_ring_that_touches_nothing_stays_at_least_a_triangle():
    circle = [[np.cos(t) * 1e-4, np.sin(t) * 1e-4] for t in np.linspace(0, 2 * np.pi, 40)[:-1]]
    topology = geometry.Topology.build([("ile", [[*circle, circle[0]]])])
    arcs = topology.simplified_arcs(1000.0)  # a tolerance far larger than the island
    (ring,) = topology.shapes["ile"]
    assert len(geometry.ring_points(ring, arcs)) == 3


def test_svg_path_is_integers_with_relative_steps():
    square = np.array([[10.2, 20.0], [14.9, 20.1], [15.0, 25.0], [10.0, 24.8]])
    assert geometry.svg_path([square]) == "M10 20l5 0 0 5-5 0z"
    assert geometry.svg_path([np.array([[0.1, 0.1], [0.2, 0.2], [0.3, 0.1]])]) == ""  # collapsed to a point


def test_sample_communes_share_their_borders_after_simplification():
    features = json.loads((GEO / "communes-hauts-de-france.geojson").read_text(encoding="utf-8"))["features"]
    topology = geometry.Topology.build(
        (f["properties"]["code"], f["geometry"]["coordinates"]) for f in features if f["geometry"]["type"] == "Polygon"
    )
    arcs = topology.simplified_arcs(geometry.UNIT_M)  # 10 km: everything but the junctions goes
    laon = {tuple(p) for r in topology.shapes["02408"] for p in geometry.ring_points(r, arcs).round(6)}
    lizy = {tuple(p) for r in topology.shapes["02434"] for p in geometry.ring_points(r, arcs).round(6)}
    assert laon & lizy  # their common border keeps the very same points on both sides
