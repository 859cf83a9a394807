"""Indicators of the plan that the platform counts itself, for an action's territory and school year."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.db.models import Q, Sum

from orientation.actionplan.models import Action
from orientation.catalog.models import TensionIndicator
from orientation.interventions.enums import BookingStatus, WishKind
from orientation.interventions.models import Booking
from orientation.schooling.models import ActivityRecord, SchoolClass

DONE = (BookingStatus.DONE, BookingStatus.EVALUATED)


def _establishment_filter(action: Action, path: str) -> Q:
    if action.department_id:
        return Q(**{f"{path}commune__department_id": action.department_id})
    return Q(**{f"{path}commune__department__academy__region_id": action.plan.region_id})


def _done_bookings(action: Action):
    return Booking.objects.filter(
        _establishment_filter(action, "request__establishment__"),
        status__in=DONE,
        starts_at__date__gte=action.starts_on,
        starts_at__date__lte=action.ends_on,
    )


def share_3e_recruiting(action: Action) -> Decimal:
    """Share (%) of the year's 3e classes with at least one intervention on a job that recruits."""
    classes = SchoolClass.objects.filter(
        _establishment_filter(action, "establishment__"), school_year__label=action.plan.school_year, level="3E"
    )
    recruiting = TensionIndicator.objects.filter(tension__gte=4).values("rome_v3_code")
    covered = (
        _done_bookings(action)
        .filter(Q(request__wish_kind=WishKind.RECRUITING_NEAR) | Q(ambassador__jobs__rome_code__in=recruiting))
        .values("request__school_class_id")
    )
    total = classes.count()
    return (
        Decimal(100 * classes.filter(pk__in=covered).count() / total).quantize(Decimal("0.1")) if total else Decimal(0)
    )


def interventions_done(action: Action) -> Decimal:
    return Decimal(_done_bookings(action).count())


def hours_delivered(action: Action) -> Decimal:
    total = ActivityRecord.objects.filter(
        _establishment_filter(action, "school_class__establishment__"),
        pupil__isnull=True,
        occurred_on__gte=action.starts_on,
        occurred_on__lte=action.ends_on,
    ).aggregate(total=Sum("hours"))["total"]
    return Decimal(total or 0)


# code → (French label, unit, function)
COMPUTED: dict[str, tuple[str, str, Callable[[Action], Decimal]]] = {
    "share_3e_recruiting": (
        "Part des classes de 3e ayant eu au moins une intervention sur un métier qui recrute",
        "%",
        share_3e_recruiting,
    ),
    "interventions_done": ("Interventions réalisées", "", interventions_done),
    "hours_delivered": ("Heures d'orientation réalisées par les classes", "h", hours_delivered),
}
