"""Every write on events goes through these functions (one transaction each, actor recorded)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.neutrality import check_text
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.core.workflow import transition_apply
from orientation.events import permissions
from orientation.events.enums import (
    EventKind,
    EventStatus,
    RegistrationStatus,
    StandKind,
)
from orientation.events.models import (
    BusStop,
    ClassRegistration,
    Event,
    EventLevel,
    Session,
    Stand,
)
from orientation.events.workflow import EVENT, REGISTRATION
from orientation.moderation.services import text_submit
from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships
from orientation.schooling.enums import ActivityKind, Level
from orientation.schooling.services import activity_record
from orientation.territory.calendar import require_school_day

REGISTRATION_SOURCE = "events.ClassRegistration"
EVENT_DESCRIPTION = "EVENT_DESCRIPTION"  # the kind of moderated text this app registers (apps.py)


def _require_neutral(*texts: str, field: str) -> None:
    """Short labels (a title, a stand's name) must not advertise (R12): refused, the reasons shown."""
    issues = [issue for text in texts for issue in check_text(text)]
    if issues:
        raise DomainError(" ".join(dict.fromkeys(issue.reason for issue in issues)), field=field)


def _submit_description(event: Event, actor) -> None:
    """The presentation goes through the moderation queue (R12): held, it is not shown to the public."""
    place = next(
        (
            {"department": m.department, "academy": m.academy}
            for m in active_memberships(event.organiser)
            if m.role == Role.COORDINATOR
        ),
        {},
    )
    event.description_is_published = text_submit(
        kind=EVENT_DESCRIPTION, object_id=event.pk, text=event.description, actor=actor, **place
    )
    event.save(update_fields=["description_is_published", "updated_at"])


# --- Events -----------------------------------------------------------------------------------


def _set_levels(event: Event, levels: Iterable[str]) -> None:
    wanted = set(levels)
    unknown = sorted(lv for lv in wanted if lv not in Level.values)
    if unknown:
        raise DomainError(f"Niveau inconnu : {', '.join(unknown)}.", field="levels")
    event.levels.exclude(level__in=wanted).delete()
    existing = set(event.levels.values_list("level", flat=True))
    EventLevel.objects.bulk_create([EventLevel(event=event, level=lv) for lv in sorted(wanted - existing)])


@transaction.atomic
def event_create(
    *,
    actor,
    kind: str,
    title: str,
    organiser_name: str,
    description: str = "",
    levels: Iterable[str] = (),
    opens_on_saturday: bool = False,
    label: str = "",
) -> Event:
    if not permissions.can_organise_events(actor):
        raise PermissionDeniedError("Seuls les coordinateurs et les administrateurs créent des événements.")
    _require_neutral(title, field="title")
    event = Event(
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        organiser=actor,
        organiser_name=organiser_name.strip(),
        status=EventStatus.DRAFT,
        opens_on_saturday=opens_on_saturday,
        label=label.strip(),
    )
    validate(event)
    event.save()
    _submit_description(event, actor)
    _set_levels(event, levels)
    EVENT.log_write(event, from_status="", to_status=EventStatus.DRAFT, actor=actor)
    return event


@transaction.atomic
def event_update(
    *,
    actor,
    event: Event,
    title: str,
    organiser_name: str,
    description: str = "",
    levels: Iterable[str] = (),
    kind: str | None = None,
    opens_on_saturday: bool | None = None,
    label: str = "",
) -> Event:
    """Edit the texts and target levels; the kind changes only while the event is a draft."""
    event = Event.objects.select_for_update(of=("self",)).get(pk=event.pk)
    if not permissions.can_manage_event(actor, event):
        raise PermissionDeniedError()
    if not event.is_editable:
        raise DomainError("Un événement annulé ou terminé ne se modifie plus.")
    if kind is not None and kind != event.kind:
        if event.status != EventStatus.DRAFT:
            raise DomainError("Le type d'un événement publié ne change plus.", field="kind")
        event.kind = kind
    _require_neutral(title, field="title")
    event.title, event.organiser_name, event.description = title.strip(), organiser_name.strip(), description.strip()
    if opens_on_saturday is not None:
        event.opens_on_saturday = opens_on_saturday
    event.label = label.strip()
    validate(event)
    event.save()
    _submit_description(event, actor)
    _set_levels(event, levels)
    return event


@transaction.atomic
def event_change_status(*, actor, event: Event, to_status: str, note: str = "") -> Event:
    """Apply one transition of ``workflow.EVENT``. Cancelling an event cancels its registrations."""
    event = transition_apply(EVENT, event, to=to_status, actor=actor, note=note)
    if to_status == EventStatus.PUBLISHED and not event.sessions.exists():
        raise DomainError("Ajoutez au moins une séance avant de publier l'événement.")
    if to_status == EventStatus.CANCELLED:
        recipients = []
        for session in Session.objects.select_for_update(of=("self",)).filter(event=event).order_by("pk"):
            freed = 0
            for registration in session.registrations.filter(status=RegistrationStatus.REGISTERED).select_related(
                "registered_by"
            ):
                transition_apply(REGISTRATION, registration, to=RegistrationStatus.CANCELLED, actor=actor)
                recipients.append(registration.registered_by.email)
                freed += registration.seats
            if freed:
                Session.objects.filter(pk=session.pk).update(registered_seats=F("registered_seats") - freed)
        notify(recipients=recipients, template="events/emails/event_cancelled", context={"event": event, "note": note})
    return event


@transaction.atomic
def bus_stop_create(*, actor, event: Event, establishment, day: date) -> BusStop:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDeniedError()
    if event.kind != EventKind.BUS_TOUR:
        raise DomainError("Seul le bus de l'orientation a des arrêts.")
    require_school_day(establishment, day, allow_saturday=event.opens_on_saturday, field="day")
    stop = BusStop(event=event, establishment=establishment, day=day)
    validate(stop)
    stop.save()
    return stop


@transaction.atomic
def session_create(
    *,
    actor,
    event: Event,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    establishment=None,
    commune=None,
    bus_stop: BusStop | None = None,
    place_name: str = "",
    address: str = "",
) -> Session:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDeniedError()
    if event.status not in (EventStatus.DRAFT, EventStatus.PUBLISHED):
        raise DomainError("On n'ajoute plus de séance à un événement annulé ou terminé.")
    if bus_stop is not None:
        if bus_stop.event_id != event.pk:
            raise DomainError("Cet arrêt n'appartient pas à cet événement.", field="bus_stop")
        if timezone.localtime(starts_at).date() != bus_stop.day:
            raise DomainError("La séance doit avoir lieu le jour de l'arrêt du bus.", field="starts_at")
        establishment = bus_stop.establishment
    elif event.kind == EventKind.BUS_TOUR:
        raise DomainError("Une séance du bus de l'orientation se rattache à un arrêt.", field="bus_stop")
    if establishment is not None:
        commune = establishment.commune
        address = address or establishment.address
    if commune is None:
        raise DomainError("Indiquez la commune ou l'établissement où a lieu la séance.", field="commune")
    require_school_day(
        commune, timezone.localdate(starts_at), allow_saturday=event.opens_on_saturday, field="starts_at"
    )
    session = Session(
        event=event,
        bus_stop=bus_stop,
        establishment=establishment,
        commune=commune,
        place_name=place_name.strip(),
        address=address.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )
    validate(session)
    session.save()
    return session


@transaction.atomic
def session_change_capacity(*, actor, session: Session, capacity: int) -> Session:
    """Grow or shrink a session; never below the seats already booked."""
    session = Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session.pk)
    if not permissions.can_manage_event(actor, session.event):
        raise PermissionDeniedError()
    if capacity < session.registered_seats:
        raise DomainError(
            f"{session.registered_seats} places sont déjà réservées : la capacité ne peut pas descendre en dessous.",
            field="capacity",
        )
    session.capacity = capacity
    validate(session)
    session.save(update_fields=["capacity", "updated_at"])
    return session


@transaction.atomic
def stand_create(
    *,
    actor,
    event: Event,
    kind: str,
    name: str,
    description: str = "",
    company=None,
    establishment=None,
    ambassador=None,
) -> Stand:
    if not permissions.can_manage_event(actor, event):
        raise PermissionDeniedError()
    _require_neutral(name, description, field="description")
    if kind == StandKind.CFA and establishment is not None and establishment.kind != "CFA":
        raise DomainError("Un stand CFA est tenu par un centre de formation d'apprentis.", field="establishment")
    stand = Stand(
        event=event,
        kind=kind,
        name=name.strip(),
        description=description.strip(),
        company=company,
        establishment=establishment,
        ambassador=ambassador,
    )
    validate(stand)
    stand.save()
    return stand


# --- Class registrations -----------------------------------------------------------------------


@transaction.atomic
def class_registration_create(*, actor, session: Session, school_class) -> ClassRegistration:
    """Book the whole class on the session. The class's size counts against the capacity."""
    if not permissions.can_register_class(actor, school_class):
        raise PermissionDeniedError("Vous ne pouvez inscrire que les classes de votre établissement.")
    # The row lock serialises registrations on one session; the CheckConstraint is the backstop.
    session = Session.objects.select_for_update(of=("self",)).select_related("event").get(pk=session.pk)
    event = session.event
    if not event.is_open_for_registration:
        raise DomainError("Les inscriptions ne sont pas ouvertes pour cet événement.")
    if session.starts_at <= timezone.now():
        raise DomainError("Cette séance a déjà commencé : les inscriptions sont closes.")
    levels = set(event.levels.values_list("level", flat=True))
    if levels and school_class.level not in levels:
        raise DomainError(
            f"Cet événement ne s'adresse pas aux classes de niveau « {school_class.get_level_display()} ».",
            field="school_class",
        )
    if (
        ClassRegistration.objects.filter(session=session, school_class=school_class)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        raise DomainError("Cette classe est déjà inscrite à cette séance.", field="school_class")
    seats = school_class.size
    remaining = session.capacity - session.registered_seats
    if seats > remaining:
        raise DomainError(
            f"Il ne reste que {max(remaining, 0)} place(s) dans cette séance, et la classe compte {seats} élèves.",
            code="full",
        )
    try:
        with transaction.atomic():
            Session.objects.filter(pk=session.pk).update(registered_seats=F("registered_seats") + seats)
            registration = ClassRegistration(
                session=session,
                school_class=school_class,
                seats=seats,
                status=RegistrationStatus.REGISTERED,
                registered_by=actor,
            )
            validate(registration)
            registration.save()
    except IntegrityError as exc:
        # Only reachable if a write bypassed the row lock: the constraints still refuse it.
        raise DomainError(
            "Inscription impossible : la séance est complète ou la classe y est déjà inscrite.", code="full"
        ) from exc
    REGISTRATION.log_write(registration, from_status="", to_status=RegistrationStatus.REGISTERED, actor=actor)
    notify(
        recipients=[actor.email, event.organiser.email],
        template="events/emails/registration_confirmed",
        context={
            "event": event,
            "session": session,
            "school_class": school_class,
            "seats": seats,
            "starts_at": timezone.localtime(session.starts_at),
        },
    )
    return registration


@transaction.atomic
def class_registration_cancel(*, actor, registration: ClassRegistration) -> ClassRegistration:
    """Cancel before the session starts; the seats go back to the session."""
    session = Session.objects.select_for_update(of=("self",)).get(pk=registration.session_id)
    registration = transition_apply(REGISTRATION, registration, to=RegistrationStatus.CANCELLED, actor=actor)
    if session.starts_at <= timezone.now():
        raise DomainError("La séance a commencé : l'inscription ne peut plus être annulée.")
    Session.objects.filter(pk=session.pk).update(registered_seats=F("registered_seats") - registration.seats)
    notify(
        recipients=[registration.registered_by.email, actor.email],
        template="events/emails/registration_cancelled",
        context={"registration": registration},
    )
    return registration


@transaction.atomic
def class_registration_record_attendance(
    *, actor, registration: ClassRegistration, attended: bool, hours: Decimal | None = None
) -> ClassRegistration:
    """After the session: present → the hours are credited to the class in the schooling ledger."""
    to_status = RegistrationStatus.ATTENDED if attended else RegistrationStatus.ABSENT
    registration = transition_apply(REGISTRATION, registration, to=to_status, actor=actor)
    session = registration.session
    if session.ends_at > timezone.now():
        raise DomainError("La présence se note une fois la séance terminée.")
    if attended:
        credited = hours if hours is not None else session.duration_hours
        if credited <= 0:
            raise DomainError("Le nombre d'heures doit être positif.", field="hours")
        activity_record(
            school_class=registration.school_class,
            kind=ActivityKind.EVENT,
            title=f"{session.event.get_kind_display()} : {session.event.title}",
            occurred_on=timezone.localtime(session.starts_at).date(),
            hours=credited,
            source=REGISTRATION_SOURCE,
            source_id=registration.pk,
            recorded_by=actor,
        )
    return registration


def description_moderation_decided(item, approved: bool) -> None:
    """The moderation queue accepted an event's presentation: show it if it is still the event's text."""
    if approved:
        Event.objects.filter(pk=item.object_id, description=item.text).update(
            description_is_published=True, updated_at=timezone.now()
        )
