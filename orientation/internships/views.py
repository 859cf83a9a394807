"""Thin views: fetch scoped → check a predicate → validate a form → call one service → redirect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from orientation.catalog.models import Job
from orientation.core.audit import log_personal_data_access
from orientation.core.errors import DomainError
from orientation.core.throttle import throttled_per_ip
from orientation.core.validation import add_domain_error
from orientation.internships import permissions, selectors, services
from orientation.internships.documents import agreement_context, agreement_pdf, map_points
from orientation.internships.enums import ConsentDecision, Party
from orientation.internships.forms import (
    ApplicationForm,
    ConsentForm,
    MessageForm,
    OfferForm,
    OfferSearchForm,
    OptionalMessageForm,
    ParentSignForm,
    ReasonForm,
    ReportForm,
    SignForm,
)
from orientation.internships.services.offers import OFFER
from orientation.internships.workflow import ACTION_LABELS, APPLICATION
from orientation.moderation.selectors import held_text


# ---------------------------------------------------------------- search
def offer_search(request):
    today = timezone.localdate()
    data = request.GET.copy()
    home = selectors.viewer_home_commune(request.user)
    if "commune" not in data and home is not None:
        data["commune"] = home.name
    data.setdefault("radius", "10")
    form = OfferSearchForm(data)
    hits, origin, radius = [], None, 10
    if form.is_valid():
        origin = form.cleaned_data["commune"]
        radius = form.cleaned_data["radius"] or 10
        hits = selectors.offer_search(
            request.user,
            origin=origin,
            radius_km=radius,
            week=form.cleaned_data["week"],
            kind=form.cleaned_data["kind"],
            job=form.cleaned_data["job"],
            today=today,
        )
    page = Paginator(hits, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "internships/offer_search.html",
        {
            "form": form,
            "origin": origin,
            "page_obj": page,
            "hits": page.object_list,
            "map": map_points(origin, page.object_list, radius_km=radius),
            "radius": radius,
            "is_priority": selectors.viewer_is_priority(request.user),
            "viewer": permissions.viewer_for(request.user),
        },
    )


def offer_detail(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    today = timezone.localdate()
    priority = selectors.viewer_is_priority(request.user)
    job = Job.objects.filter(rome_code=offer.rome_code).only("rome_code", "title").first() if offer.rome_code else None
    return render(
        request,
        "internships/offer_detail.html",
        {
            "offer": offer,
            "job": job,
            "free_places": offer.free_places_for(priority=priority, today=today),
            "reservation_active": offer.reservation_active(today),
            "is_priority": priority,
            "can_apply": permissions.can_apply(request.user, offer),
            "can_manage": permissions.can_manage_offer(request.user, offer),
            "can_publish": permissions.can_publish(request.user, offer),
            "can_close": permissions.can_close(request.user, offer),
            "can_moderate": permissions.can_moderate(request.user, offer),
            "held": held_text(OFFER, offer.pk)
            if offer.is_flagged and permissions.can_manage_offer(request.user, offer)
            else None,
            "apply_form": ApplicationForm(linked_parent_email=selectors.linked_parent_email(request.user)),
            "report_form": ReportForm(),
        },
    )


def offer_apply(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    if not permissions.can_apply(request.user, offer):
        raise Http404
    form = ApplicationForm(request.POST or None, linked_parent_email=selectors.linked_parent_email(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_submit(
                actor=request.user,
                offer=offer,
                motivation=form.cleaned_data["motivation"],
                parent_email=form.cleaned_data.get("parent_email", ""),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Votre candidature est envoyée.")
            return redirect("internships:application_detail", pk=application.pk)
    return render(request, "internships/offer_apply.html", {"offer": offer, "form": form})


@require_POST
def offer_report(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    form = ReportForm(request.POST)
    if form.is_valid():
        try:
            services.offer_report(actor=request.user, offer=offer, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Merci. Un coordinateur va regarder cette offre.")
    else:
        messages.error(request, "Expliquez en quelques mots ce qui ne va pas.")
    return redirect("internships:offer_detail", pk=offer.pk)


# ---------------------------------------------------------------- hosts
def host_offers(request):
    viewer = permissions.viewer_for(request.user)
    if not viewer.can_host:
        raise Http404
    offers = selectors.offers_managed_by(request.user)
    return render(request, "internships/host_offers.html", {"offers": offers})


def _host_for(user):
    viewer = permissions.viewer_for(user)
    if viewer.company_ids:
        from orientation.organisations.models import Company

        return {"company": Company.objects.get(pk=min(viewer.company_ids))}
    if viewer.cfa_establishment_ids:
        from orientation.territory.models import Establishment

        return {"host_establishment": Establishment.objects.get(pk=min(viewer.cfa_establishment_ids))}
    raise Http404


def offer_create(request):
    host = _host_for(request.user)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_create(actor=request.user, **host, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Offre enregistrée en brouillon. Relisez-la puis publiez-la.")
            return redirect("internships:offer_detail", pk=offer.pk)
    return render(request, "internships/offer_form.html", {"form": form, "offer": None})


def offer_edit(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    if not permissions.can_manage_offer(request.user, offer):
        raise Http404
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_update(actor=request.user, offer=offer, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Offre modifiée.")
            return redirect("internships:offer_detail", pk=offer.pk)
    return render(request, "internships/offer_form.html", {"form": form, "offer": offer})


@require_POST
def offer_publish(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    if not permissions.can_manage_offer(request.user, offer):
        raise Http404
    try:
        offer = services.offer_publish(actor=request.user, offer=offer)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if offer.is_published:
            messages.success(request, "Offre publiée : les élèves peuvent la trouver.")
        else:
            messages.info(request, "Un coordinateur doit relire cette offre avant sa publication.")
    return redirect("internships:offer_detail", pk=offer.pk)


@require_POST
def offer_close(request, pk: int):
    offer = get_object_or_404(selectors.offers_visible_to(request.user), pk=pk)
    if not permissions.can_manage_offer(request.user, offer):
        raise Http404
    services.offer_close(actor=request.user, offer=offer)
    messages.success(request, "Offre fermée.")
    return redirect("internships:offer_detail", pk=offer.pk)


# ---------------------------------------------------------------- moderation
def moderation(request):
    if not permissions.viewer_for(request.user).is_coordinator:
        raise Http404
    return render(request, "internships/moderation.html", {"offers": selectors.offers_to_moderate(request.user)})


@require_POST
def moderation_decide(request, pk: int):
    offer = get_object_or_404(selectors.offers_to_moderate(request.user), pk=pk)
    try:
        services.offer_moderation_clear(actor=request.user, offer=offer, publish=request.POST.get("publish") == "1")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Décision enregistrée.")
    return redirect("internships:moderation")


# ---------------------------------------------------------------- applications
def application_list(request):
    applications = selectors.applications_visible_to(request.user).order_by("-created_at")
    offer_id = request.GET.get("offre", "")
    if offer_id.isdigit():
        applications = applications.filter(offer_id=int(offer_id))
    page = Paginator(applications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "internships/application_list.html",
        {
            "page_obj": page,
            "applications": page.object_list,
        },
    )


# The buttons of the application page, in this order; consent and signature have their own pages and forms.
PAGE_ACTIONS = ("validate", "accept", "refuse", "resend", "withdraw", "cancel")


def _actions_for(user, application) -> list[str]:
    allowed = {t.name for t in APPLICATION.allowed(application, user)}
    if application.waits_for_parent:
        allowed.discard("validate")
        if permissions.can_withdraw(user, application):
            allowed.add("resend")
    return [action for action in PAGE_ACTIONS if action in allowed]


def application_detail(request, pk: int):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    if application.pupil_id != request.user.pk:
        log_personal_data_access(
            viewer=request.user, subject_user_id=application.pupil_id, what=f"candidature de stage {application.pk}"
        )
    agreement = getattr(application, "agreement", None)
    sign_forms = []
    if agreement is not None and application.awaits_signatures:
        signed = set(agreement.signatures.values_list("party", flat=True))
        for party in permissions.parties_for(request.user, application):
            if party in agreement.required_parties() and party not in signed:
                initial = {"party": party, "signer_name": request.user.get_full_name()}
                sign_forms.append((Party(party), SignForm(initial=initial)))
    return render(
        request,
        "internships/application_detail.html",
        {
            "application": application,
            "offer": application.offer,
            "log": application.status_log.select_related("actor"),
            "actions": _actions_for(request.user, application),
            "agreement": agreement,
            "signatures": agreement.signatures.all() if agreement else [],
            "sign_forms": sign_forms,
            "message_form": MessageForm(),
            "optional_message_form": OptionalMessageForm(),
            "reason_form": ReasonForm(),
            "is_host": permissions.can_decide(request.user, application),
            "reservation_active": application.offer.reservation_active(timezone.localdate()),
        },
    )


@require_POST
def application_action(request, pk: int, action: str):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    post = request.POST
    try:
        if action == "validate":
            services.application_validate(actor=request.user, application=application)
        elif action == "accept":
            services.application_accept(actor=request.user, application=application, message=post.get("message", ""))
        elif action == "refuse":
            services.application_refuse(actor=request.user, application=application, message=post.get("message", ""))
        elif action == "withdraw":
            services.application_withdraw(actor=request.user, application=application, reason=post.get("reason", ""))
        elif action == "cancel":
            services.application_cancel(actor=request.user, application=application, reason=post.get("reason", ""))
        elif action == "resend":
            services.consent_resend(
                actor=request.user, application=application, parent_email=post.get("parent_email", "")
            )
        elif action == "sign":
            form = SignForm(post)
            if not form.is_valid():
                raise DomainError("Écrivez votre nom et prénom pour signer.")
            services.agreement_sign(
                agreement=application.agreement,
                party=form.cleaned_data["party"],
                actor=request.user,
                signer_name=form.cleaned_data["signer_name"],
            )
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"C'est fait : {ACTION_LABELS.get(action, action).lower()}.")
    return redirect("internships:application_detail", pk=application.pk)


def agreement_download(request, pk: int):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    agreement = getattr(application, "agreement", None)
    if agreement is None:
        raise Http404
    response = HttpResponse(agreement_pdf(agreement), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="convention-{agreement.reference}.pdf"'
    return response


# ---------------------------------------------------------------- parent (no account)
@login_not_required
@throttled_per_ip("public-link-ip")
def consent(request, token: str):
    try:
        consent_row = services.consent_from_token(token)
    except DomainError as exc:
        return render(request, "internships/consent_invalid.html", {"message": exc.message}, status=404)
    application = consent_row.application
    agreement = getattr(application, "agreement", None)
    parent_must_sign = (
        agreement is not None
        and application.awaits_signatures
        and not agreement.signatures.filter(party=Party.PARENT).exists()
    )
    form = ConsentForm(request.POST or None, initial={"parent_name": consent_row.parent_name})
    sign_form = ParentSignForm(request.POST or None, initial={"parent_name": consent_row.parent_name})
    if request.method == "POST":
        try:
            if request.POST.get("step") == "sign" and parent_must_sign:
                if sign_form.is_valid():
                    services.agreement_sign(
                        agreement=agreement, party=Party.PARENT, signer_name=sign_form.cleaned_data["parent_name"]
                    )
                    messages.success(request, "Merci, vous avez signé la convention de stage.")
                    return redirect(reverse("internships:consent", args=[token]))
            elif consent_row.decision == ConsentDecision.PENDING and form.is_valid():
                services.consent_answer(
                    consent=consent_row,
                    give=form.cleaned_data["decision"] == "yes",
                    parent_name=form.cleaned_data["parent_name"],
                )
                messages.success(request, "Merci, votre réponse est enregistrée.")
                return redirect(reverse("internships:consent", args=[token]))
        except DomainError as exc:
            add_domain_error(sign_form if request.POST.get("step") == "sign" else form, exc)
    context = agreement_context(agreement) if agreement else {}
    context.update(
        {
            "consent": consent_row,
            "application": application,
            "offer": application.offer,
            "form": form,
            "sign_form": sign_form,
            "parent_must_sign": parent_must_sign,
            "token": token,
        }
    )
    return render(request, "internships/consent.html", context)
