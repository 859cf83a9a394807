"""Ambassador pages: sign-up, profile checklist, charter, training, interests, coordinator review."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orientation.ambassadors import services
from orientation.ambassadors.enums import AmbassadorStatus
from orientation.ambassadors.forms import AccountForm, BioForm, InterestForm, QuizForm, SignUpForm, StatusForm
from orientation.ambassadors.models import CharterVersion, ModuleCompletion, TrainingModule
from orientation.ambassadors.permissions import can_verify_ambassador, is_coordinator
from orientation.ambassadors.selectors import ambassadors_visible_to, own_ambassador
from orientation.ambassadors.workflow import AMBASSADOR
from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error
from orientation.moderation.selectors import held_text


def _own_or_signup(request):
    ambassador = own_ambassador(request.user)
    if ambassador is None:
        messages.info(request, "Créez d'abord votre profil d'ambassadeur.")
    return ambassador


@login_not_required
def sign_up(request):
    """Open to everyone: a professional without an account creates it here at the same time."""
    if own_ambassador(request.user):
        return redirect("ambassadors:profile")
    form = SignUpForm(request.POST or None)
    account = None if request.user.is_authenticated else AccountForm(request.POST or None, prefix="compte")
    if request.method == "POST" and form.is_valid() and (account is None or account.is_valid()):
        data = form.cleaned_data
        periods = [(data["available_from"], data["available_until"])] if data.get("available_from") else []
        stereotypes = (
            [(data["counter_stereotype"], data["counter_stereotype_explanation"])] if data["counter_stereotype"] else []
        )
        try:
            if account is None:
                signer = {"user": request.user}
                sign_up_service = services.ambassador_sign_up
            else:
                signer = {key: account.cleaned_data[key] for key in ("email", "password", "first_name", "last_name")}
                sign_up_service = services.ambassador_account_sign_up
            ambassador = sign_up_service(
                **signer,
                employer_name=data["employer_name"],
                employer_siret=data["employer_siret"] or "",
                commune=data["commune"],
                jobs=[(code, data["job_title"]) for code in data["rome_codes"]],
                travel_radius_km=data["travel_radius_km"],
                languages=[lang.strip() for lang in data["languages"].split(",") if lang.strip()],
                bio=data["bio"],
                slots=[(day, data["starts_at"], data["ends_at"]) for day in data["weekdays"]],
                periods=periods,
                counter_stereotypes=stereotypes,
            )
        except DomainError as exc:
            if account is not None and exc.field in account.fields:
                add_domain_error(account, exc)
            else:
                add_domain_error(form, exc)
        else:
            if account is not None:
                login(request, ambassador.user, backend=settings.AUTHENTICATION_BACKENDS[0])
            messages.success(request, "Votre profil est créé. Il sera vérifié par un coordinateur.")
            return redirect("ambassadors:profile")
    return render(request, "ambassadors/sign_up.html", {"form": form, "account": account})


def profile(request):
    ambassador = own_ambassador(request.user)
    if ambassador is None:
        return redirect("ambassadors:sign_up")
    form = BioForm(request.POST or None, initial={"bio": ambassador.bio})
    if request.method == "POST" and form.is_valid():
        try:
            published = services.ambassador_bio_update(
                ambassador=ambassador, actor=request.user, bio=form.cleaned_data["bio"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if published:
                messages.success(request, "Votre présentation est publiée.")
            else:
                messages.info(request, "Votre présentation sera relue par un coordinateur avant d'être publiée.")
            return redirect("ambassadors:profile")
    modules = list(TrainingModule.objects.filter(is_required=True))
    done = set(ModuleCompletion.objects.filter(ambassador=ambassador).values_list("module_id", flat=True))
    context = {
        "ambassador": ambassador,
        "form": form,
        "charter_ok": ambassador.has_current_charter(),
        "modules": [(m, m.pk in done) for m in modules],
        "interests": ambassador.interests.select_related("establishment"),
        "jobs": ambassador.jobs.all(),
        "slots": ambassador.slots.all(),
        "proposable": ambassador.is_proposable(),
        "held": held_text(services.BIO, ambassador.pk) if not ambassador.bio_is_published else None,
    }
    return render(request, "ambassadors/profile.html", context)


def charter(request):
    ambassador = _own_or_signup(request)
    if ambassador is None:
        return redirect("ambassadors:sign_up")
    current = CharterVersion.objects.current()
    if current is None:
        raise Http404("Aucune charte publiée.")
    accepted = ambassador.charter_acceptances.filter(version=current).exists()
    if request.method == "POST":
        try:
            services.charter_accept(ambassador=ambassador, version=current, actor=request.user)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Vous avez accepté la charte (version {current.number}).")
        return redirect("ambassadors:profile")
    return render(request, "ambassadors/charter.html", {"charter": current, "accepted": accepted})


def modules(request):
    ambassador = _own_or_signup(request)
    if ambassador is None:
        return redirect("ambassadors:sign_up")
    done = set(ambassador.completions.values_list("module_id", flat=True))
    items = [(m, m.pk in done) for m in TrainingModule.objects.all()]
    return render(request, "ambassadors/modules.html", {"items": items})


def module(request, slug):
    ambassador = _own_or_signup(request)
    if ambassador is None:
        return redirect("ambassadors:sign_up")
    module = get_object_or_404(TrainingModule, slug=slug)
    questions = list(module.questions.all())
    form = QuizForm(request.POST or None, questions=questions)
    completed = ambassador.completions.filter(module=module).exists()
    if request.method == "POST" and form.is_valid():
        try:
            services.module_complete(ambassador=ambassador, module=module, answers=form.answers(), actor=request.user)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Module « {module.title} » terminé. Bravo !")
            return redirect("ambassadors:modules")
    context = {"module": module, "pages": module.pages.all(), "form": form, "completed": completed}
    return render(request, "ambassadors/module.html", context)


def interests(request):
    ambassador = _own_or_signup(request)
    if ambassador is None:
        return redirect("ambassadors:sign_up")
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.interest_declare(
                ambassador=ambassador,
                kind=data["kind"],
                establishment=data["establishment"],
                organisation_name=data["organisation_name"],
                details=data["details"],
                actor=request.user,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Votre déclaration est enregistrée.")
            return redirect("ambassadors:interests")
    declarations = ambassador.interests.select_related("establishment").order_by("-created_at")
    return render(request, "ambassadors/interests.html", {"form": form, "declarations": declarations})


def review_list(request):
    if not is_coordinator(request.user):
        raise Http404
    qs = ambassadors_visible_to(request.user).order_by("status", "user__last_name")
    status = request.GET.get("statut")
    if status in AmbassadorStatus.values:
        qs = qs.filter(status=status)
    page = Paginator(qs, 25).get_page(request.GET.get("page"))
    return render(
        request, "ambassadors/review_list.html", {"page": page, "statuses": AmbassadorStatus.choices, "status": status}
    )


def review_detail(request, pk):
    ambassador = get_object_or_404(ambassadors_visible_to(request.user), pk=pk)
    if not can_verify_ambassador(request.user, ambassador):
        raise Http404
    context = {
        "ambassador": ambassador,
        "actions": AMBASSADOR.allowed(ambassador, request.user),
        "form": StatusForm(),
        "log": ambassador.status_log.select_related("actor"),
        "jobs": ambassador.jobs.all(),
        "interests": ambassador.interests.select_related("establishment"),
        "stereotypes": ambassador.counter_stereotypes.all(),
        "charter_ok": ambassador.has_current_charter(),
        "missing_modules": list(ambassador.missing_modules()),
    }
    return render(request, "ambassadors/review_detail.html", context)


@require_POST
def review_transition(request, pk):
    ambassador = get_object_or_404(ambassadors_visible_to(request.user), pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        note = form.cleaned_data["note"]
        try:
            services.ambassador_transition(
                ambassador=ambassador,
                to_status=form.cleaned_data["to_status"],
                actor=request.user,
                reason=note,
                evidence=note,
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Le statut de l'ambassadeur est mis à jour.")
    return redirect(reverse("ambassadors:review_detail", args=[pk]))
