import re
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


def test_projection_shrinks_longitudes_by_the_cosine_of_the_mean_latitude():
    # A square of one degree at 50°N is drawn cos(50°) times narrower than tall.
    project = svgmap.projection_for([(49.5, 2.0), (50.5, 3.0)])
    inner_width = project.width - 2 * svgmap.PADDING
    inner_height = project.height - 2 * svgmap.PADDING
    assert abs(inner_width / inner_height - cos(radians(50))) < 0.01


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
