"""The booking workflow, in one visible table: (from, to, verb, who may). Cancellation, with a
reason, is open from every step before the intervention took place."""

from orientation.core.workflow import Transition, Workflow
from orientation.interventions.enums import Actor, BookingStatus
from orientation.interventions.models import BookingStatusLog
from orientation.interventions.permissions import actor_roles

S = BookingStatus


def by(*actors: str):
    """The predicate "the user wears one of these hats on this booking"."""

    def may(user, booking) -> bool:
        return user is not None and bool(actor_roles(user, booking) & set(actors))

    return may


_C, _H, _S, _A = Actor.COORDINATOR, Actor.HEAD, Actor.SCHOOL, Actor.AMBASSADOR


def _cancel(source: str) -> Transition:
    return Transition(
        source,
        S.CANCELLED,
        "annuler",
        may=by(_S, _H, _C, _A),
        note_label="Motif (obligatoire)",
        note_required="Indiquez le motif de l'annulation.",
        step_back=True,
    )


BOOKING = Workflow(
    Transition(S.REQUESTED, S.APPROVED, "valider la demande", may=by(_H)),
    Transition(S.APPROVED, S.PROPOSED, "proposer un ambassadeur", may=by(_C)),
    Transition(S.DECLINED, S.PROPOSED, "proposer un autre ambassadeur", may=by(_C)),
    Transition(S.PROPOSED, S.ACCEPTED, "accepter", may=by(_A)),
    Transition(S.PROPOSED, S.DECLINED, "refuser", may=by(_A), note_label="Motif", step_back=True),
    Transition(S.ACCEPTED, S.CONFIRMED, "confirmer", may=by(_H, _S, _C)),
    Transition(S.CONFIRMED, S.DONE, "déclarer réalisée", may=by(_S, _H, _A)),
    Transition(S.DONE, S.EVALUATED, "évaluer", may=by(_S, _H)),
    *(_cancel(status) for status in (S.REQUESTED, S.APPROVED, S.PROPOSED, S.DECLINED, S.ACCEPTED, S.CONFIRMED)),
    log=BookingStatusLog,
    subject="booking",
    related=(
        "request__establishment__commune__department__academy",
        "request__format",
        "request__school_class",
        "ambassador__user",
    ),
    refusal="Vous ne pouvez pas faire cela sur cette intervention.",
)
