"""Every write of the action plan and its contracts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from orientation.actionplan.enums import CONTRACT_YEARS, NOTICE_MONTHS, REMINDER_DAYS, ContractStatus, Party
from orientation.actionplan.models import Action, ActionIndicator, ActionPlan, Contract, ContractAmendment
from orientation.actionplan.permissions import can_sign_for, can_steer_establishment, is_coordinator
from orientation.actionplan.workflow import CONTRACT
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when that day does not exist)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def contract_end_date(starts_on: datetime.date) -> datetime.date:
    return add_months(starts_on, 12 * CONTRACT_YEARS) - datetime.timedelta(days=1)


@transaction.atomic
def action_indicator_enter(*, actor, indicator: ActionIndicator, value: Decimal, source: str) -> ActionIndicator:
    if not is_coordinator(actor):
        raise PermissionDeniedError()
    indicator = ActionIndicator.objects.select_for_update(of=("self",)).get(pk=indicator.pk)
    if indicator.computed_code:
        raise DomainError("Cet indicateur est calculé à partir des enregistrements de la plateforme.")
    indicator.entered_value, indicator.source = value, source.strip()
    validate(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def contract_create(
    *, actor, establishment, plan: ActionPlan, ppo_summary: str, commitments: str, actions: Iterable[Action] = ()
) -> Contract:
    if not can_steer_establishment(actor, establishment.pk):
        raise PermissionDeniedError("Seul un coordinateur du territoire de l'établissement prépare son contrat.")
    contract = Contract(
        establishment=establishment,
        plan=plan,
        ppo_summary=ppo_summary.strip(),
        commitments=commitments.strip(),
        created_by=actor,
    )
    validate(contract)
    contract.save()
    contract.actions.set([a for a in actions if a.plan_id == plan.pk])
    CONTRACT.log_write(contract, from_status="", to_status=ContractStatus.DRAFT, actor=actor)
    return contract


@transaction.atomic
def contract_sign(*, actor, contract: Contract, party: str) -> Contract:
    """One party signs; when both have, the contract is signed."""
    if not can_sign_for(actor, contract, party):
        raise PermissionDeniedError("Seuls les signataires du contrat peuvent faire cela.")
    locked = CONTRACT.lock(contract)
    if locked.status != ContractStatus.DRAFT:
        raise DomainError("Seul un projet de contrat se signe.")
    field = "signed_by_establishment_at" if party == Party.ESTABLISHMENT else "signed_by_region_at"
    if getattr(locked, field):
        raise DomainError("Cette partie a déjà signé.")
    setattr(locked, field, timezone.now())
    locked.save(update_fields=[field, "updated_at"])
    if locked.signed_by_establishment_at and locked.signed_by_region_at:
        from orientation.core.workflow import transition_apply

        locked = transition_apply(CONTRACT, locked, to=ContractStatus.SIGNED, actor=actor)
    return locked


@transaction.atomic
def contract_transition(
    *, actor, contract: Contract, to: str, note: str = "", today: datetime.date | None = None
) -> Contract:
    """Activate (three years from ``today``), evaluate, renew (a new draft follows), end."""
    from orientation.core.workflow import transition_apply

    today = today or timezone.localdate()
    changes = {}
    if to == ContractStatus.ACTIVE:
        changes = {"starts_on": today, "ends_on": contract_end_date(today)}
    locked = transition_apply(CONTRACT, contract, to=to, actor=actor, note=note, changes=changes, validate=validate)
    if to == ContractStatus.RENEWED:
        renewal = contract_create(
            actor=actor,
            establishment=locked.establishment,
            plan=locked.plan,
            ppo_summary=locked.ppo_summary,
            commitments=locked.commitments,
            actions=locked.actions.all(),
        )
        Contract.objects.filter(pk=renewal.pk).update(renewed_from=locked)
    return locked


@transaction.atomic
def contract_give_notice(*, actor, contract: Contract, party: str, given_on: datetime.date, reason: str) -> Contract:
    """Formal notice of termination by one party: it takes effect two months after the notice."""
    if not can_sign_for(actor, contract, party):
        raise PermissionDeniedError("Seuls les signataires du contrat peuvent faire cela.")
    locked = CONTRACT.lock(contract)
    if not locked.is_amendable:
        raise DomainError("Seul un contrat signé ou en vigueur peut être résilié.")
    if locked.notice_given_on:
        raise DomainError("Un préavis de résiliation a déjà été donné.")
    if not reason.strip():
        raise DomainError("Indiquez le motif de la résiliation.", field="reason")
    locked.notice_given_on = given_on
    locked.notice_given_by = party
    locked.termination_effective_on = add_months(given_on, NOTICE_MONTHS)
    validate(locked)
    locked.save()
    CONTRACT.log_write(
        locked,
        from_status=locked.status,
        to_status=locked.status,
        actor=actor,
        note=f"Préavis de résiliation ({Party(party).label.lower()}) : {reason.strip()} — effet le "
        f"{locked.termination_effective_on:%d/%m/%Y}.",
    )
    _notify_parties(locked, "actionplan/emails/contract_notice")
    return locked


def contracts_end_terminated(*, today: datetime.date | None = None) -> int:
    """End every contract whose notice has run out (daily); returns how many."""
    from orientation.core.workflow import transition_apply

    today = today or timezone.localdate()
    ended = 0
    for contract in Contract.objects.filter(
        status__in=[ContractStatus.SIGNED, ContractStatus.ACTIVE], termination_effective_on__lte=today
    ):
        with transaction.atomic():
            transition_apply(CONTRACT, contract, to=ContractStatus.ENDED, actor=None, note="Préavis échu.")
        ended += 1
    return ended


@transaction.atomic
def contract_amend(
    *,
    actor,
    contract: Contract,
    summary: str,
    ppo_summary: str | None = None,
    commitments: str | None = None,
    actions: Iterable[Action] | None = None,
) -> ContractAmendment:
    """An amendment (avenant): the previous terms are kept in it, the contract's version goes up."""
    if not can_steer_establishment(actor, contract.establishment_id):
        raise PermissionDeniedError()
    locked = CONTRACT.lock(contract)
    if not locked.is_amendable:
        raise DomainError("Seul un contrat signé ou en vigueur peut être modifié par avenant.")
    if not summary.strip():
        raise DomainError("Dites ce que l'avenant change.", field="summary")
    previous = locked.terms()
    if ppo_summary is not None:
        locked.ppo_summary = ppo_summary.strip()
    if commitments is not None:
        locked.commitments = commitments.strip()
    locked.version += 1
    validate(locked)
    locked.save()
    if actions is not None:
        locked.actions.set([a for a in actions if a.plan_id == locked.plan_id])
    amendment = ContractAmendment(
        contract=locked,
        number=locked.version - 1,
        summary=summary.strip(),
        previous_terms=previous,
        new_terms=locked.terms(),
        created_by=actor,
    )
    validate(amendment)
    amendment.save()
    return amendment


def _recipients(contract: Contract):
    heads = Membership.objects.active().filter(role=Role.HEAD, establishment_id=contract.establishment_id)
    return [m.user for m in heads.select_related("user")] + [contract.created_by]


def _notify_parties(contract: Contract, template: str) -> None:
    notify(recipients=_recipients(contract), template=template, context={"contract": contract})


def contract_expiry_remind(*, today: datetime.date | None = None) -> int:
    """Remind the parties 90 and 30 days before a contract in force expires (once each); returns how many."""
    today = today or timezone.localdate()
    sent = 0
    for days in sorted(REMINDER_DAYS):  # the nearest deadline first: one message per run
        due = Contract.objects.filter(
            status=ContractStatus.ACTIVE, ends_on__lte=today + datetime.timedelta(days=days), ends_on__gte=today
        ).exclude(last_reminded_days__lte=days)
        for contract in due.select_related("establishment", "created_by"):
            with transaction.atomic():
                Contract.objects.filter(pk=contract.pk).update(last_reminded_days=days)
                _notify_parties(contract, "actionplan/emails/contract_expiry")
            sent += 1
    return sent
