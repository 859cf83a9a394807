"""Reads scoped to the viewer, and loaders that turn rows into the matcher's plain objects."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from orientation.ambassadors.enums import ESTABLISHMENT_INTEREST_KINDS
from orientation.ambassadors.models import Ambassador, InterestDeclaration
from orientation.ambassadors.permissions import coordinator_memberships
from orientation.interventions.enums import BLOCKING_STATUSES
from orientation.interventions.matching import Candidate, JobFacts, Need
from orientation.interventions.models import Booking, InterventionFormat, InterventionRequest
from orientation.organisations.enums import STAFF_ROLES
from orientation.organisations.models import Membership
from orientation.territory.calendar import calendar_for
from orientation.territory.enums import PriorityNetwork


def coordinator_establishment_q(user, prefix: str = "") -> Q:
    """Q on establishments (through ``prefix``) inside the user's coordinator scope."""
    q = Q(pk__in=[])
    for membership in coordinator_memberships(user):
        if membership.department_id:
            q |= Q(**{f"{prefix}commune__department_id": membership.department_id})
        elif membership.academy_id:
            q |= Q(**{f"{prefix}commune__department__academy_id": membership.academy_id})
        elif membership.region_id:
            q |= Q(**{f"{prefix}commune__department__academy__region_id": membership.region_id})
    return q


def staff_establishment_ids(user) -> list[int]:
    return list(
        Membership.objects.active()
        .filter(user=user, role__in=STAFF_ROLES, establishment__isnull=False)
        .values_list("establishment_id", flat=True)
    )


def bookings_visible_to(user):
    """Bookings of the viewer's establishments, of their coordinator scope, or their own as ambassador."""
    if not user.is_authenticated:
        return Booking.objects.none()
    q = Q(request__establishment_id__in=staff_establishment_ids(user)) | Q(ambassador__user=user)
    q |= coordinator_establishment_q(user, prefix="request__establishment__")
    return Booking.objects.filter(q).select_related(
        "request__establishment__commune__department__academy",
        "request__school_class",
        "request__format",
        "ambassador__user",
    )


def catalogue():
    return InterventionFormat.objects.filter(is_active=True).order_by("axis", "name")


def is_priority(establishment) -> tuple[bool, str]:
    if establishment.priority_network == PriorityNetwork.REP_PLUS:
        return True, "REP+"
    if establishment.priority_network == PriorityNetwork.REP:
        return True, "REP"
    if establishment.commune.urban_class == "RURAL":
        return True, "en zone rurale"
    return False, ""


def need_for(request: InterventionRequest) -> Need:
    establishment = request.establishment
    priority, label = is_priority(establishment)
    lat = establishment.latitude if establishment.latitude is not None else establishment.commune.latitude
    lon = establishment.longitude if establishment.longitude is not None else establishment.commune.longitude
    return Need(
        id=request.pk,
        establishment_id=establishment.pk,
        lat=lat or 0.0,
        lon=lon or 0.0,
        priority=priority,
        priority_label=label,
        wish_kind=request.wish_kind,
        wished=frozenset(request.rome_codes or []),
        windows=tuple((w.starts_at, w.ends_at) for w in request.windows.all()),
        duration_minutes=request.format.duration_minutes,
        calendar=calendar_for(establishment),
    )


def load_candidates(*, ambassadors=None, exclude_booking_ids=()) -> list[Candidate]:
    """Every proposable ambassador (or the given queryset, still restricted to proposable ones)."""
    qs = (ambassadors if ambassadors is not None else Ambassador.objects.all()).proposable()
    qs = qs.select_related("commune", "user").prefetch_related("jobs", "slots", "periods", "counter_stereotypes")
    ambassadors = list(qs)
    ids = [a.pk for a in ambassadors]
    conflicts: dict[int, set[int]] = defaultdict(set)
    for amb_id, est_id in (
        InterestDeclaration.objects.current()
        .filter(ambassador_id__in=ids, kind__in=[k.value for k in ESTABLISHMENT_INTEREST_KINDS])
        .values_list("ambassador_id", "establishment_id")
    ):
        conflicts[amb_id].add(est_id)
    busy: dict[int, list] = defaultdict(list)
    load: dict[int, int] = defaultdict(int)
    since = timezone.now() - timedelta(days=365)
    for amb_id, start, end, booking_id in Booking.objects.filter(
        ambassador_id__in=ids, status__in=BLOCKING_STATUSES
    ).values_list("ambassador_id", "starts_at", "ends_at", "pk"):
        if booking_id in exclude_booking_ids:
            continue
        busy[amb_id].append((start, end))
        if start >= since:
            load[amb_id] += 1
    result = []
    for a in ambassadors:
        result.append(
            Candidate(
                id=a.pk,
                lat=a.commune.latitude or 0.0,
                lon=a.commune.longitude or 0.0,
                radius_km=a.travel_radius_km,
                rome_codes=frozenset(j.rome_code for j in a.jobs.all()),
                counter_stereotype=bool(a.counter_stereotypes.all()),
                load=load[a.pk],
                conflicts=frozenset(conflicts[a.pk]),
                weekly=tuple(
                    (s.weekday, s.starts_at.hour * 60 + s.starts_at.minute, s.ends_at.hour * 60 + s.ends_at.minute)
                    for s in a.slots.all()
                ),
                periods=tuple((p.starts_on, p.ends_on) for p in a.periods.all()),
                busy=tuple(busy[a.pk]),
                name=str(a),
            )
        )
    return result


def job_facts() -> JobFacts:
    """Jobs that recruit (top quarter of BMO projects in the region) and little-known jobs."""
    try:
        from orientation.catalog.models import Job, RecruitmentNeed, RomeFapLink
    except ImportError:  # catalogue not installed
        return JobFacts()
    little_known = frozenset(Job.objects.filter(is_little_known=True).values_list("rome_code", flat=True))
    labels = dict(Job.objects.values_list("rome_code", "title"))
    totals = list(RecruitmentNeed.objects.values("family_id").annotate(total=Sum("projects")).order_by("-total"))
    top = {row["family_id"] for row in totals[: max(1, len(totals) // 4)] if row["total"]}
    recruiting = frozenset(
        RomeFapLink.objects.filter(family_id__in=top).values_list("rome_v3_code", flat=True).distinct()
    )
    return JobFacts(recruiting=recruiting, little_known=little_known, labels=labels)
