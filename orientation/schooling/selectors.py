"""Reads of the schooling app, scoped to the viewer by the views (see ``permissions``).

Class hours (R7): for each class, the statutory hours of its level for its school year (``None``:
no target), the hours delivered (class credits in the ledger), the hours planned and not yet done,
the projection (delivered + planned) and whether the class is on track: delivered hours at least
the share of the statutory hours the elapsed part of the school year calls for.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.utils import timezone

from orientation.organisations.enums import Role
from orientation.organisations.selectors import (
    academies_visible_to,
    active_memberships,
    departments_visible_to,
    is_administrator,
)
from orientation.schooling.enums import Level
from orientation.schooling.models import ActivityRecord, PlannedActivity, SchoolClass, SchoolYear, StatutoryHours
from orientation.territory.models import Academy, Department, Establishment, Region

ZERO = Decimal(0)


def statutory_table() -> dict[str, list[tuple[int, Decimal | None]]]:
    """Level → versions (from_year, hours), newest first."""
    table: dict[str, list[tuple[int, Decimal | None]]] = {}
    for level, from_year, hours in StatutoryHours.objects.order_by("level", "-from_year").values_list(
        "level", "from_year", "hours"
    ):
        table.setdefault(level, []).append((from_year, hours))
    return table


def required_hours(table, level: str, school_year_start: int) -> Decimal | None:
    for from_year, hours in table.get(level, ()):
        if from_year <= school_year_start:
            return hours
    return None


def year_elapsed(school_year: SchoolYear, today: date | None = None) -> Decimal:
    """Share of the school year elapsed, between 0 and 1."""
    today = today or timezone.localdate()
    total = (school_year.ends_on - school_year.starts_on).days
    done = (min(max(today, school_year.starts_on), school_year.ends_on) - school_year.starts_on).days
    return Decimal(done) / Decimal(total) if total > 0 else Decimal(1)


@dataclass(frozen=True)
class ClassHours:
    school_class: SchoolClass
    pupils: int
    required: Decimal | None
    delivered: Decimal
    planned: Decimal
    expected_to_date: Decimal | None

    @property
    def projection(self) -> Decimal:
        return self.delivered + self.planned

    @property
    def on_track(self) -> bool | None:
        if self.required is None:
            return None
        return self.delivered >= self.expected_to_date

    @property
    def gap(self) -> Decimal | None:
        """Hours behind (negative) or ahead of what the elapsed part of the year calls for."""
        return None if self.required is None else self.delivered - self.expected_to_date

    @property
    def missing_at_year_end(self) -> Decimal | None:
        return None if self.required is None else max(ZERO, self.required - self.projection)

    @property
    def percent(self) -> int | None:
        if not self.required:
            return None
        return int((self.delivered * 100 / self.required).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _sort_key(row: ClassHours):
    # Classes behind first (largest gap), then those without a target, by name.
    if row.gap is None:
        return (1, Decimal(0), row.school_class.name)
    return (0, row.gap, row.school_class.name)


def _hours_by_class(queryset, class_ids) -> dict[int, Decimal]:
    return dict(
        queryset.filter(school_class_id__in=class_ids)
        .order_by()
        .values("school_class")
        .annotate(total=Sum("hours"))
        .values_list("school_class", "total")
    )


def class_hours(classes, *, today: date | None = None, table=None) -> list[ClassHours]:
    """Hours of the given classes (a queryset), classes behind first. Four queries: the classes, one
    aggregate of their class credits (a partial index), one of their planned activities, the table."""
    table = statutory_table() if table is None else table
    classes = list(classes.select_related("school_year"))
    ids = [c.pk for c in classes]
    delivered = _hours_by_class(ActivityRecord.objects.filter(pupil__isnull=True), ids) if ids else {}
    planned = _hours_by_class(PlannedActivity.objects.filter(done_as__isnull=True), ids) if ids else {}
    rows = []
    elapsed_by_year: dict[int, Decimal] = {}
    for school_class in classes:
        year = school_class.school_year
        if year.pk not in elapsed_by_year:
            elapsed_by_year[year.pk] = year_elapsed(year, today)
        required = required_hours(table, school_class.level, year.starts_on.year)
        rows.append(
            ClassHours(
                school_class=school_class,
                pupils=school_class.size,
                required=required,
                delivered=Decimal(delivered.get(school_class.pk, ZERO)),
                planned=Decimal(planned.get(school_class.pk, ZERO)),
                expected_to_date=None
                if required is None
                else (required * elapsed_by_year[year.pk]).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP),
            )
        )
    rows.sort(key=_sort_key)
    return rows


def establishment_classes(establishment, school_year: SchoolYear):
    return SchoolClass.objects.filter(establishment=establishment, school_year=school_year)


def current_school_year() -> SchoolYear | None:
    return SchoolYear.objects.filter(is_current=True).first()


def school_year_by_label(label: str) -> SchoolYear | None:
    return SchoolYear.objects.filter(label=label).first()


def class_activities(school_class: SchoolClass):
    """The class's ledger lines (class credits), newest first."""
    return school_class.activities.filter(pupil__isnull=True).order_by("-occurred_on", "-pk")


@dataclass
class Tally:
    """Classes, those on track (among those with a target), pupils and hours received per pupil."""

    classes: int = 0
    with_target: int = 0
    on_track: int = 0
    pupils: int = 0
    pupil_hours: Decimal = ZERO

    def add(self, size: int, delivered: Decimal, on_track: bool | None) -> None:
        self.classes += 1
        self.pupils += size
        self.pupil_hours += delivered * size
        if on_track is not None:
            self.with_target += 1
            self.on_track += int(on_track)

    @property
    def share_on_track(self) -> float | None:
        return round(100 * self.on_track / self.with_target, 1) if self.with_target else None

    @property
    def hours_per_pupil(self) -> float | None:
        return round(float(self.pupil_hours / self.pupils), 1) if self.pupils else None


@dataclass
class TerritorySummary:
    by_level: dict[str, Tally]
    by_priority_network: dict[str, dict[str, Tally]]
    by_urban_class: dict[str, dict[str, Tally]]
    by_establishment: dict[int, Tally]
    total: Tally


def territory_summary(establishments, school_year: SchoolYear, *, today: date | None = None) -> TerritorySummary:
    """Figures for the classes of ``establishments`` (a queryset) in ``school_year``. Three queries."""
    table = statutory_table()
    elapsed = year_elapsed(school_year, today)
    by_level: dict[str, Tally] = {}
    by_network: dict[str, dict[str, Tally]] = {}
    by_urban: dict[str, dict[str, Tally]] = {}
    by_establishment: dict[int, Tally] = {}
    total = Tally()
    classes = SchoolClass.objects.filter(school_year=school_year, establishment__in=establishments)
    # One aggregate over the class credits (their partial index), then the classes: no per-class subquery.
    delivered_by_class = dict(
        ActivityRecord.objects.filter(pupil__isnull=True, school_class__in=classes.values("pk"))
        .order_by()
        .values("school_class")
        .annotate(total=Sum("hours"))
        .values_list("school_class", "total")
    )
    rows = (
        (level, size, establishment_id, network, urban, delivered_by_class.get(pk, ZERO))
        for pk, level, size, establishment_id, network, urban in classes.order_by().values_list(
            "pk",
            "level",
            "size",
            "establishment_id",
            "establishment__priority_network",
            "establishment__commune__urban_class",
        )
    )
    start = school_year.starts_on.year
    expected_by_level = {
        level: None if hours is None else (hours * elapsed).quantize(Decimal("0.1"))
        for level in table
        for hours in [required_hours(table, level, start)]
    }
    for level, size, establishment_id, network, urban, delivered in rows:
        delivered = Decimal(delivered)
        expected = expected_by_level.get(level)
        on_track = None if expected is None else delivered >= expected
        for tally in (
            by_level.setdefault(level, Tally()),
            by_network.setdefault(network, {}).setdefault(level, Tally()),
            by_urban.setdefault(urban, {}).setdefault(level, Tally()),
            by_establishment.setdefault(establishment_id, Tally()),
            total,
        ):
            tally.add(size, delivered, on_track)
    return TerritorySummary(by_level, by_network, by_urban, by_establishment, total)


def level_order(levels) -> list[str]:
    order = {value: index for index, value in enumerate(Level.values)}
    return sorted(levels, key=lambda level: order.get(level, 99))


@dataclass(frozen=True)
class Territory:
    kind: str  # "department", "academy" or "region"
    code: str
    name: str
    establishments: object  # queryset
    children: list  # (kind, code, name) one level down, or [] for a département


def territory_for(user, *, department: str = "", academy: str = "", region: str = "") -> Territory | None:
    """The territory named, if the user's scope covers it whole; ``None`` otherwise (answer 404)."""
    secondary = Establishment.objects.filter(classes__isnull=False).distinct()
    if department:
        found = departments_visible_to(user).filter(code=department).first()
        if found is None:
            return None
        return Territory("department", found.code, found.name, secondary.filter(commune__department=found), [])
    if academy:
        found = academies_visible_to(user).filter(code=academy).first()
        if found is None:
            return None
        children = [("department", d.code, d.name) for d in Department.objects.filter(academy=found).order_by("code")]
        return Territory(
            "academy", found.code, found.name, secondary.filter(commune__department__academy=found), children
        )
    if region:
        found = Region.objects.filter(code=region).first()
        allowed = found is not None and (
            is_administrator(user)
            or any(m.role == Role.COORDINATOR and m.region_id == found.pk for m in active_memberships(user))
        )
        if not allowed:
            return None
        children = [("academy", a.code, a.name) for a in Academy.objects.filter(region=found).order_by("code")]
        return Territory(
            "region", found.code, found.name, secondary.filter(commune__department__academy__region=found), children
        )
    return None


def default_territory(user) -> Territory | None:
    """The coordinator's own territory (the first of their coordinator memberships)."""
    for m in active_memberships(user):
        if m.role == Role.COORDINATOR:
            if m.department_id:
                return territory_for(user, department=m.department.code)
            if m.academy_id:
                return territory_for(user, academy=m.academy.code)
            return territory_for(user, region=m.region.code)
    if is_administrator(user):
        region = Region.objects.order_by("code").first()
        return territory_for(user, region=region.code) if region else None
    return None
