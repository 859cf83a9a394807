"""The annual report (R11): what was done, for whom, where, against the plan's objectives.

One ``Steering`` (see ``indicators``) is turned into sections; each section is an HTML chapter of the
report (PDF by WeasyPrint, with page numbers and a table of contents) and one XLSX sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from orientation.reporting import charts, exports
from orientation.reporting.indicators import (
    NETWORK_LABELS,
    NETWORKS,
    URBAN_CLASSES,
    URBAN_LABELS,
    Steering,
    Table,
    compute,
    equity_table,
)
from orientation.reporting.scope import Period, Scope
from orientation.territory import svgmap

STYLESHEET = Path(__file__).parent / "static" / "reporting" / "report.css"


@dataclass
class Section:
    slug: str
    title: str
    intro: str
    tables: list[Table]
    chart: str = ""
    figure: str = ""


def key_figures(steering: Steering) -> Table:
    return Table(
        "key_figures",
        "Chiffres clés",
        ["Indicateur", "Valeur", "Unité", "Mode de calcul"],
        [[i.label, i.value, i.unit, i.note] for i in steering.indicators],
        "Chaque chiffre est compté à partir des enregistrements de la plateforme ; la dernière colonne dit comment.",
    )


def not_reached_table(steering: Steering) -> Table:
    counts = {(n, u): [0, 0] for n in NETWORKS for u in URBAN_CLASSES}
    for pk, attributes in steering.establishments.items():
        counts[attributes][0 if pk in steering.reached_establishment_ids else 1] += 1
    rows = [
        [NETWORK_LABELS[n], URBAN_LABELS[u], reached, missed]
        for (n, u), (reached, missed) in counts.items()
        if reached or missed
    ]
    return Table(
        "not_reached",
        "Établissements atteints et non atteints",
        ["Éducation prioritaire", "Commune", "Atteints", "Non atteints"],
        rows,
        "Un établissement est atteint quand au moins une de ses classes ou un de ses élèves a une activité "
        "d'orientation de la période dans le registre.",
    )


def not_reached_map(steering: Steering, *, dom_id: str = "carte-non-atteints") -> str:
    from orientation.territory.models import Establishment

    rows = Establishment.objects.filter(pk__in=list(steering.establishments), latitude__isnull=False).values_list(
        "pk", "name", "latitude", "longitude", "priority_network"
    )
    missed, reached = [], []
    for pk, name, lat, lon, network in rows:
        if pk in steering.reached_establishment_ids:
            reached.append((lat, lon))
        else:
            missed.append(svgmap.MapPoint(lat, lon, f"{name} : non atteint", network))
    if not missed and not reached:
        return ""
    return svgmap.render_map(
        missed,
        title=f"Établissements non atteints — {steering.scope.label}",
        description=svgmap.describe(missed, f"établissements non atteints, {steering.scope.label}")
        + f" Les {len(reached)} établissements atteints sont des points clairs.",
        context_coordinates=reached,
        dom_id=dom_id,
    )


def sections(steering: Steering) -> list[Section]:
    table = steering.table
    equity = equity_table(steering)
    by_code = steering.by_code()
    return [
        Section(
            "synthese",
            "Synthèse",
            f"Ce qui a été fait, pour qui et où : {steering.scope.label}, {steering.period.label}.",
            [key_figures(steering)],
        ),
        Section(
            "atteinte",
            "Qui a été atteint",
            "Établissements, classes et élèves ayant bénéficié d'au moins une action d'orientation.",
            [table("reach_by_level")],
            charts.bar_chart(
                [(row[0], row[2]) for row in table("reach_by_level").rows],
                title="Élèves atteints par niveau",
                dom_id="graphique-niveaux",
            ),
        ),
        Section(
            "plan",
            "Au regard des objectifs du plan",
            "Les interventions réalisées selon les trois axes stratégiques et leurs objectifs.",
            [table("objectives"), table("interventions_by_status")],
        ),
        Section(
            "equite",
            "Équité",
            "Les mêmes chiffres pour les établissements d'éducation prioritaire et les autres, pour les communes "
            "urbaines et rurales.",
            [equity],
            charts.bar_chart(
                [(NETWORK_LABELS[n], by_code["pupils_reached"].by_priority_network.get(n, 0)) for n in NETWORKS]
                + [(URBAN_LABELS[u], by_code["pupils_reached"].by_urban_class.get(u, 0)) for u in URBAN_CLASSES[:2]],
                title="Élèves atteints selon l'éducation prioritaire et la commune",
                dom_id="graphique-equite",
            ),
        ),
        Section(
            "acteurs",
            "Ambassadeurs, événements et entrepreneuriat",
            "Les professionnels mobilisés, la participation aux événements et les actions labellisées.",
            [table("ambassadors"), table("entrepreneurship")],
        ),
        Section("stages", "Stages", "Offres, places et candidatures.", [table("placements")]),
        Section(
            "non-atteints",
            "Établissements non atteints",
            "Où porter l'effort l'an prochain : les établissements sans aucune action cette année.",
            [not_reached_table(steering)],
            figure=not_reached_map(steering),
        ),
    ]


def render_html(steering: Steering, report_sections: list[Section]) -> str:
    return render_to_string(
        "reporting/annual_report.html",
        {
            "steering": steering,
            "sections": report_sections,
            "generated_at": timezone.localtime(),
            "stylesheet": STYLESHEET.read_text(encoding="utf-8"),
        },
    )


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=str(STYLESHEET.parent)).write_pdf()


def render_xlsx(report_sections: list[Section]) -> bytes:
    return exports.tables_xlsx([(section.title, section.tables) for section in report_sections])


def build(
    scope: Scope, period: Period, *, progress: Callable[[int, str], None] = lambda _p, _s: None
) -> tuple[str, bytes, bytes]:
    """The report's HTML, PDF and XLSX, reporting progress as it goes."""
    progress(10, "Calcul des indicateurs")
    steering = compute(scope, period)
    progress(40, "Mise en forme des sections")
    report_sections = sections(steering)
    html = render_html(steering, report_sections)
    progress(55, "Fabrication du PDF")
    pdf = render_pdf(html)
    progress(85, "Fabrication du tableur")
    xlsx = render_xlsx(report_sections)
    return html, pdf, xlsx
