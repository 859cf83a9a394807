"""Every write of the territorial bodies."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.governance.models import Attendance, Body, Decision, FollowUp, Meeting, Minutes
from orientation.governance.permissions import can_manage_body


def _require(actor, body: Body) -> None:
    if not can_manage_body(actor, body):
        raise PermissionDeniedError("Seuls les coordinateurs du territoire de l'instance peuvent faire cela.")


def _second_tuesday(year: int, month: int) -> datetime.date:
    first = datetime.date(year, month, 1)
    return first + datetime.timedelta(days=(1 - first.weekday()) % 7 + 7)


def proposed_meeting_dates(school_year: str) -> list[datetime.date]:
    """Twice a year, in step with the national orientation calendar: in November, before the first
    term's class councils and the orientation weeks; in March, before the provisional wishes and
    Parcoursup's confirmation deadline."""
    first = int(school_year[:4])
    return [_second_tuesday(first, 11), _second_tuesday(first + 1, 3)]


@transaction.atomic
def meeting_schedule(*, actor, body: Body, held_on: datetime.date, agenda: str, place: str = "") -> Meeting:
    _require(actor, body)
    if not agenda.strip():
        raise DomainError("Indiquez l'ordre du jour.", field="agenda")
    return Meeting.objects.create(body=body, held_on=held_on, agenda=agenda.strip(), place=place.strip())


@transaction.atomic
def attendance_record(*, actor, meeting: Meeting, present_ids: set[int]) -> None:
    _require(actor, meeting.body)
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, member=m, present=m.pk in present_ids)
            for m in meeting.body.members.filter(is_active=True)
        ]
    )


@transaction.atomic
def minutes_write(*, actor, meeting: Meeting, text: str) -> Minutes:
    """A new version of the minutes; the earlier ones are kept. Approved minutes are frozen."""
    _require(actor, meeting.body)
    meeting = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    if meeting.minutes.filter(approved_at_meeting__isnull=False).exists():
        raise DomainError("Le compte rendu de cette réunion est approuvé : il ne change plus.")
    if not text.strip():
        raise DomainError("Le compte rendu est vide.", field="text")
    version = (meeting.minutes.aggregate(last=Max("version"))["last"] or 0) + 1
    return Minutes.objects.create(meeting=meeting, version=version, text=text.strip(), written_by=actor)


@transaction.atomic
def minutes_approve(*, actor, minutes: Minutes, at_meeting: Meeting) -> Minutes:
    """Approved at the next meeting of the same body (the latest version only)."""
    _require(actor, minutes.meeting.body)
    minutes = Minutes.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=minutes.pk)
    if at_meeting.body_id != minutes.meeting.body_id or at_meeting.held_on <= minutes.meeting.held_on:
        raise DomainError("Un compte rendu est approuvé lors d'une réunion suivante de la même instance.")
    if minutes.meeting.minutes.filter(version__gt=minutes.version).exists():
        raise DomainError("Seule la dernière version du compte rendu peut être approuvée.")
    if minutes.approved_at_meeting_id:
        raise DomainError("Ce compte rendu est déjà approuvé.")
    minutes.approved_at_meeting = at_meeting
    minutes.save(update_fields=["approved_at_meeting", "updated_at"])
    return minutes


@transaction.atomic
def decision_record(*, actor, meeting: Meeting, text: str) -> Decision:
    _require(actor, meeting.body)
    if not text.strip():
        raise DomainError("Écrivez la décision.", field="text")
    return Decision.objects.create(meeting=meeting, text=text.strip())


@transaction.atomic
def follow_up_add(*, actor, decision: Decision, what: str, owner: str, due_on: datetime.date) -> FollowUp:
    _require(actor, decision.meeting.body)
    if not what.strip() or not owner.strip():
        raise DomainError("Indiquez la suite à donner et son responsable.")
    return FollowUp.objects.create(decision=decision, what=what.strip(), owner=owner.strip(), due_on=due_on)


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp, done_on: datetime.date) -> FollowUp:
    _require(actor, follow_up.decision.meeting.body)
    FollowUp.objects.filter(pk=follow_up.pk).update(done_on=done_on)
    follow_up.done_on = done_on
    return follow_up
