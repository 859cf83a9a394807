"""One workflow idiom: a visible table of the allowed status changes, and one function applying them.

Each app declares its table once, in its ``workflow.py``::

    BOOKING = Workflow(
        Transition(S.REQUESTED, S.APPROVED, "valider la demande", may=is_head),
        Transition(S.APPROVED, S.PROPOSED, "proposer un ambassadeur", may=is_coordinator),
        log=BookingStatusLog,
        subject="booking",
    )

``transition_apply(BOOKING, booking, to=S.APPROVED, actor=user)`` locks the row (``of=("self",)``,
so the rows a ``select_related`` joins stay free), checks the actor first, then the table, saves the
new status, writes one log row (a ``core.models.StatusLog``) and returns the locked object. Views and
templates list the buttons with ``BOOKING.allowed(booking, user)``; they never compare status strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from orientation.core.errors import DomainError, PermissionDeniedError

Predicate = Callable[[Any, Any], bool]
"""``may(actor, obj)``: True when this person may make the change on this object (the actor is
None when someone without an account acts through a signed link)."""


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    verb: str  # French, shown on the button ("valider la demande")
    may: Predicate
    note_label: str = ""  # the label of the note asked with the change ("" asks none)
    note_required: str = ""  # the message when that note is missing ("" when it is optional)
    step_back: bool = False  # cancel, refuse, suspend: shown as a secondary button
    name: str = ""  # a short identifier where a page or a log names the action ("accept")


class Workflow:
    """The transitions of one status field, the log model they write and who may make them."""

    def __init__(
        self,
        *transitions: Transition,
        log: type,
        subject: str,
        field: str = "status",
        related: Iterable[str] = (),
        refusal: str = "Vous n'avez pas le droit de faire cette action.",
    ) -> None:
        self.transitions = transitions
        self._by_pair = {(t.source, t.target): t for t in transitions}
        if len(self._by_pair) != len(transitions):
            raise ValueError("a (from, to) pair appears twice in the table")
        self.log = log
        self.subject = subject
        self.model = log._meta.get_field(subject).related_model
        self.field = field
        self.related = tuple(related)
        self.refusal = refusal

    def get(self, source: str, target: str) -> Transition | None:
        return self._by_pair.get((source, target))

    def allowed(self, obj, actor) -> list[Transition]:
        """The changes ``actor`` may make now, in table order (the page's buttons)."""
        current = getattr(obj, self.field)
        return [t for t in self.transitions if t.source == current and t.may(actor, obj)]

    def can(self, obj, actor, to: str) -> bool:
        transition = self.get(getattr(obj, self.field), to)
        return transition is not None and transition.may(actor, obj)

    def may_reach(self, obj, actor, to: str) -> bool:
        """May ``actor`` ever move this object to ``to`` (from any status)? Asked before the table,
        so that who may not act is refused the same way whatever the object's status."""
        return any(t.may(actor, obj) for t in self.transitions if t.target == to)

    def check_actor(self, obj, actor, to: str) -> None:
        """Refuse whoever may never make this change, before a service reads anything else."""
        if not self.may_reach(obj, actor, to):
            raise PermissionDeniedError(self.refusal)

    def label(self, status: str) -> str:
        return self.log.statuses(status).label if status else ""

    def lock(self, obj):
        return self.model._default_manager.select_for_update(of=("self",)).select_related(*self.related).get(pk=obj.pk)

    def log_write(self, obj, *, from_status: str, to_status: str, actor, note: str = "", **fields):
        """One log row; also used alone for the status an object is created with (``from_status=""``)."""
        actor = actor if actor is not None and actor.is_authenticated else None
        return self.log.objects.create(
            **{self.subject: obj},
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            note=note,
            **fields,
        )


def transition_apply(
    workflow: Workflow,
    obj,
    *,
    to: str,
    actor,
    note: str = "",
    changes: Mapping[str, Any] | None = None,
    validate: Callable[[Any], None] | None = None,
    **log_fields,
):
    """Move ``obj`` to ``to``: lock, check the actor, check the table, save, log; returns the locked
    object. ``changes`` are other fields saved with the status; ``validate`` runs before saving
    (``full_clean`` turned into ``DomainError``). Call it inside the service's transaction."""
    locked = workflow.lock(obj)
    workflow.check_actor(locked, actor, to)
    current = getattr(locked, workflow.field)
    transition = workflow.get(current, to)
    if transition is None:
        raise DomainError(
            f"Impossible de passer de « {workflow.label(current)} » à « {workflow.label(to)} ».", code="transition"
        )
    if not transition.may(actor, locked):
        raise PermissionDeniedError(workflow.refusal)
    note = note.strip()
    if transition.note_required and not note:
        raise DomainError(transition.note_required, field="note")
    for name, value in (changes or {}).items():
        setattr(locked, name, value)
    setattr(locked, workflow.field, to)
    if validate is not None:
        validate(locked)
    locked.save()
    workflow.log_write(locked, from_status=current, to_status=to, actor=actor, note=note, **log_fields)
    return locked
