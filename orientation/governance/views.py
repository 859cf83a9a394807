"""Territorial bodies: a public page each; meetings, minutes, decisions and follow-ups for coordinators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from orientation.core.errors import DomainError
from orientation.governance import documents, selectors, services
from orientation.governance.forms import ApproveForm, DecisionForm, FollowUpForm, MinutesForm
from orientation.governance.models import Body, Decision, FollowUp, Minutes
from orientation.governance.permissions import can_manage_body, can_read_body


@login_not_required
def body_public(request, pk: int):
    body = get_object_or_404(Body.objects.select_related("department"), pk=pk)
    context = {
        "body": body,
        "composition": selectors.composition(body),
        "decisions": selectors.approved_decisions(body),
        "can_read": request.user.is_authenticated and can_read_body(request.user, body),
    }
    return render(request, "governance/body_public.html", context)


@login_not_required
def body_list(request):
    return render(request, "governance/body_list.html", {"bodies": Body.objects.select_related("department")})


def body_detail(request, pk: int):
    body = selectors.body_for(request.user, pk)
    today = timezone.localdate()
    context = {
        "body": body,
        "meetings": body.meetings.all(),
        "follow_ups": selectors.follow_ups(body, today),
        "can_manage": can_manage_body(request.user, body),
    }
    return render(request, "governance/body_detail.html", context)


def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    later = meeting.body.meetings.filter(held_on__gt=meeting.held_on).order_by("held_on")
    context = {
        "meeting": meeting,
        "minutes": meeting.minutes.select_related("approved_at_meeting"),
        "decisions": meeting.decisions.prefetch_related("follow_ups"),
        "attendance": meeting.attendance.select_related("member"),
        "can_manage": can_manage_body(request.user, meeting.body),
        "minutes_form": MinutesForm(),
        "approve_form": ApproveForm(meetings=later),
        "decision_form": DecisionForm(),
        "today": timezone.localdate(),
    }
    return render(request, "governance/meeting_detail.html", context)


def _done(request, meeting, action):
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "C'est enregistré.")
    return redirect("governance:meeting", pk=meeting.pk)


def _posted(request, pk: int, form_class, invalid: str, write):
    """A form posted from the meeting page: ``write(meeting, cleaned_data)`` when valid, then back there."""
    meeting = selectors.meeting_for(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, invalid)
        return redirect("governance:meeting", pk=meeting.pk)
    return _done(request, meeting, lambda: write(meeting, form.cleaned_data))


@require_POST
def minutes_write(request, pk: int):
    return _posted(
        request,
        pk,
        MinutesForm,
        "Le compte rendu est vide.",
        lambda meeting, data: services.minutes_write(actor=request.user, meeting=meeting, **data),
    )


@require_POST
def decision_record(request, pk: int):
    return _posted(
        request,
        pk,
        DecisionForm,
        "Écrivez la décision.",
        lambda meeting, data: services.decision_record(actor=request.user, meeting=meeting, **data),
    )


def _follow_up_add(request, meeting, data):
    decision = get_object_or_404(Decision, pk=data.pop("decision"), meeting=meeting)
    return services.follow_up_add(actor=request.user, decision=decision, **data)


@require_POST
def follow_up_add(request, pk: int):
    return _posted(
        request,
        pk,
        FollowUpForm,
        "Indiquez la suite à donner, son responsable et son échéance.",
        lambda meeting, data: _follow_up_add(request, meeting, data),
    )


@require_POST
def minutes_approve(request, pk: int):
    meeting = selectors.meeting_for(request.user, pk)
    form = ApproveForm(request.POST, meetings=meeting.body.meetings.all())
    if not form.is_valid():
        raise Http404
    minutes = get_object_or_404(Minutes, pk=form.cleaned_data["minutes"], meeting=meeting)
    return _done(
        request,
        meeting,
        lambda: services.minutes_approve(
            actor=request.user, minutes=minutes, at_meeting=form.cleaned_data["at_meeting"]
        ),
    )


@require_POST
def follow_up_done(request, pk: int, follow_up: int):
    meeting = selectors.meeting_for(request.user, pk)
    row = get_object_or_404(FollowUp, pk=follow_up, decision__meeting=meeting)
    return _done(
        request,
        meeting,
        lambda: services.follow_up_done(actor=request.user, follow_up=row, done_on=timezone.localdate()),
    )


def meeting_pdf(request, pk: int, what: str):
    meeting = selectors.meeting_for(request.user, pk)
    if what not in ("ordre-du-jour", "compte-rendu"):
        raise Http404
    minutes = None
    if what == "compte-rendu":
        minutes = meeting.minutes.select_related("approved_at_meeting").first()
        if minutes is None:
            raise Http404
    response = HttpResponse(documents.meeting_pdf(meeting, minutes=minutes), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{what}-{meeting.held_on:%Y-%m-%d}.pdf"'
    return response
