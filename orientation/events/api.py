"""``/api/v1/events``: the public agenda, an event's sessions and seats, a class's registrations.

Reads call the same selectors as the HTML pages, writes the same services; a class outside the
viewer's scope gives 404, exactly like a missing one.
"""

from datetime import date, datetime

from django.core.paginator import EmptyPage, Paginator
from ninja import Field, Query, Router, Schema, Status

from orientation.core.api_contract import date_or_empty, documented, one_of, session_auth
from orientation.core.errors import DomainError
from orientation.events import selectors, services
from orientation.events.enums import EventKind
from orientation.events.models import Session
from orientation.schooling.enums import Level

router = Router(tags=["Événements"])
PAGE_SIZE = 50


class Error(Schema):
    detail: str


class SessionOut(Schema):
    id: int
    event_id: int
    event_title: str = Field(..., alias="event.title")
    event_kind: str = Field(..., alias="event.kind")
    event_status: str = Field(..., alias="event.status")
    starts_at: datetime
    ends_at: datetime
    place: str = Field(..., alias="place_label")
    commune_insee_code: str = Field(..., alias="commune.insee_code")
    department: str = Field(..., alias="commune.department.code")
    establishment_uai: str | None = Field(None, alias="establishment.uai")
    capacity: int
    remaining_seats: int


class AgendaPage(Schema):
    count: int
    page: int
    pages: int
    results: list[SessionOut]


class StandOut(Schema):
    kind: str
    name: str
    description: str


class BusStopOut(Schema):
    day: date
    establishment_uai: str = Field(..., alias="establishment.uai")
    establishment_name: str = Field(..., alias="establishment.name")


class EventOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    organiser_name: str
    status: str
    levels: list[str]
    sessions: list[SessionOut]
    stands: list[StandOut]
    bus_stops: list[BusStopOut]


class RegistrationOut(Schema):
    id: int
    session_id: int
    event_title: str = Field(..., alias="session.event.title")
    starts_at: datetime = Field(..., alias="session.starts_at")
    school_class_id: int
    seats: int
    status: str


class RegistrationIn(Schema):
    school_class_id: int


class AgendaQuery(Schema):
    date_from: str | None = Field(
        None,
        description="Date de début (AAAA-MM-JJ).",
        examples=["2027-03-01"],
        json_schema_extra=date_or_empty,
    )
    date_to: str | None = Field(None, description="Date de fin (AAAA-MM-JJ).", json_schema_extra=date_or_empty)
    department: str | None = Field(None, description="Code du département (ex. 59, 02).")
    commune: str | None = Field(None, description="Code INSEE de la commune.")
    level: str | None = Field(
        None,
        description=f"Niveau de la classe : {', '.join(Level.values)}.",
        json_schema_extra=documented(**one_of(Level.values)),
    )
    kind: str | None = Field(
        None,
        description=f"Type : {', '.join(EventKind.values)}.",
        json_schema_extra=documented(**one_of(EventKind.values)),
    )
    page: int = Field(1, ge=1)


def _parse_date(value: str | None, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise DomainError(f"{label} : date invalide « {value} », attendu AAAA-MM-JJ.") from exc


@router.get(
    "/events",
    response={200: AgendaPage, 400: Error, 404: Error},
    auth=None,
    summary="Agenda des séances à venir",
    description="Séances des événements publiés, les plus proches d'abord, filtrables par date, lieu et niveau.",
)
def agenda(request, query: Query[AgendaQuery]):
    if query.level and query.level not in Level.values:
        raise DomainError(f"Niveau inconnu « {query.level} ».")
    if query.kind and query.kind not in EventKind.values:
        raise DomainError(f"Type d'événement inconnu « {query.kind} ».")
    filters = selectors.AgendaFilters(
        date_from=_parse_date(query.date_from, "date_from"),
        date_to=_parse_date(query.date_to, "date_to"),
        department_code=query.department or "",
        commune_insee=query.commune or "",
        level=query.level or "",
        kind=query.kind or "",
    )
    paginator = Paginator(selectors.agenda_sessions(filters), PAGE_SIZE)
    try:
        page = paginator.page(query.page)
    except EmptyPage:
        return Status(404, {"detail": "Cette page n'existe pas."})
    return Status(
        200, {"count": paginator.count, "page": page.number, "pages": paginator.num_pages, "results": list(page)}
    )


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 404: Error},
    auth=None,
    summary="Un événement, ses séances, ses places restantes et ses stands",
)
def event_detail(request, event_id: int):
    event = selectors.event_for_viewer(request.user, event_id)
    sessions = list(selectors.event_sessions(event))
    for session in sessions:
        session.event = event
    return Status(
        200,
        {
            "id": event.pk,
            "kind": event.kind,
            "kind_label": event.get_kind_display(),
            "title": event.title,
            "description": event.public_description,
            "organiser_name": event.organiser_name,
            "status": event.status,
            "levels": list(event.levels.values_list("level", flat=True)),
            "sessions": sessions,
            "stands": list(selectors.event_stands(event)),
            "bus_stops": list(selectors.event_bus_stops(event)),
        },
    )


@router.get(
    "/events/classes/{class_id}/registrations",
    auth=session_auth,
    response={200: list[RegistrationOut], 401: Error, 404: Error},
    summary="Inscriptions d'une classe aux événements",
    description="Réservé au personnel de l'établissement de la classe.",
)
def class_registrations(request, class_id: int):
    school_class = selectors.class_for_viewer(request.user, class_id)
    return Status(
        200,
        list(
            selectors.registrations_visible_to(request.user)
            .filter(school_class=school_class)
            .order_by("session__starts_at", "pk")
        ),
    )


@router.post(
    "/events/sessions/{session_id}/registrations",
    auth=session_auth,
    response={201: RegistrationOut, 400: Error, 401: Error, 403: Error, 404: Error, 429: Error},
    summary="Inscrire une classe à une séance",
    description="La classe entière est inscrite ; son effectif compte dans les places. 400 si la séance est complète.",
)
def register_class(request, session_id: int, payload: RegistrationIn):
    session = selectors.session_for_viewer(request.user, session_id)
    school_class = selectors.class_for_viewer(request.user, payload.school_class_id)
    registration = services.class_registration_create(actor=request.user, session=session, school_class=school_class)
    registration.session = Session.objects.select_related("event").get(pk=session.pk)
    return Status(201, registration)
