"""The contract lifecycle (R14) in one visible table: draft → signed by the parties → active for three
years → evaluated → renewed or ended; a formal notice ends it two months later."""

from django.utils import timezone

from orientation.actionplan.enums import ContractStatus
from orientation.actionplan.models import ContractStatusLog
from orientation.actionplan.permissions import can_steer_establishment, is_head_of
from orientation.core.workflow import Transition, Workflow

S = ContractStatus


def _coordinator(actor, contract) -> bool:
    return actor is not None and can_steer_establishment(actor, contract.establishment_id)


def _both_parties_signed(actor, contract) -> bool:
    signer = actor is not None and (
        is_head_of(actor, contract.establishment_id) or can_steer_establishment(actor, contract.establishment_id)
    )
    return signer and bool(contract.signed_by_establishment_at and contract.signed_by_region_at)


def _notice_elapsed(actor, contract) -> bool:
    """The termination takes effect by itself (the daily task acts without a person) or by a coordinator."""
    elapsed = (
        contract.termination_effective_on is not None and contract.termination_effective_on <= timezone.localdate()
    )
    return elapsed and (actor is None or _coordinator(actor, contract))


CONTRACT = Workflow(
    Transition(S.DRAFT, S.SIGNED, "signer", may=_both_parties_signed),
    Transition(S.SIGNED, S.ACTIVE, "mettre en vigueur", may=_coordinator),
    Transition(
        S.ACTIVE,
        S.EVALUATED,
        "évaluer",
        may=_coordinator,
        note_label="Conclusions de l'évaluation",
        note_required="Résumez les conclusions de l'évaluation.",
    ),
    Transition(S.EVALUATED, S.RENEWED, "renouveler pour trois ans", may=_coordinator),
    Transition(S.EVALUATED, S.ENDED, "ne pas renouveler", may=_coordinator, step_back=True),
    Transition(S.SIGNED, S.ENDED, "constater la résiliation", may=_notice_elapsed, step_back=True),
    Transition(S.ACTIVE, S.ENDED, "constater la résiliation", may=_notice_elapsed, step_back=True),
    log=ContractStatusLog,
    subject="contract",
    related=("establishment",),
    refusal="Seuls les signataires du contrat peuvent faire cela.",
)
