"""Writes of the interventions app. Keyword-only, one transaction each, actor recorded, mail after commit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from orientation.ambassadors.models import Ambassador
from orientation.ambassadors.permissions import coordinates_department
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.core.workflow import transition_apply
from orientation.interventions import matching, selectors
from orientation.interventions.enums import BookingStatus, WishKind
from orientation.interventions.models import (
    Booking,
    Evaluation,
    InterventionFormat,
    InterventionRequest,
    Proposal,
    PupilSurveyResponse,
    RequestWindow,
)
from orientation.interventions.permissions import can_request_for
from orientation.interventions.workflow import BOOKING
from orientation.moderation.services import text_submit
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.enums import ActivityKind
from orientation.schooling.services import activity_record
from orientation.territory.calendar import require_school_day

REQUEST_DESCRIPTION = "REQUEST_DESCRIPTION"  # the kind of moderated text this app registers (apps.py)
DOUBLE_BOOKING = "Cet ambassadeur a déjà une intervention à ce moment-là."


def _school_emails(establishment, roles=(Role.HEAD, Role.FORM_TEACHER)) -> list[str]:
    return list(
        Membership.objects.active()
        .filter(establishment=establishment, role__in=roles)
        .values_list("user__email", flat=True)
    )


@transaction.atomic
def intervention_request(
    *,
    actor,
    school_class,
    format: InterventionFormat,
    windows: Sequence[tuple[datetime, datetime]],
    wish_kind: str = WishKind.JOBS,
    rome_codes: Sequence[str] = (),
    sector: str = "",
    place: str = "SCHOOL",
    place_detail: str = "",
    description: str = "",
) -> InterventionRequest:
    """A school staff member asks for an intervention for one of their classes (status REQUESTED)."""
    if not can_request_for(actor, school_class):
        raise PermissionDeniedError("Seul le personnel de l'établissement peut demander une intervention.")
    if not format.is_active:
        raise DomainError("Ce format n'est plus proposé.", field="format")
    if format.target_levels and school_class.level not in format.target_levels:
        raise DomainError("Ce format n'est pas prévu pour le niveau de cette classe.", field="format")
    if wish_kind == WishKind.JOBS and not rome_codes:
        raise DomainError("Choisissez au moins un métier.", field="rome_codes")
    if not windows:
        raise DomainError("Proposez au moins un créneau.", field="windows")
    now = timezone.now()
    duration = timedelta(minutes=format.duration_minutes)
    for start, end in windows:
        if start <= now:
            raise DomainError("Les créneaux proposés doivent être dans le futur.", field="windows")
        require_school_day(school_class.establishment, timezone.localdate(start), field="windows")
        if end - start < duration:
            raise DomainError(
                f"Chaque créneau doit durer au moins {format.duration_minutes} minutes (la durée du format).",
                field="windows",
            )
    request = InterventionRequest(
        establishment=school_class.establishment,
        school_class=school_class,
        format=format,
        wish_kind=wish_kind,
        rome_codes=[c.strip().upper() for c in rome_codes if c.strip()],
        sector=sector.strip(),
        place=place,
        place_detail=place_detail.strip(),
        description=description.strip(),
        requested_by=actor,
    )
    validate(request)
    request.save()
    for start, end in windows:
        window = RequestWindow(request=request, starts_at=start, ends_at=end)
        validate(window)
        window.save()
    request.description_is_published = text_submit(
        kind=REQUEST_DESCRIPTION,
        object_id=request.pk,
        text=request.description,
        actor=actor,
        department=school_class.establishment.commune.department,
    )
    request.save(update_fields=["description_is_published"])
    booking = Booking.objects.create(request=request)
    BOOKING.log_write(booking, from_status="", to_status=BookingStatus.REQUESTED, actor=actor)
    notify(
        recipients=_school_emails(request.establishment, roles=(Role.HEAD,)),
        template="interventions/emails/request_to_approve",
        context={"actor": actor, "format": format, "school_class": school_class},
    )
    return request


def _locked(booking: Booking) -> Booking:
    return BOOKING.lock(booking)


def _transition(booking: Booking, to_status: str, actor, *, reason: str = "", **changes) -> Booking:
    """Apply one transition of the table (``workflow.BOOKING``) and tell the school and the ambassador."""
    try:
        with transaction.atomic():
            booking = transition_apply(
                BOOKING,
                booking,
                to=to_status,
                actor=actor,
                note=reason,
                changes=changes,
                validate=validate,
                ambassador=changes.get("ambassador", booking.ambassador),
            )
    except IntegrityError as exc:
        if "double_booking" in str(exc) or "booking_no_double_booking" in str(exc):
            raise DomainError(DOUBLE_BOOKING) from exc
        raise
    recipients = _school_emails(booking.request.establishment)
    if booking.ambassador_id:
        recipients.append(booking.ambassador.user.email)
    notify(
        recipients=recipients,
        template="interventions/emails/booking_status_changed",
        context={"booking": booking, "status_label": BookingStatus(to_status).label, "reason": reason.strip()},
    )
    return booking


@transaction.atomic
def booking_approve(*, booking: Booking, actor) -> Booking:
    return _transition(booking, BookingStatus.APPROVED, actor)


def _check_charter(ambassador: Ambassador) -> None:
    if not ambassador.has_current_charter():
        raise DomainError("L'ambassadeur doit d'abord accepter la nouvelle version de la charte.")


@transaction.atomic
def booking_propose(*, booking: Booking, ambassador: Ambassador, starts_at: datetime, actor) -> Booking:
    """A coordinator proposes an ambassador at a given start (one of the request's windows)."""
    locked = _locked(booking)
    BOOKING.check_actor(locked, actor, BookingStatus.PROPOSED)
    request = locked.request
    if not ambassador.is_proposable():
        raise DomainError("Cet ambassadeur ne peut pas être proposé (statut, charte ou formation).")
    [candidate] = selectors.load_candidates(ambassadors=Ambassador.objects.filter(pk=ambassador.pk)) or [None]
    if candidate is None:
        raise DomainError("Cet ambassadeur ne peut pas être proposé (statut, charte ou formation).")
    need = selectors.need_for(request)
    if request.establishment_id in candidate.conflicts:
        raise DomainError("Conflit d'intérêts : cet ambassadeur a déclaré un lien avec cet établissement.")
    pair = matching.evaluate(need, replace(candidate, busy=()), selectors.job_facts())
    if pair is None:
        raise DomainError("Cet ambassadeur est trop loin ou n'est pas disponible sur les créneaux demandés.")
    if starts_at not in pair.slots.values():
        raise DomainError("Ce créneau ne convient pas à cet ambassadeur.")
    ends_at = starts_at + timedelta(minutes=request.format.duration_minutes)
    if any(b_start < ends_at and starts_at < b_end for b_start, b_end in candidate.busy):
        raise DomainError(DOUBLE_BOOKING)
    booking = _transition(
        locked, BookingStatus.PROPOSED, actor, ambassador=ambassador, starts_at=starts_at, ends_at=ends_at
    )
    return booking


@transaction.atomic
def booking_accept(*, booking: Booking, actor) -> Booking:
    booking = _transition(booking, BookingStatus.ACCEPTED, actor)
    _check_charter(booking.ambassador)
    return booking


@transaction.atomic
def booking_decline(*, booking: Booking, actor, reason: str = "") -> Booking:
    return _transition(booking, BookingStatus.DECLINED, actor, reason=reason)


@transaction.atomic
def booking_confirm(*, booking: Booking, actor) -> Booking:
    booking = _transition(booking, BookingStatus.CONFIRMED, actor)
    _check_charter(booking.ambassador)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, actor, reason: str) -> Booking:
    return _transition(booking, BookingStatus.CANCELLED, actor, reason=reason.strip(), cancel_reason=reason.strip())


@transaction.atomic
def booking_done(*, booking: Booking, actor) -> Booking:
    """Declare the intervention delivered; its hours are credited to the class (R7)."""
    booking = _transition(booking, BookingStatus.DONE, actor)
    if booking.starts_at and booking.starts_at > timezone.now():
        raise DomainError("L'intervention n'a pas encore eu lieu.")
    request = booking.request
    activity_record(
        school_class=request.school_class,
        kind=ActivityKind.INTERVENTION,
        title=f"{request.format.name} — {booking.ambassador}",
        occurred_on=timezone.localdate(booking.starts_at),
        hours=request.format.hours,
        source="interventions.Booking",
        source_id=booking.pk,
        recorded_by=actor,
    )
    return booking


@transaction.atomic
def booking_evaluate(*, booking: Booking, actor, rating: int, met_objective: bool, comment: str = "") -> Evaluation:
    booking = _transition(booking, BookingStatus.EVALUATED, actor)
    if Evaluation.objects.filter(booking=booking).exists():
        raise DomainError("Cette intervention est déjà évaluée.")
    evaluation = Evaluation(booking=booking, author=actor, rating=rating, met_objective=met_objective, comment=comment)
    validate(evaluation)
    evaluation.save()
    return evaluation


@transaction.atomic
def pupil_survey_answer(*, booking: Booking, learned: int, interested: int, changed_view: int) -> PupilSurveyResponse:
    """An anonymous answer; at most one per pupil of the class (by count, nobody is identified)."""
    booking = _locked(booking)
    if not booking.survey_is_open:
        raise DomainError("Le questionnaire s'ouvre après l'intervention.")
    if booking.survey_responses.count() >= booking.request.school_class.size:
        raise DomainError("Toute la classe a déjà répondu.")
    response = PupilSurveyResponse(booking=booking, learned=learned, interested=interested, changed_view=changed_view)
    validate(response)
    response.save()
    return response


@transaction.atomic
def proposals_refresh(*, request: InterventionRequest, actor, limit: int = 10) -> list[Proposal]:
    """Rank the candidates for one request and store them with their reasons."""
    if not coordinates_department(actor, request.establishment.commune.department):
        raise PermissionDeniedError("Seul un coordinateur du territoire peut chercher des ambassadeurs.")
    ranked = matching.rank(selectors.need_for(request), selectors.load_candidates(), selectors.job_facts(), limit)
    request.proposals.filter(from_batch=False).delete()
    proposals = []
    for position, pair in enumerate(ranked, start=1):
        proposal = Proposal(
            request=request,
            ambassador_id=pair.candidate_id,
            rank=position,
            score=round(pair.score, 1),
            distance_km=round(pair.distance_km, 1),
            starts_at=min(pair.slots.values()),
            reasons=pair.reasons,
        )
        proposals.append(proposal)
    Proposal.objects.filter(request=request, ambassador_id__in=[p.ambassador_id for p in proposals]).delete()
    Proposal.objects.bulk_create(proposals)
    return proposals


@dataclass
class BatchLine:
    booking: Booking
    ambassador_id: int | None
    starts_at: datetime | None
    reasons: list[str]
    score: float


@transaction.atomic
def batch_match(
    *, bookings: Sequence[Booking], actor, per_need: int = 0, max_per_ambassador: int = 5
) -> list[BatchLine]:
    """Optimal assignment of many approved requests at once; stored as rank-1 batch proposals for
    the coordinator to review. Nothing is booked until :func:`batch_confirm`."""
    bookings = [b for b in bookings if b.status in (BookingStatus.APPROVED, BookingStatus.DECLINED)]
    departments = {b.request.establishment.commune.department for b in bookings}
    if not all(coordinates_department(actor, department) for department in departments):
        raise PermissionDeniedError("Seul un coordinateur du territoire peut lancer l'appariement.")
    needs = [selectors.need_for(b.request) for b in bookings]
    candidates = selectors.load_candidates()
    problem, pairs = matching.build_problem(needs, candidates, selectors.job_facts(), max_per_ambassador)
    assignments = matching.solve_flow(problem, per_need=per_need)
    chosen = {a.need_index: a for a in assignments}
    feasible_per_need = Counter(int(n) for n in problem.pair_need)
    Proposal.objects.filter(request__in=[b.request for b in bookings], from_batch=True).delete()
    lines, proposals = [], []
    for index, booking in enumerate(bookings):
        a = chosen.get(index)
        if a is None:
            why = matching.explain_unserved(needs[index], candidates, feasible_per_need[index])
            lines.append(BatchLine(booking, None, None, [why], 0.0))
            continue
        cand_id = problem.cand_ids[a.cand_index]
        pair = pairs[(booking.request_id, cand_id)]
        starts_at = problem.pair_start[a.pair_index][a.slot_index]
        proposals.append(
            Proposal(
                request_id=booking.request_id,
                ambassador_id=cand_id,
                rank=1,
                score=round(pair.score, 1),
                distance_km=round(pair.distance_km, 1),
                starts_at=starts_at,
                reasons=pair.reasons,
                from_batch=True,
            )
        )
        lines.append(BatchLine(booking, cand_id, starts_at, pair.reasons, pair.score))
    if proposals:
        # A batch proposal replaces the one-by-one proposal of the same ambassador for the same request.
        same_pair = reduce(or_, (Q(request_id=p.request_id, ambassador_id=p.ambassador_id) for p in proposals))
        Proposal.objects.filter(same_pair).delete()
        Proposal.objects.bulk_create(proposals)
    return lines


def batch_confirm(*, choices: Sequence[tuple[Booking, Ambassador, datetime]], actor) -> list[tuple[Booking, str]]:
    """Propose each reviewed choice (one transaction each); returns the (booking, error) refused."""
    errors = []
    for booking, ambassador, starts_at in choices:
        try:
            booking_propose(booking=booking, ambassador=ambassador, starts_at=starts_at, actor=actor)
        except DomainError as exc:
            errors.append((booking, exc.message))
    return errors


def request_moderation_decided(item, approved: bool) -> None:
    """The moderation queue accepted a request's message: publish it if it is still the request's text."""
    if approved:
        InterventionRequest.objects.filter(pk=item.object_id, description=item.text).update(
            description_is_published=True
        )
