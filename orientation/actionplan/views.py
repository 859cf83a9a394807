"""The plan's progress, contracts per establishment: thin views over selectors and services."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from orientation.actionplan import documents, selectors, services
from orientation.actionplan.forms import AmendmentForm, ContractForm, NoticeForm, SignForm, TransitionForm
from orientation.actionplan.models import ActionPlan
from orientation.actionplan.permissions import can_sign_for, can_steer_establishment, is_coordinator
from orientation.actionplan.workflow import CONTRACT
from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error
from orientation.interventions.enums import Axis
from orientation.organisations.selectors import establishments_visible_to


def plan_page(request, pk: int | None = None):
    if not is_coordinator(request.user):
        raise Http404
    plan = get_object_or_404(ActionPlan, pk=pk) if pk else selectors.current_plan()
    if plan is None:
        raise Http404
    rows = selectors.plan_progress(plan)
    axes = [(axis, [r for r in rows if r.action.axis == axis]) for axis in Axis]
    return render(request, "actionplan/plan.html", {"plan": plan, "axes": axes, "plans": ActionPlan.objects.all()})


def contract_list(request):
    contracts = selectors.contracts_visible_to(request.user).select_related("establishment__commune", "plan")
    return render(request, "actionplan/contract_list.html", {"contracts": contracts})


def contract_create(request, uai: str):
    establishment = get_object_or_404(establishments_visible_to(request.user), uai=uai)
    if not can_steer_establishment(request.user, establishment.pk):
        raise Http404
    plan = selectors.current_plan()
    if plan is None:
        raise Http404
    form = ContractForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            contract = services.contract_create(
                actor=request.user, establishment=establishment, plan=plan, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Le projet de contrat est enregistré.")
            return redirect("actionplan:contract", pk=contract.pk)
    return render(
        request, "actionplan/form.html", {"form": form, "title": f"Contrat d'orientation — {establishment.name}"}
    )


def contract_detail(request, pk: int):
    contract = selectors.contract_for(request.user, pk)
    context = {
        "contract": contract,
        "transitions": [t for t in CONTRACT.allowed(contract, request.user) if t.target != "SIGNED"],
        "can_sign": contract.status == "DRAFT"
        and any(can_sign_for(request.user, contract, party) for party in ("ESTABLISHMENT", "REGION")),
        "can_amend": contract.is_amendable and can_steer_establishment(request.user, contract.establishment_id),
        "log": contract.status_log.select_related("actor"),
        "amendments": contract.amendments.all(),
        "actions": contract.actions.order_by("objective", "title"),
        "sign_form": SignForm(),
        "notice_form": NoticeForm(),
    }
    return render(request, "actionplan/contract_detail.html", context)


def _act(request, pk: int, action):
    contract = selectors.contract_for(request.user, pk)
    try:
        action(contract)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("actionplan:contract", pk=contract.pk)


@require_POST
def contract_sign(request, pk: int):
    form = SignForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _act(request, pk, lambda c: services.contract_sign(actor=request.user, contract=c, **form.cleaned_data))


@require_POST
def contract_transition(request, pk: int):
    form = TransitionForm(request.POST)
    if not form.is_valid():
        raise Http404
    return _act(
        request, pk, lambda c: services.contract_transition(actor=request.user, contract=c, **form.cleaned_data)
    )


def _contract_form(request, contract, form, *, write, title: str, done: str):
    """Show ``form``; on a valid POST call ``write(**cleaned_data)``, then back to the contract."""
    if request.method == "POST" and form.is_valid():
        try:
            write(actor=request.user, contract=contract, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("actionplan:contract", pk=contract.pk)
    return render(request, "actionplan/form.html", {"form": form, "title": title})


def contract_notice(request, pk: int):
    contract = selectors.contract_for(request.user, pk)
    return _contract_form(
        request,
        contract,
        NoticeForm(request.POST or None),
        write=services.contract_give_notice,
        title=f"Résilier — {contract}",
        done="Le préavis est enregistré ; la résiliation prendra effet deux mois plus tard.",
    )


def contract_amend(request, pk: int):
    contract = selectors.contract_for(request.user, pk)
    initial = {
        "ppo_summary": contract.ppo_summary,
        "commitments": contract.commitments,
        "actions": contract.actions.all(),
    }
    return _contract_form(
        request,
        contract,
        AmendmentForm(request.POST or None, plan=contract.plan, initial=initial),
        write=services.contract_amend,
        title=f"Avenant — {contract}",
        done="L'avenant est enregistré ; la version précédente est conservée.",
    )


def contract_pdf(request, pk: int, number: int | None = None):
    contract = selectors.contract_for(request.user, pk)
    amendment = get_object_or_404(contract.amendments, number=number) if number else None
    response = HttpResponse(documents.contract_pdf(contract, amendment), content_type="application/pdf")
    suffix = f"-avenant-{number}" if number else ""
    response["Content-Disposition"] = f'attachment; filename="contrat-{contract.establishment.uai}{suffix}.pdf"'
    return response
