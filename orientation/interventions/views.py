"""Intervention pages: catalogue, requests, the booking page (workflow buttons, proposals,
evaluation), batch matching review, moderation queue, the pupils' anonymous survey."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from orientation.ambassadors.models import Ambassador
from orientation.ambassadors.permissions import is_coordinator
from orientation.core.errors import DomainError
from orientation.core.ics import CONTENT_TYPE, CalendarEntry, build_calendar
from orientation.core.throttle import throttled_per_ip
from orientation.core.validation import add_domain_error
from orientation.interventions import selectors, services
from orientation.interventions.enums import Actor, BookingStatus
from orientation.interventions.forms import EvaluationForm, ProposeForm, RequestForm, SurveyForm, TransitionForm
from orientation.interventions.models import Booking, Evaluation, Proposal
from orientation.interventions.permissions import actor_roles
from orientation.interventions.workflow import BOOKING
from orientation.moderation.selectors import held_text
from orientation.organisations.enums import STAFF_ROLES
from orientation.schooling.models import SchoolClass


@login_not_required
def catalogue(request):
    return render(request, "interventions/catalogue.html", {"formats": selectors.catalogue()})


def booking_list(request):
    qs = selectors.bookings_visible_to(request.user).order_by("-created_at")
    status = request.GET.get("etat")
    if status in BookingStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    can_request = SchoolClass.objects.filter(
        establishment__memberships__user=request.user,
        establishment__memberships__role__in=STAFF_ROLES,
        establishment__memberships__is_active=True,
    ).exists()
    context = {"page": page, "statuses": BookingStatus.choices, "status": status, "can_request": can_request}
    return render(request, "interventions/list.html", context)


def request_create(request):
    classes = (
        SchoolClass.objects.filter(
            establishment__memberships__user=request.user,
            establishment__memberships__role__in=STAFF_ROLES,
            establishment__memberships__is_active=True,
        )
        .select_related("establishment")
        .distinct()
    )
    if not classes.exists():
        raise Http404
    form = RequestForm(request.POST or None, classes=classes, initial={"wish_kind": "JOBS"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.intervention_request(
                actor=request.user,
                school_class=data["school_class"],
                format=data["format"],
                windows=data["windows"],
                wish_kind=data["wish_kind"],
                rome_codes=data["rome_codes"],
                sector=data["sector"],
                place=data["place"],
                place_detail=data["place_detail"],
                description=data["description"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Votre demande est envoyée au chef d'établissement pour validation.")
            return redirect("interventions:detail", pk=created.booking.pk)
    return render(request, "interventions/request_form.html", {"form": form})


def _visible_booking(request, pk) -> Booking:
    return get_object_or_404(selectors.bookings_visible_to(request.user), pk=pk)


def booking_detail(request, pk):
    booking = _visible_booking(request, pk)
    roles = actor_roles(request.user, booking)
    # Proposing and evaluating have their own forms below; the other changes are buttons.
    transitions = [
        t
        for t in BOOKING.allowed(booking, request.user)
        if t.target not in (BookingStatus.PROPOSED, BookingStatus.EVALUATED)
    ]
    proposals = []
    if Actor.COORDINATOR in roles:
        proposals = list(booking.request.proposals.select_related("ambassador__user").order_by("-from_batch", "rank"))
    context = {
        "booking": booking,
        "request_obj": booking.request,
        "windows": booking.request.windows.all(),
        "log": booking.status_log.select_related("actor"),
        "transitions": transitions,
        "can_propose": BOOKING.can(booking, request.user, BookingStatus.PROPOSED),
        "proposals": proposals,
        "can_evaluate": BOOKING.can(booking, request.user, BookingStatus.EVALUATED),
        "show_survey_link": booking.survey_is_open and Actor.SCHOOL in roles,
        "show_description": booking.request.description_is_published or Actor.SCHOOL in roles,
        "held": held_text(services.REQUEST_DESCRIPTION, booking.request.pk)
        if Actor.SCHOOL in roles and not booking.request.description_is_published
        else None,
        "survey": booking.survey_responses.aggregate(
            count=Count("pk"), learned=Avg("learned"), interested=Avg("interested"), changed_view=Avg("changed_view")
        ),
        "evaluation": Evaluation.objects.filter(booking=booking).select_related("author").first(),
    }
    return render(request, "interventions/detail.html", context)


_ACTIONS = {
    BookingStatus.APPROVED: lambda b, u, r: services.booking_approve(booking=b, actor=u),
    BookingStatus.ACCEPTED: lambda b, u, r: services.booking_accept(booking=b, actor=u),
    BookingStatus.DECLINED: lambda b, u, r: services.booking_decline(booking=b, actor=u, reason=r),
    BookingStatus.CONFIRMED: lambda b, u, r: services.booking_confirm(booking=b, actor=u),
    BookingStatus.DONE: lambda b, u, r: services.booking_done(booking=b, actor=u),
    BookingStatus.CANCELLED: lambda b, u, r: services.booking_cancel(booking=b, actor=u, reason=r),
}


@require_POST
def booking_transition(request, pk):
    booking = _visible_booking(request, pk)
    form = TransitionForm(request.POST)
    action = _ACTIONS.get(request.POST.get("to_status"))
    if not form.is_valid() or action is None:
        messages.error(request, "Action inconnue.")
    else:
        try:
            action(booking, request.user, form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "C'est enregistré.")
    return redirect("interventions:detail", pk=pk)


@require_POST
def booking_proposals_refresh(request, pk):
    booking = _visible_booking(request, pk)
    try:
        found = services.proposals_refresh(request=booking.request, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{len(found)} ambassadeur(s) trouvé(s).")
    return redirect("interventions:detail", pk=pk)


@require_POST
def booking_propose(request, pk):
    booking = _visible_booking(request, pk)
    form = ProposeForm(request.POST)
    if form.is_valid():
        ambassador = get_object_or_404(Ambassador, pk=form.cleaned_data["ambassador"])
        try:
            services.booking_propose(
                booking=booking, ambassador=ambassador, starts_at=form.cleaned_data["starts_at"], actor=request.user
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"L'intervention est proposée à {ambassador}.")
    return redirect("interventions:detail", pk=pk)


def booking_evaluate(request, pk):
    booking = _visible_booking(request, pk)
    if Actor.SCHOOL not in actor_roles(request.user, booking):
        raise Http404
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_evaluate(booking=booking, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Merci pour votre évaluation.")
            return redirect("interventions:detail", pk=pk)
    return render(request, "interventions/evaluation.html", {"booking": booking, "form": form})


def booking_ics(request, pk):
    booking = _visible_booking(request, pk)
    if not booking.starts_at:
        raise Http404
    req = booking.request
    entry = CalendarEntry(
        uid=f"intervention-{booking.pk}@orientation",
        start=booking.starts_at,
        end=booking.ends_at,
        summary=f"{req.format.name} — {req.school_class.name}",
        location=f"{req.establishment.name}, {req.establishment.commune.name}"
        + (f" ({req.place_detail})" if req.place_detail else ""),
        description=f"Ambassadeur : {booking.ambassador}. Classe : {req.school_class.name}.",
        cancelled=booking.status == BookingStatus.CANCELLED,
    )
    response = HttpResponse(build_calendar([entry], name="Intervention"), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="intervention-{booking.pk}.ics"'
    return response


@login_not_required
@throttled_per_ip("public-link-ip")
def survey(request, token):
    booking = get_object_or_404(
        Booking.objects.select_related("request__format", "request__school_class"), survey_token=token
    )
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pupil_survey_answer(booking=booking, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return render(request, "interventions/survey_thanks.html", {"booking": booking})
    return render(request, "interventions/survey.html", {"booking": booking, "form": form})


def batch(request):
    if not is_coordinator(request.user):
        raise Http404
    pending = (
        selectors.bookings_visible_to(request.user)
        .filter(status__in=[BookingStatus.APPROVED, BookingStatus.DECLINED])
        .select_related("request__school_class__establishment")
        .prefetch_related("request__windows")
    )
    lines = None
    if request.method == "POST" and request.POST.get("action") == "run":
        lines = services.batch_match(bookings=list(pending), actor=request.user)
    elif request.method == "POST" and request.POST.get("action") == "confirm":
        kept = [booking for booking in pending if request.POST.get(f"keep-{booking.pk}") == "1"]
        proposals = {
            proposal.request_id: proposal
            for proposal in Proposal.objects.filter(
                request_id__in=[booking.request_id for booking in kept], from_batch=True
            ).select_related("ambassador")
        }
        chosen = [
            (booking, proposals[booking.request_id].ambassador, proposals[booking.request_id].starts_at)
            for booking in kept
            if booking.request_id in proposals
        ]
        errors = services.batch_confirm(choices=chosen, actor=request.user)
        for booking, message in errors:
            messages.error(request, f"{booking.request} : {message}")
        messages.success(request, f"{len(chosen) - len(errors)} intervention(s) proposée(s) aux ambassadeurs.")
        return redirect("interventions:batch")
    ambassadors = {}
    if lines:
        ids = [line.ambassador_id for line in lines if line.ambassador_id]
        ambassadors = Ambassador.objects.select_related("user").in_bulk(ids)
    context = {
        "pending": pending,
        "lines": [(line, ambassadors.get(line.ambassador_id)) for line in lines or []],
        "ran": lines is not None,
    }
    return render(request, "interventions/batch.html", context)
