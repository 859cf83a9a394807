"""Reads of the territorial bodies: public composition and decisions; the rest scoped (404 outside)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from orientation.governance.enums import MemberCategory
from orientation.governance.models import Body, Decision, FollowUp, Meeting, Member
from orientation.governance.permissions import can_read_body


def body_for(user, pk: int) -> Body:
    body = get_object_or_404(Body.objects.select_related("department", "region"), pk=pk)
    if not can_read_body(user, body):
        raise Http404
    return body


def meeting_for(user, pk: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body__department", "body__region"), pk=pk)
    if not can_read_body(user, meeting.body):
        raise Http404
    return meeting


def composition(body: Body) -> list[tuple[str, list[Member]]]:
    """Active members by R10 category, in the convention's order."""
    by_category = defaultdict(list)
    for member in body.members.filter(is_active=True):
        by_category[member.category].append(member)
    return [(c.label, by_category[c.value]) for c in MemberCategory if by_category[c.value]]


def approved_decisions(body: Body) -> QuerySet[Decision]:
    """Decisions of meetings whose minutes are approved: the public ones."""
    return (
        Decision.objects.filter(meeting__body=body, meeting__minutes__approved_at_meeting__isnull=False)
        .select_related("meeting")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_on", "pk")))
        .order_by("-meeting__held_on", "pk")
        .distinct()
    )


def follow_ups(body: Body, today: datetime.date) -> list[tuple[FollowUp, bool]]:
    rows = FollowUp.objects.filter(decision__meeting__body=body).select_related("decision__meeting").order_by("due_on")
    return [(f, f.is_late(today)) for f in rows]
