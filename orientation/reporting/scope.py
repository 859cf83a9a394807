"""Where and when a figure is counted: a territorial scope checked against the viewer, and a period."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from orientation.organisations.enums import Role
from orientation.organisations.selectors import (
    academies_visible_to,
    active_memberships,
    coordinator_level,
    departments_visible_to,
    establishments_visible_to,
    is_administrator,
)
from orientation.schooling.models import SchoolYear
from orientation.territory.models import Academy, Basin, Commune, Department, Establishment, Region

KINDS = ("region", "academy", "department", "basin", "establishment")
KIND_LABELS = {
    "region": "Région",
    "academy": "Académie",
    "department": "Département",
    "basin": "Bassin d'emploi",
    "establishment": "Établissement",
}
# Path from an establishment to the code that identifies each kind of scope.
_ESTABLISHMENT_PATHS = {
    "region": "commune__department__academy__region__code",
    "academy": "commune__department__academy__code",
    "department": "commune__department__code",
    "basin": "commune__basin__code",
    "establishment": "uai",
}
_COMMUNE_PATHS = {
    "region": "department__academy__region__code",
    "academy": "department__academy__code",
    "department": "department__code",
    "basin": "basin__code",
}


class ScopeError(ValueError):
    """A scope or period the request names wrongly (French message, shown as is)."""


@dataclass(frozen=True)
class Scope:
    kind: str
    code: str
    name: str

    @property
    def label(self) -> str:
        if self.kind == "academy":
            return f"Académie de {self.name}"
        if self.kind == "basin":
            return f"Bassin d'emploi : {self.name}"
        return self.name

    def establishments(self) -> QuerySet[Establishment]:
        return Establishment.objects.filter(**{_ESTABLISHMENT_PATHS[self.kind]: self.code})

    def communes(self) -> QuerySet[Commune]:
        if self.kind == "establishment":
            return Commune.objects.filter(establishments__uai=self.code)
        return Commune.objects.filter(**{_COMMUNE_PATHS[self.kind]: self.code})

    def as_params(self) -> dict[str, str]:
        return {self.kind: self.code}

    def children(self) -> list[Scope]:
        """The next level down, for drilling: académies, départements, basins, establishments."""
        if self.kind == "region":
            rows = Academy.objects.filter(region__code=self.code).order_by("name")
            return [Scope("academy", a.code, a.name) for a in rows]
        if self.kind == "academy":
            rows = Department.objects.filter(academy__code=self.code).order_by("code")
            return [Scope("department", d.code, f"{d.name} ({d.code})") for d in rows]
        if self.kind == "department":
            rows = Basin.objects.filter(department__code=self.code).order_by("name")
            return [Scope("basin", b.code, b.name) for b in rows]
        return []


@dataclass(frozen=True)
class Period:
    starts_on: datetime.date
    ends_on: datetime.date
    school_year: str  # "2026-2027": the school year the period belongs to
    whole_year: bool = True

    @property
    def label(self) -> str:
        if self.whole_year:
            return f"année scolaire {self.school_year}"
        return f"du {self.starts_on:%d/%m/%Y} au {self.ends_on:%d/%m/%Y}"

    def as_params(self) -> dict[str, str]:
        params = {"school_year": self.school_year}
        if not self.whole_year:
            params.update({"from": self.starts_on.isoformat(), "to": self.ends_on.isoformat()})
        return params

    def datetime_range(self) -> tuple[datetime.datetime, datetime.datetime]:
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.starts_on, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end


_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def school_year_bounds(label: str) -> tuple[datetime.date, datetime.date]:
    row = SchoolYear.objects.filter(label=label).only("starts_on", "ends_on").first()
    if row:
        return row.starts_on, row.ends_on
    first = int(label[:4])
    return datetime.date(first, 9, 1), datetime.date(first + 1, 8, 31)


def current_school_year_label(today: datetime.date | None = None) -> str:
    current = SchoolYear.objects.filter(is_current=True).values_list("label", flat=True).first()
    if current:
        return current
    today = today or timezone.localdate()
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}-{first + 1}"


def parse_period(school_year: str | None, date_from: str | None = None, date_to: str | None = None) -> Period:
    label = (school_year or "").strip() or current_school_year_label()
    match = _YEAR.match(label)
    if not match or int(match[2]) != int(match[1]) + 1:
        raise ScopeError("L'année scolaire s'écrit comme « 2026-2027 ».")
    bounds = starts_on, ends_on = school_year_bounds(label)
    try:
        if date_from:
            starts_on = datetime.date.fromisoformat(date_from)
        if date_to:
            ends_on = datetime.date.fromisoformat(date_to)
    except ValueError as exc:
        raise ScopeError("Les dates s'écrivent comme « 2027-01-31 ».") from exc
    if ends_on < starts_on:
        raise ScopeError("La fin de la période doit suivre son début.")
    return Period(starts_on, ends_on, label, (starts_on, ends_on) == bounds)


def can_steer(user) -> bool:
    return is_administrator(user) or any(m.role == Role.COORDINATOR for m in active_memberships(user))


def default_scope(user) -> Scope:
    """The viewer's own territory: the widest of their coordinator memberships, else the region."""
    for level in ("REGION", "ACADEMY", "DEPARTMENT"):
        for m in active_memberships(user):
            if coordinator_level(m) == level:
                if m.region_id:
                    return Scope("region", m.region.code, m.region.name)
                if m.academy_id:
                    return Scope("academy", m.academy.code, m.academy.name)
                return Scope("department", m.department.code, f"{m.department.name} ({m.department.code})")
    region = Region.objects.order_by("pk").first()
    if region is None or not is_administrator(user):
        raise Http404
    return Scope("region", region.code, region.name)


def resolve_scope(user, params) -> Scope:
    """The scope the query names (``department=59``…), else the viewer's own; 404 outside the viewer's."""
    if not can_steer(user):
        raise Http404
    named = [(kind, str(params.get(kind)).strip()) for kind in KINDS if params.get(kind)]
    if len(named) > 1:
        raise ScopeError("Indiquez un seul territoire : région, académie, département, bassin ou établissement.")
    if not named:
        return default_scope(user)
    kind, code = named[0]
    if kind == "region":
        region = Region.objects.filter(code=code).first()
        # Only coordinators of the whole region (or administrators) see the region.
        if region is None or (
            not is_administrator(user)
            and not any(m.role == Role.COORDINATOR and m.region_id == region.pk for m in active_memberships(user))
        ):
            raise Http404
        return Scope("region", region.code, region.name)
    if kind == "academy":
        academy = academies_visible_to(user).filter(code=code).first()
        if academy is None:
            raise Http404
        return Scope("academy", academy.code, academy.name)
    if kind == "department":
        department = departments_visible_to(user).filter(code=code).first()
        if department is None:
            raise Http404
        return Scope("department", department.code, f"{department.name} ({department.code})")
    if kind == "basin":
        basin = Basin.objects.filter(code=code, department__in=departments_visible_to(user)).first()
        if basin is None:
            raise Http404
        return Scope("basin", basin.code, basin.name)
    establishment = establishments_visible_to(user).filter(uai=code.upper()).first()
    if establishment is None:
        raise Http404
    return Scope("establishment", establishment.uai, establishment.name)


def scope_from(kind: str, code: str) -> Scope | None:
    """The scope of that kind and code, unchecked (callers have checked the viewer, or are trusted)."""
    if kind == "region":
        row = Region.objects.filter(code=code).first() if code else Region.objects.order_by("pk").first()
        return Scope("region", row.code, row.name) if row else None
    if kind == "academy":
        row = Academy.objects.filter(code=code).first()
        return Scope("academy", row.code, row.name) if row else None
    if kind == "department":
        row = Department.objects.filter(code=code).first()
        return Scope("department", row.code, f"{row.name} ({row.code})") if row else None
    if kind == "basin":
        row = Basin.objects.filter(code=code).first()
        return Scope("basin", row.code, row.name) if row else None
    if kind == "establishment":
        row = Establishment.objects.filter(uai=code).first()
        return Scope("establishment", row.uai, row.name) if row else None
    return None


def scope_for_command(value: str) -> Scope:
    """``region``, ``region:32``, ``academy:CODE``, ``department:CODE`` (the command line is trusted)."""
    kind, _, code = value.partition(":")
    scope = scope_from(kind, code) if kind in ("region", "academy", "department") else None
    if scope is None:
        raise ScopeError(f"Territoire inconnu : « {value} » (region, academy:CODE ou department:CODE).")
    return scope
