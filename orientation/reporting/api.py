"""``/api/v1/steering/indicators``: the steering indicators of a scope and school year, scoped like the page.

A signed-in coordinator (or administrator) only; a scope outside the viewer's answers 404, like a
missing one; a malformed school year or period 400; errors are JSON in French.
"""

from __future__ import annotations

import datetime as dt

from ninja import Query, Router, Schema
from ninja.security import django_auth
from pydantic import Field

from orientation.core.errors import DomainError
from orientation.reporting.indicators import compute
from orientation.reporting.scope import ScopeError, parse_period, resolve_scope

router = Router(tags=["Pilotage"], auth=django_auth)


class Error(Schema):
    detail: str


class IndicatorParams(Schema):
    school_year: str | None = Field(
        None, description="Année scolaire, par exemple « 2026-2027 » (par défaut : l'année en cours)."
    )
    region: str | None = Field(None, max_length=3, description="Code INSEE de la région.")
    academy: str | None = Field(None, max_length=3, description="Code de l'académie.")
    department: str | None = Field(None, max_length=3, description="Code du département (ex. 59).")
    basin: str | None = Field(None, max_length=6, description="Code du bassin d'emploi.")
    establishment: str | None = Field(None, max_length=8, description="UAI de l'établissement.")
    date_from: dt.date | None = Field(None, alias="from", description="Début d'une période plus courte que l'année.")
    date_to: dt.date | None = Field(None, alias="to", description="Fin de cette période.")


class ScopeOut(Schema):
    kind: str = Field(description="region, academy, department, basin ou establishment")
    code: str
    label: str


class IndicatorOut(Schema):
    code: str
    label: str
    value: int | float
    unit: str
    note: str
    by_priority_network: dict[str, int | float] = Field(description="REP_PLUS, REP, NONE")
    by_urban_class: dict[str, int | float] = Field(description="URBAN, RURAL, UNKNOWN")


class IndicatorsOut(Schema):
    scope: ScopeOut
    school_year: str
    starts_on: dt.date
    ends_on: dt.date
    indicators: list[IndicatorOut]


@router.get(
    "/steering/indicators",
    response={200: IndicatorsOut, 400: Error, 401: Error, 404: Error, 422: Error},
    summary="Indicateurs de pilotage d'un territoire",
)
def steering_indicators(request, params: Query[IndicatorParams]):
    try:
        scope = resolve_scope(request.user, params.dict(exclude_none=True))
        period = parse_period(
            params.school_year,
            params.date_from.isoformat() if params.date_from else None,
            params.date_to.isoformat() if params.date_to else None,
        )
    except ScopeError as exc:
        raise DomainError(str(exc)) from exc
    steering = compute(scope, period)
    return {
        "scope": {"kind": scope.kind, "code": scope.code, "label": scope.label},
        "school_year": period.school_year,
        "starts_on": period.starts_on,
        "ends_on": period.ends_on,
        "indicators": [
            {
                "code": i.code,
                "label": i.label,
                "value": i.value,
                "unit": i.unit,
                "note": i.note,
                "by_priority_network": i.by_priority_network,
                "by_urban_class": i.by_urban_class,
            }
            for i in steering.indicators
        ],
    }
