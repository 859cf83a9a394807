"""Reads for a viewer: the public agenda, an event page, a class's registrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from orientation.events import permissions
from orientation.events.enums import EventStatus
from orientation.events.models import BusStop, ClassRegistration, Event, EventLevel, Session, Stand
from orientation.schooling.models import SchoolClass


@dataclass(frozen=True)
class AgendaFilters:
    date_from: date | None = None
    date_to: date | None = None
    department_code: str = ""
    commune_insee: str = ""
    level: str = ""
    kind: str = ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def agenda_sessions(filters: AgendaFilters) -> QuerySet[Session]:
    """Sessions of public events, soonest first; upcoming only unless a start date is given."""
    sessions = (
        Session.objects.filter(event__status__in=(EventStatus.PUBLISHED, EventStatus.CANCELLED))
        .with_place()
        .select_related("event")
        .prefetch_related(Prefetch("event__levels", queryset=EventLevel.objects.order_by("level")))
    )
    start = _day_start(filters.date_from) if filters.date_from else timezone.now()
    sessions = sessions.filter(ends_at__gte=start)
    if filters.date_to:
        sessions = sessions.filter(starts_at__lt=_day_start(filters.date_to) + timezone.timedelta(days=1))
    if filters.department_code:
        sessions = sessions.filter(commune__department__code=filters.department_code)
    if filters.commune_insee:
        sessions = sessions.filter(commune__insee_code=filters.commune_insee)
    if filters.level:
        # An event without target levels is open to every level.
        sessions = sessions.filter(Q(event__levels__level=filters.level) | Q(event__levels__isnull=True)).distinct()
    if filters.kind:
        sessions = sessions.filter(event__kind=filters.kind)
    return sessions.order_by("starts_at", "pk")


def event_for_viewer(user, pk: int) -> Event:
    """404 when the event does not exist or is a draft the viewer may not see."""
    return get_object_or_404(Event.objects.visible_to(user).select_related("organiser"), pk=pk)


def event_sessions(event: Event) -> QuerySet[Session]:
    return event.sessions.with_place().select_related("bus_stop").order_by("starts_at", "pk")


def event_stands(event: Event) -> QuerySet[Stand]:
    return event.stands.order_by("kind", "name")


def event_bus_stops(event: Event) -> QuerySet[BusStop]:
    return event.bus_stops.select_related("establishment__commune").order_by("day", "pk")


def session_for_viewer(user, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.filter(event__in=Event.objects.visible_to(user)).with_place().select_related("event"), pk=pk
    )


def registrable_classes(user, session: Session) -> QuerySet[SchoolClass]:
    """The viewer's classes (current school year) that may be registered on ``session``."""
    establishment_ids = permissions.staff_establishment_ids(user)
    classes = SchoolClass.objects.filter(
        establishment_id__in=establishment_ids, school_year__is_current=True
    ).select_related("establishment")
    levels = list(session.event.levels.values_list("level", flat=True))
    if levels:
        classes = classes.filter(level__in=levels)
    already = ClassRegistration.objects.filter(session=session).exclude(status="CANCELLED")
    return classes.exclude(pk__in=already.values("school_class_id")).order_by("level", "name")


def registrations_visible_to(user) -> QuerySet[ClassRegistration]:
    """Staff see their establishments' classes; organisers see their events' registrations."""
    if user is None or not user.is_authenticated:
        return ClassRegistration.objects.none()
    base = ClassRegistration.objects.select_related(
        "school_class__establishment", "session__event", "session__commune", "session__establishment"
    )
    if permissions.is_administrator(user):
        return base
    return base.filter(
        Q(school_class__establishment_id__in=permissions.staff_establishment_ids(user))
        | Q(session__event__organiser=user)
    )


def registrations_of_my_classes(user) -> QuerySet[ClassRegistration]:
    """Registrations of the classes of the establishments where ``user`` is school staff."""
    return ClassRegistration.objects.filter(
        school_class__establishment_id__in=permissions.staff_establishment_ids(user)
    ).select_related("school_class__establishment", "session__event", "session__commune", "session__establishment")


def class_for_viewer(user, pk: int) -> SchoolClass:
    """A class the viewer works with (staff of its establishment); 404 otherwise."""
    qs = SchoolClass.objects.select_related("establishment")
    if not permissions.is_administrator(user):
        qs = qs.filter(establishment_id__in=permissions.staff_establishment_ids(user))
    return get_object_or_404(qs, pk=pk)


def events_managed_by(user) -> QuerySet[Event]:
    qs = Event.objects.all() if permissions.is_administrator(user) else Event.objects.filter(organiser=user)
    return qs.order_by("-created_at")
