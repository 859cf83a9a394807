"""Reads scoped to the viewer: a coordinator reads the items of their territory only (404 otherwise)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.organisations.enums import CoordinatorLevel
from orientation.organisations.selectors import active_memberships, coordinator_level, is_administrator


def items_visible_to(user) -> QuerySet[ModerationItem]:
    """Département coordinators: their département; académie: its départements and its own items;
    region coordinators and administrators: all (items with no place belong to the region)."""
    if not getattr(user, "is_authenticated", False):
        return ModerationItem.objects.none()
    if is_administrator(user):
        return ModerationItem.objects.all()
    condition = Q(pk__in=[])
    for membership in active_memberships(user):
        level = coordinator_level(membership)
        if level == CoordinatorLevel.DEPARTMENT:
            condition |= Q(department_id=membership.department_id)
        elif level == CoordinatorLevel.ACADEMY:
            condition |= Q(academy_id=membership.academy_id)
        elif level == CoordinatorLevel.REGION:
            condition |= Q(academy__region_id=membership.region_id) | Q(academy__isnull=True)
    return ModerationItem.objects.filter(condition)


def pending_items_visible_to(user) -> QuerySet[ModerationItem]:
    return (
        items_visible_to(user)
        .filter(status=ModerationStatus.PENDING)
        .select_related("submitted_by", "department", "academy")
    )


def held_text(kind: str, object_id: int) -> ModerationItem | None:
    """What the author of a text is told: its latest review, when it keeps the text unpublished."""
    latest = ModerationItem.objects.filter(kind=kind, object_id=object_id).order_by("-created_at", "-pk").first()
    if latest is None or latest.status == ModerationStatus.APPROVED:
        return None
    return latest
