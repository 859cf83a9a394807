"""Reads for a viewer. Anything outside the viewer's scope is simply absent (views answer 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from orientation.core.geo import bounding_box, haversine_km
from orientation.internships.enums import OfferStatus
from orientation.internships.models import Application, OfferReport, PlacementOffer
from orientation.internships.permissions import viewer_for
from orientation.organisations.enums import LEARNER_ROLES, Role
from orientation.organisations.models import Membership
from orientation.territory.enums import PriorityNetwork
from orientation.territory.models import Commune


def offers_visible_to(user) -> QuerySet[PlacementOffer]:
    """Published offers for every signed-in user; drafts and closed ones for their host and coordinators."""
    viewer = viewer_for(user)
    scope = Q(status=OfferStatus.PUBLISHED)
    scope |= Q(company_id__in=viewer.company_ids) | Q(host_establishment_id__in=viewer.cfa_establishment_ids)
    if viewer.is_administrator:
        scope = Q()
    else:
        scope |= Q(commune__department_id__in=viewer.coordinator_departments)
        scope |= Q(commune__department__academy_id__in=viewer.coordinator_academies)
        scope |= Q(commune__department__academy__region_id__in=viewer.coordinator_regions)
    return PlacementOffer.objects.filter(scope).select_related(
        "company", "host_establishment", "commune__department__academy"
    )


def offers_managed_by(user) -> QuerySet[PlacementOffer]:
    viewer = viewer_for(user)
    return (
        PlacementOffer.objects.filter(
            Q(company_id__in=viewer.company_ids) | Q(host_establishment_id__in=viewer.cfa_establishment_ids)
        )
        .select_related("company", "host_establishment", "commune")
        .annotate(
            open_applications=Count(
                "applications", filter=Q(applications__status__in=["SUBMITTED", "CONSENTED", "VALIDATED"])
            )
        )
        .order_by("-starts_on", "pk")
    )


def offers_to_moderate(user) -> QuerySet[PlacementOffer]:
    """Offers reported by a user that a coordinator must look at (texts flagged by the neutrality
    check wait in the moderation queue)."""
    viewer = viewer_for(user)
    if not viewer.is_coordinator:
        return PlacementOffer.objects.none()
    open_reports = OfferReport.objects.filter(offer=OuterRef("pk"), resolved_at__isnull=True)
    return (
        offers_visible_to(user)
        .filter(Exists(open_reports))
        .exclude(status=OfferStatus.CLOSED)
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("pk")
    )


def viewer_is_priority(user) -> bool:
    viewer = viewer_for(user)
    return any(
        m.establishment.priority_network in (PriorityNetwork.REP, PriorityNetwork.REP_PLUS)
        for m in viewer.learner_memberships
    )


def viewer_home_commune(user) -> Commune | None:
    viewer = viewer_for(user)
    for membership in viewer.learner_memberships:
        return Commune.objects.filter(pk=membership.establishment.commune_id).first()
    return None


@dataclass
class OfferHit:
    offer: PlacementOffer
    distance_km: float | None
    free_places: int
    reserved_for_viewer: int

    @property
    def full(self) -> bool:
        return self.free_places <= 0


def offer_search(
    user,
    *,
    origin: Commune | None = None,
    radius_km: int = 10,
    week: dt.date | None = None,
    kind: str = "",
    job: str = "",
    today: dt.date,
) -> list[OfferHit]:
    """Published offers around ``origin``; REP/REP+ pupils see offers with reserved places first.

    A bounding box pre-filters in SQL; the exact great-circle distance is computed in Python on
    the few rows left. Other pupils only count reserved places once the offer's release date passed.
    """
    qs = (
        PlacementOffer.objects.filter(status=OfferStatus.PUBLISHED, starts_on__gt=today)
        .select_related("company", "host_establishment", "commune")
        .order_by("starts_on", "pk")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if job:
        qs = qs.filter(Q(job_label__icontains=job) | Q(rome_code__iexact=job) | Q(title__icontains=job))
    if week:
        monday = week - dt.timedelta(days=week.weekday())
        qs = qs.filter(starts_on__lte=monday + dt.timedelta(days=6), ends_on__gte=monday)
    if origin is not None and origin.latitude is not None:
        min_lat, max_lat, min_lon, max_lon = bounding_box(origin.latitude, origin.longitude, radius_km)
        qs = qs.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    priority = viewer_is_priority(user)
    hits = []
    for offer in qs:
        distance = None
        if origin is not None and origin.latitude is not None and offer.latitude is not None:
            distance = haversine_km(origin.latitude, origin.longitude, offer.latitude, offer.longitude)
            if distance > radius_km:
                continue
        reserved_for_viewer = offer.free_reserved if priority and offer.reservation_active(today) else 0
        hits.append(
            OfferHit(
                offer=offer,
                distance_km=distance,
                free_places=offer.free_places_for(priority=priority, today=today),
                reserved_for_viewer=reserved_for_viewer,
            )
        )
    hits.sort(key=lambda h: (h.full, -h.reserved_for_viewer if priority else 0, h.distance_km or 0, h.offer.starts_on))
    return hits


def applications_visible_to(user) -> QuerySet[Application]:
    viewer = viewer_for(user)
    scope = Q(pupil_id=viewer.user_id) | Q(pupil_id__in=viewer.child_user_ids)
    scope |= Q(establishment_id__in=viewer.staff_establishment_ids)
    scope |= Q(offer__company_id__in=viewer.company_ids)
    scope |= Q(offer__host_establishment_id__in=viewer.cfa_establishment_ids)
    return Application.objects.filter(scope).select_related(
        "offer__company", "offer__host_establishment", "offer__commune", "pupil", "establishment"
    )


def linked_parent_email(pupil) -> str:
    """The address of a parent linked to the pupil (guardians file or the school), or "" when none.

    A pupil's application then asks this parent for consent instead of asking the pupil for an address.
    """
    parent = (
        Membership.objects.filter(
            role=Role.PARENT,
            is_active=True,
            user__is_active=True,
            child__user=pupil,
            child__role__in=LEARNER_ROLES,
            child__is_active=True,
        )
        .exclude(user__email__endswith=".invalid")
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    return parent.user.email if parent else ""
