"""Reads of the schooling app, scoped to the viewer by the views (see ``permissions``).

Class hours (R7): for each class, the statutory hours of its level for its school year (``None``:
no target), the hours delivered (class credits in the ledger), the hours planned and not yet done,
the projection (delivered + planned) and whether the class is on track: delivered hours at least
the share of the statutory hours the elapsed part of the school year calls for.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from orientation.schooling.models import ActivityRecord, PlannedActivity, SchoolClass, SchoolYear, StatutoryHours

ZERO = Decimal(0)
_DECIMAL = DecimalField(max_digits=9, decimal_places=2)


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


def classes_with_hours(queryset):
    """Annotate ``delivered_hours`` and ``planned_hours`` (one query, no join fan-out)."""
    delivered = (
        ActivityRecord.objects.filter(school_class=OuterRef("pk"), pupil__isnull=True)
        .order_by()
        .values("school_class")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    planned = (
        PlannedActivity.objects.filter(school_class=OuterRef("pk"), done_as__isnull=True)
        .order_by()
        .values("school_class")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    return queryset.annotate(
        delivered_hours=Coalesce(Subquery(delivered, output_field=_DECIMAL), Value(ZERO), output_field=_DECIMAL),
        planned_hours=Coalesce(Subquery(planned, output_field=_DECIMAL), Value(ZERO), output_field=_DECIMAL),
    )


def _sort_key(row: ClassHours):
    # Classes behind first (largest gap), then those without a target, by name.
    if row.gap is None:
        return (1, Decimal(0), row.school_class.name)
    return (0, row.gap, row.school_class.name)


def class_hours(classes, *, today: date | None = None, table=None) -> list[ClassHours]:
    """Hours of the given classes (a queryset), classes behind first. Two queries."""
    table = statutory_table() if table is None else table
    rows = []
    elapsed_by_year: dict[int, Decimal] = {}
    for school_class in classes_with_hours(classes.select_related("school_year")):
        year = school_class.school_year
        if year.pk not in elapsed_by_year:
            elapsed_by_year[year.pk] = year_elapsed(year, today)
        required = required_hours(table, school_class.level, year.starts_on.year)
        rows.append(
            ClassHours(
                school_class=school_class,
                pupils=school_class.size,
                required=required,
                delivered=Decimal(school_class.delivered_hours),
                planned=Decimal(school_class.planned_hours),
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
