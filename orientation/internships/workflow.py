"""The application workflow (R6): every allowed transition, in one visible table.

Services apply them with ``core.workflow.transition_apply`` under a row lock and write one
``ApplicationStatusLog`` row per transition; nothing else changes ``Application.status``.

    submitted ──consent──▶ consented ──validate──▶ validated ──accept──▶ accepted ──sign──▶ signed
        │  (adults skip consent: submitted ──validate──▶ validated)   └──refuse──▶ refused
        └──refuse_consent──▶ consent_refused
    withdraw (the pupil) and cancel (school or host) from any open step.
"""

from orientation.core.workflow import Transition, Workflow
from orientation.internships import permissions
from orientation.internships.enums import OPEN_STATUSES, ApplicationStatus
from orientation.internships.models import ApplicationStatusLog

S = ApplicationStatus
REFUSAL_NOTE = "Expliquez en quelques mots pourquoi vous refusez."
CANCEL_NOTE = "Indiquez la raison de l'annulation."


def _parent_link(actor, application) -> bool:
    """The parent answers from the signed link, without an account (the link was checked)."""
    return actor is None


def _party(actor, application) -> bool:
    """The last signature completes the agreement: the parent (from the link) or a signing party."""
    return actor is None or bool(permissions.parties_for(actor, application))


def _ending(source: str, target: str, verb: str, may, name: str, note_required: str = "") -> Transition:
    """A step that ends the application (shown as a secondary button)."""
    return Transition(source, target, verb, may=may, note_required=note_required, step_back=True, name=name)


APPLICATION = Workflow(
    Transition(S.SUBMITTED, S.CONSENTED, "donner son accord", may=_parent_link, name="consent"),
    Transition(S.SUBMITTED, S.CONSENT_REFUSED, "refuser", may=_parent_link, name="refuse_consent"),
    Transition(S.SUBMITTED, S.VALIDATED, "valider", may=permissions.can_validate, name="validate"),
    Transition(S.CONSENTED, S.VALIDATED, "valider", may=permissions.can_validate, name="validate"),
    Transition(S.VALIDATED, S.ACCEPTED, "accepter", may=permissions.can_decide, name="accept"),
    _ending(S.VALIDATED, S.REFUSED, "refuser", permissions.can_decide, "refuse", REFUSAL_NOTE),
    Transition(S.ACCEPTED, S.SIGNED, "signer", may=_party, name="sign"),
    *(_ending(source, S.WITHDRAWN, "retirer", permissions.can_withdraw, "withdraw") for source in OPEN_STATUSES),
    *(
        _ending(source, S.CANCELLED, "annuler", permissions.can_cancel, "cancel", CANCEL_NOTE)
        for source in OPEN_STATUSES
    ),
    log=ApplicationStatusLog,
    subject="application",
    related=("offer", "pupil", "establishment"),
    refusal="Vous ne pouvez pas faire cela sur cette candidature.",
)

# The action each status is reached by (its name in the log and in the page's addresses).
ACTION_TO = {t.target: t.name for t in APPLICATION.transitions}

ACTION_LABELS = {
    "submit": "Candidature envoyée",
    "consent": "Accord du parent",
    "refuse_consent": "Refus du parent",
    "validate": "Validation par l'établissement",
    "accept": "Acceptation par l'entreprise",
    "refuse": "Refus de l'entreprise",
    "sign": "Convention signée par toutes les parties",
    "withdraw": "Retrait par l'élève",
    "cancel": "Annulation",
    "resend": "Lien renvoyé au parent",
}
