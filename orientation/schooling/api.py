"""``/api/v1/classes``: class hours of an establishment; ``/api/v1/classes/hours/summary``: a territory's.

The same selectors as the HTML pages. An establishment or a territory outside the caller's scope
answers 404, exactly like a missing one.
"""

import re

from django.http import Http404
from ninja import Field, Query, Router, Schema

from orientation.core.api_contract import documented
from orientation.core.errors import DomainError
from orientation.organisations.selectors import staff_establishments_visible_to
from orientation.schooling import permissions, selectors
from orientation.schooling.enums import Level
from orientation.schooling.models import SchoolYear

router = Router(tags=["Heures d'orientation"])


class Error(Schema):
    detail: str


SCHOOL_YEAR_PATTERN = r"[0-9]{4}-[0-9]{4}"


class ClassesQuery(Schema):
    establishment: str = Field(..., description="UAI de l'établissement (ex. 0590099Z).")
    school_year: str | None = Field(
        None,
        description="Année scolaire AAAA-AAAA (défaut : l'année en cours).",
        json_schema_extra=documented(pattern=f"^({SCHOOL_YEAR_PATTERN})?$"),
    )


class ClassHoursOut(Schema):
    name: str
    level: str
    level_label: str
    pupils: int
    required_hours: float | None
    delivered_hours: float
    planned_hours: float


class ClassesOut(Schema):
    establishment: str
    school_year: str
    results: list[ClassHoursOut]


class SummaryQuery(Schema):
    department: str | None = Field(None, description="Code du département (ex. 59).")
    academy: str | None = Field(None, description="Code de l'académie (ex. 09).")
    region: str | None = Field(None, description="Code INSEE de la région (ex. 32).")
    school_year: str | None = Field(
        None,
        description="Année scolaire AAAA-AAAA (défaut : l'année en cours).",
        json_schema_extra=documented(pattern=f"^({SCHOOL_YEAR_PATTERN})?$"),
    )


class LevelFigures(Schema):
    level: str
    level_label: str
    classes: int
    classes_on_track: int | None = Field(None, description="Vide pour un niveau sans volume réglementaire.")
    pupils: int
    hours_per_pupil: float | None


class GroupFigures(Schema):
    group: str
    levels: list[LevelFigures]


class SummaryOut(Schema):
    territory_kind: str
    territory_code: str
    territory_name: str
    school_year: str
    levels: list[LevelFigures]
    priority_network: list[GroupFigures]
    urban_rural: list[GroupFigures]


def _school_year(label: str | None) -> SchoolYear:
    if not label:
        year = selectors.current_school_year()
    else:
        if not re.fullmatch(SCHOOL_YEAR_PATTERN, label):
            raise DomainError(f"Année scolaire invalide « {label} » : attendu AAAA-AAAA, par exemple 2026-2027.")
        # Well formed but not two consecutive years: no such school year, as for one not on record.
        year = selectors.school_year_by_label(label)
    if year is None:
        raise Http404
    return year


def _levels(tallies) -> list[dict]:
    return [
        {
            "level": level,
            "level_label": Level(level).label if level in Level.values else level,
            "classes": t.classes,
            "classes_on_track": t.on_track if t.with_target else None,
            "pupils": t.pupils,
            "hours_per_pupil": t.hours_per_pupil,
        }
        for level, t in ((level, tallies[level]) for level in selectors.level_order(tallies))
    ]


@router.get(
    "/classes",
    response={200: ClassesOut, 400: Error, 404: Error, 422: Error},
    summary="Heures d'orientation des classes d'un établissement",
    description=(
        "Pour le personnel de l'établissement et les coordinateurs de son territoire : chaque classe, son niveau, "
        "ses élèves, ses heures réglementaires (vide sans objectif), réalisées et prévues. 404 hors de son périmètre."
    ),
)
def classes(request, query: Query[ClassesQuery]):
    year = _school_year(query.school_year)
    establishment = (
        staff_establishments_visible_to(request.user)
        .select_related("commune__department__academy")
        .filter(uai=query.establishment.strip().upper())
        .first()
    )
    if establishment is None or not permissions.can_view_class_hours(request.user, establishment):
        raise Http404
    rows = selectors.class_hours(selectors.establishment_classes(establishment, year))
    return {
        "establishment": establishment.uai,
        "school_year": year.label,
        "results": [
            {
                "name": r.school_class.name,
                "level": r.school_class.level,
                "level_label": r.school_class.get_level_display(),
                "pupils": r.pupils,
                "required_hours": None if r.required is None else float(r.required),
                "delivered_hours": float(r.delivered),
                "planned_hours": float(r.planned),
            }
            for r in sorted(rows, key=lambda r: r.school_class.name)
        ],
    }


@router.get(
    "/classes/hours/summary",
    response={200: SummaryOut, 400: Error, 404: Error, 422: Error},
    summary="Heures d'orientation d'un territoire",
    description=(
        "Pour les coordinateurs : par niveau, le nombre de classes, celles dans les temps et les heures par élève ; "
        "la même répartition par éducation prioritaire et entre communes rurales et urbaines. Un seul de "
        "`department`, `academy`, `region`. 404 hors de son périmètre."
    ),
)
def hours_summary(request, query: Query[SummaryQuery]):
    named = {
        k: v for k, v in (("department", query.department), ("academy", query.academy), ("region", query.region)) if v
    }
    if len(named) != 1:
        raise DomainError("Précisez un seul territoire : department, academy ou region.")
    year = _school_year(query.school_year)
    territory = selectors.territory_for(request.user, **named)
    if territory is None:
        raise Http404
    summary = selectors.territory_summary(territory.establishments, year)
    return {
        "territory_kind": territory.kind,
        "territory_code": territory.code,
        "territory_name": territory.name,
        "school_year": year.label,
        "levels": _levels(summary.by_level),
        "priority_network": [
            {"group": g, "levels": _levels(t)} for g, t in sorted(summary.by_priority_network.items())
        ],
        "urban_rural": [{"group": g, "levels": _levels(t)} for g, t in sorted(summary.by_urban_class.items())],
    }
