"""Bar charts as inline SVG: one ``role="img"`` with a title and a text alternative; the page always
gives the same figures as a table beside the chart."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 210
WIDTH = 600


def _format(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


def bar_chart(rows: list[tuple[str, float]], *, title: str, dom_id: str, unit: str = "") -> SafeString:
    rows = [(label, value or 0) for label, value in rows]
    top = max((value for _label, value in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    span = WIDTH - LABEL_WIDTH - 70
    description = "; ".join(f"{label} : {_format(value)}{unit}" for label, value in rows) or "aucune donnée"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bar-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{dom_id}-titre {dom_id}-desc" id="{dom_id}">',
        f'<title id="{dom_id}-titre">{escape(title)}</title><desc id="{dom_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        width = round(span * value / top, 1)
        parts.append(
            f'<text class="bar-label" x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(label[:34])}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:g}" height="{BAR_HEIGHT}"/>'
            f'<text class="bar-value" x="{LABEL_WIDTH + width + 6:g}" y="{y + 15}">{escape(_format(value))}{unit}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text is escaped above
