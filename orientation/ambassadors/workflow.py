"""The ambassador's status workflow (R3), in one visible table: a coordinator of the ambassador's
territory verifies, then activates; a suspension can happen at any time and is lifted by a new
verification."""

from orientation.ambassadors.enums import AmbassadorStatus
from orientation.ambassadors.models import AmbassadorStatusLog
from orientation.ambassadors.permissions import can_verify_ambassador
from orientation.core.workflow import Transition, Workflow

S = AmbassadorStatus
EVIDENCE = "Ce que vous avez vérifié (diplôme, employeur)"
EVIDENCE_MISSING = "Notez ce qui a été vérifié (qualification, employeur) avant de valider."


def _coordinator(actor, ambassador) -> bool:
    return actor is not None and can_verify_ambassador(actor, ambassador)


def _suspend(source: str) -> Transition:
    return Transition(
        source,
        S.SUSPENDED,
        "suspendre",
        may=_coordinator,
        note_label="Motif de la suspension",
        note_required="Indiquez le motif de la suspension.",
        step_back=True,
    )


AMBASSADOR = Workflow(
    Transition(
        S.PENDING, S.VERIFIED, "vérifier", may=_coordinator, note_label=EVIDENCE, note_required=EVIDENCE_MISSING
    ),
    Transition(S.VERIFIED, S.ACTIVE, "activer", may=_coordinator, note_label="Commentaire (facultatif)"),
    _suspend(S.PENDING),
    _suspend(S.VERIFIED),
    _suspend(S.ACTIVE),
    Transition(
        S.SUSPENDED, S.VERIFIED, "rétablir", may=_coordinator, note_label=EVIDENCE, note_required=EVIDENCE_MISSING
    ),
    log=AmbassadorStatusLog,
    subject="ambassador",
    related=("commune__department__academy", "user"),
    refusal="Seul un coordinateur du territoire de l'ambassadeur peut faire cela.",
)
