"""Class hours made ready for the page: figures formatted once in Python (French decimal comma) and the
bars' geometry computed, so that a page of a hundred classes renders without a filter per cell."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

BAR_WIDTH = 300  # SVG units for the longest bar (the largest of targets and projections)
BAR_LEFT = 90


def hours_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return text.rstrip("0").rstrip(".").replace(".", ",") if "." in text else text


@dataclass(frozen=True)
class HoursLine:
    name: str
    url: str
    level: str
    pupils: int
    required: str
    delivered: str
    planned: str
    projection: str
    expected: str
    situation: str
    y: int
    delivered_width: int
    planned_x: int
    planned_width: int
    target_x: int | None


def hours_lines(rows) -> tuple[list[HoursLine], int]:
    """(lines, chart height) for the rows of ``selectors.class_hours``."""
    scale = max([r.required or 0 for r in rows] + [r.projection for r in rows] + [Decimal(1)])
    prefix = reverse("schooling:class_detail", kwargs={"pk": 0})[: -len("0/")]
    lines = []
    for index, r in enumerate(rows):
        delivered_width = int(r.delivered * BAR_WIDTH / scale)
        if r.on_track is None:
            situation = "—"
        elif r.on_track:
            situation = "dans les temps"
        else:
            situation = f"en retard de {hours_text(-r.gap)} h"
        lines.append(
            HoursLine(
                name=r.school_class.name,
                url=f"{prefix}{r.school_class.pk}/",
                level=r.school_class.get_level_display(),
                pupils=r.pupils,
                required="sans objectif" if r.required is None else f"{hours_text(r.required)} h",
                delivered=f"{hours_text(r.delivered)} h",
                planned=f"{hours_text(r.planned)} h",
                projection=f"{hours_text(r.projection)} h",
                expected="—" if r.expected_to_date is None else f"{hours_text(r.expected_to_date)} h",
                situation=situation,
                y=index * 10,
                delivered_width=delivered_width,
                planned_x=BAR_LEFT + delivered_width,
                planned_width=int(r.planned * BAR_WIDTH / scale),
                target_x=None if r.required is None else BAR_LEFT - 1 + int(r.required * BAR_WIDTH / scale),
            )
        )
    return lines, (len(rows) + 1) * 10
