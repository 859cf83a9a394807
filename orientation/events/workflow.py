"""The event and class-registration workflows (R5), each in one visible table. Cancelling an event
cancels its registrations; attendance is recorded once the session is over."""

from orientation.core.workflow import Transition, Workflow
from orientation.events import permissions
from orientation.events.enums import EventStatus, RegistrationStatus
from orientation.events.models import EventStatusLog, RegistrationStatusLog

E, R = EventStatus, RegistrationStatus


def _organiser(actor, event) -> bool:
    return permissions.can_manage_event(actor, event)


def _cancel_event(source: str) -> Transition:
    return Transition(source, E.CANCELLED, "annuler l'événement", may=_organiser, step_back=True)


EVENT = Workflow(
    Transition(E.DRAFT, E.PUBLISHED, "publier", may=_organiser),
    Transition(E.PUBLISHED, E.DONE, "marquer comme terminé", may=_organiser),
    _cancel_event(E.DRAFT),
    _cancel_event(E.PUBLISHED),
    log=EventStatusLog,
    subject="event",
    refusal="Seul l'organisateur peut changer le statut de cet événement.",
)


def _organiser_of_session(actor, registration) -> bool:
    return permissions.can_manage_event(actor, registration.session.event)


REGISTRATION = Workflow(
    Transition(R.REGISTERED, R.CANCELLED, "annuler l'inscription", may=permissions.can_cancel_registration),
    Transition(R.REGISTERED, R.ATTENDED, "noter la classe présente", may=_organiser_of_session),
    Transition(R.REGISTERED, R.ABSENT, "noter la classe absente", may=_organiser_of_session),
    log=RegistrationStatusLog,
    subject="registration",
    related=("session__event", "school_class"),
    refusal="Vous ne pouvez pas modifier cette inscription.",
)
