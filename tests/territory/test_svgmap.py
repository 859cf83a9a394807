import re
from itertools import pairwise
from math import cos, radians

from orientation.territory import svgmap
from orientation.territory.enums import PriorityNetwork

LILLE = (50.6311, 3.0468)
AMIENS = (49.8941, 2.2958)
DUNKERQUE = (51.0344, 2.3768)


def test_projection_puts_north_up_and_east_right():
    project = svgmap.projection_for([LILLE, AMIENS, DUNKERQUE])
    lille, amiens, dunkerque = project(*LILLE), project(*AMIENS), project(*DUNKERQUE)
    assert dunkerque[1] < lille[1] < amiens[1]  # the further north, the higher up
    assert amiens[0] < lille[0]  # Lille is east of Amiens
    for x, y in (lille, amiens, dunkerque):
        assert svgmap.PADDING - 0.1 <= x <= project.width - svgmap.PADDING + 0.1
        assert svgmap.PADDING - 0.1 <= y <= project.height - svgmap.PADDING + 0.1


def test_projection_keeps_true_shapes():
    # A square of one degree at 50°N is drawn about cos(50°) times narrower than tall (Lambert-93 is conformal).
    project = svgmap.projection_for([(49.5, 2.0), (50.5, 3.0)])
    inner_width = project.width - 2 * svgmap.PADDING
    inner_height = project.height - 2 * svgmap.PADDING
    assert abs(inner_width / inner_height - cos(radians(50))) < 0.03


def test_projection_of_a_single_point_does_not_divide_by_zero():
    project = svgmap.projection_for([LILLE])
    assert project(*LILLE) == (svgmap.PADDING, svgmap.PADDING)


def _points():
    return [
        svgmap.MapPoint(*LILLE, "Collège A, Lille", PriorityNetwork.REP_PLUS),
        svgmap.MapPoint(*AMIENS, "Collège B, Amiens", PriorityNetwork.REP),
        svgmap.MapPoint(*DUNKERQUE, "Lycée <C> & co, Dunkerque", PriorityNetwork.NONE),
    ]


def test_map_is_one_labelled_image_with_a_title_per_mark():
    svg = svgmap.render_map(_points(), title="Carte test", description="Trois établissements.", dom_id="t")
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg
    assert 'aria-labelledby="t-titre t-desc"' in svg
    assert '<title id="t-titre">Carte test</title>' in svg
    assert '<desc id="t-desc">Trois établissements.</desc>' in svg
    assert svg.count("<title>") == 3
    assert "<title>Collège A, Lille</title>" in svg


def test_each_priority_network_has_its_own_colour_class_and_shape():
    svg = svgmap.render_map(_points(), title="t", description="d")
    groups = dict(re.findall(r'<g class="(pn-[a-z-]+)">(.*?)</g>', svg))
    assert groups["pn-none"].startswith("<circle")
    assert groups["pn-rep"].startswith("<rect")
    assert groups["pn-rep-plus"].startswith("<path")


def test_labels_are_escaped():
    svg = svgmap.render_map(_points(), title="<b>", description="d")
    assert "<C>" not in svg
    assert "Lycée &lt;C&gt; &amp; co" in svg
    assert "<b>" not in svg


def test_highlight_and_context_dots():
    here = svgmap.MapPoint(*LILLE, "Ici", PriorityNetwork.NONE)
    svg = svgmap.render_map([], title="t", description="d", highlight=here, context_coordinates=[AMIENS, DUNKERQUE])
    assert '<g class="map-context" aria-hidden="true">' in svg
    assert svg.count("<circle") == 4  # two context dots, the highlight ring and its centre
    assert "<title>Ici</title>" in svg


def test_empty_map_still_renders():
    svg = svgmap.render_map([], title="Vide", description="Aucun établissement.")
    assert "</svg>" in svg
    assert "<g class=" not in svg


def test_legend_counts_every_category_and_describe_says_so():
    rows = svgmap.summary_counts(_points())
    assert [(r["category"], r["count"]) for r in rows] == [("NONE", 1), ("REP", 1), ("REP_PLUS", 1)]
    assert all('aria-hidden="true"' in r["icon"] for r in rows)
    text = svgmap.describe(_points(), "Test")
    assert text.startswith("Test : 3 établissement(s)")
    assert "tableau" in text


def _shape(code, name, x0, y0, size=100):
    path = f"M{x0} {y0}l{size} 0 0 {size}-{size} 0z"
    return svgmap.Shape(code, name, path, (x0, y0, x0 + size, y0 + size), (x0 + size / 2, y0 + size / 2))


def _grid():
    return [_shape(f"5900{i}", f"Commune {i}", 7000 + 100 * (i % 3), 1300 + 100 * (i // 3)) for i in range(6)]


def test_a_basemap_draws_outlines_under_the_points_and_names_over_them():
    grid = _grid()
    basemap = svgmap.Basemap(
        frame=(7000, 1300, 7300, 1500),
        areas=grid,
        borders=[_shape("59", "Nord", 7000, 1300, 300)],
        names=[svgmap.PlaceName(7050, 1350, "Lille & <co>")],
    )
    svg = svgmap.render_map(_points(), title="t", description="d", basemap=basemap)
    assert svg.count('class="map-area"') == 6
    assert svg.index('class="map-base"') < svg.index('class="pn-none"') < svg.index('class="map-names"')
    assert "Lille &amp; &lt;co&gt;" in svg
    # The stored paths are drawn in map units under one transform fitting the frame to the width.
    assert re.search(r'transform="matrix\(1\.92 0 0 1\.92 -13428\.00 -2484\.00\)"', svg)
    assert 'viewBox="0 0 600 408"' in svg


def test_names_that_would_overlap_are_left_out():
    names = [svgmap.PlaceName(7100, 1400, "Roubaix"), svgmap.PlaceName(7101, 1401, "Tourcoing")]
    svg = svgmap.render_map(
        [], title="t", description="d", basemap=svgmap.Basemap((7000, 1300, 7300, 1500), names=names)
    )
    assert "Roubaix" in svg
    assert "Tourcoing" not in svg


def test_choropleth_puts_each_outline_in_a_class_with_its_own_pattern_and_legend():
    values = {"59000": 1, "59001": 2, "59002": 10, "59003": 20, "59004": None}  # 59005 has no value at all
    result = svgmap.choropleth(_grid(), values, title="Heures par commune", description="d", classes=4, dom_id="ch")
    svg = str(result.svg)
    assert svg.count('class="map-class"') == 6
    assert [(row.label, row.count) for row in result.legend] == [
        ("1", 1),
        ("2", 1),
        ("10", 1),
        ("20", 1),
        ("pas de donnée", 2),
    ]
    # One pattern per class (colour AND pattern), referenced by the outlines of that class only.
    assert svg.count('fill="url(#ch-classe-4)"') == 1
    assert svg.count('fill="url(#ch-sans-valeur)"') == 2
    patterns = re.findall(r'<pattern id="([^"]+)"', svg)
    assert patterns == ["ch-classe-1", "ch-classe-2", "ch-classe-3", "ch-classe-4", "ch-sans-valeur"]
    assert 'role="img"' in svg
    assert '<title id="ch-titre">Heures par commune</title>' in svg


def test_choropleth_with_given_breaks_labels_ranges_in_french():
    values = {f"5900{i}": v for i, v in enumerate([0.5, 3, 4, 12.5, 30, 31])}
    result = svgmap.choropleth(_grid(), values, title="t", description="d", breaks=[5, 40])
    assert [(row.label, row.count) for row in result.legend] == [("de 0,5 à 4", 3), ("de 12,5 à 31", 3)]


def _luminance(colour: str) -> float:
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_choropleth_classes_are_told_apart_without_relying_on_colour_alone():
    kinds = [kind for _bg, _ink, kind in svgmap.CLASS_STYLES]
    assert len(set(kinds)) == len(kinds)  # a pattern of its own for each class
    for background, ink, kind in (*svgmap.CLASS_STYLES, svgmap.NO_VALUE_STYLE):
        if kind != "plain":
            assert _contrast(background, ink) >= 3, kind  # the pattern is visible on its colour (WCAG 1.4.11)
    lightest, darkest = svgmap.CLASS_STYLES[0][0], svgmap.CLASS_STYLES[-1][0]
    assert _contrast(lightest, darkest) >= 7
    backgrounds = [bg for bg, _ink, _kind in svgmap.CLASS_STYLES]
    assert all(_luminance(a) > _luminance(b) for a, b in pairwise(backgrounds))  # light to dark
