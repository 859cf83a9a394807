"""Reads scoped to the viewer: a coordinator reads the items of their territory only (404 otherwise)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from orientation.moderation.enums import ModerationStatus
from orientation.moderation.models import ModerationItem
from orientation.organisations.enums import CoordinatorLevel
from orientation.organisations.selectors import (
    academies_visible_to,
    active_memberships,
    coordinator_level,
    departments_visible_to,
    is_administrator,
)


def items_visible_to(user) -> QuerySet[ModerationItem]:
    """The coordinator scope of ``organisations``: a département's items to its coordinators and to those of
    its académie and region; an académie's own items to its and the region's; the region's to the region's."""
    if not getattr(user, "is_authenticated", False):
        return ModerationItem.objects.none()
    if is_administrator(user):
        return ModerationItem.objects.all()
    condition = Q(department__in=departments_visible_to(user)) | Q(
        department__isnull=True, academy__in=academies_visible_to(user)
    )
    if any(coordinator_level(m) == CoordinatorLevel.REGION for m in active_memberships(user)):
        condition |= Q(academy__isnull=True)
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
