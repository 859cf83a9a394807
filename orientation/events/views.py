from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from orientation.core.errors import DomainError
from orientation.core.ics import CONTENT_TYPE, CalendarEntry, build_calendar
from orientation.core.validation import add_domain_error
from orientation.events import permissions, selectors, services
from orientation.events.enums import EventStatus
from orientation.events.forms import (
    AgendaFilterForm,
    AttendanceForm,
    BusStopForm,
    CapacityForm,
    EventForm,
    RegisterClassForm,
    SessionForm,
    StandForm,
)
from orientation.events.models import ClassRegistration, Session
from orientation.events.workflow import EVENT
from orientation.moderation.selectors import held_text
from orientation.territory import basemaps
from orientation.territory.models import Commune
from orientation.territory.svgmap import MapPoint, render_map

AGENDA_PAGE_SIZE = 20


# --- Public pages ------------------------------------------------------------------------------


@login_not_required
def agenda(request):
    communes = Commune.objects.filter(event_sessions__event__status=EventStatus.PUBLISHED).distinct().order_by("name")
    form = AgendaFilterForm(request.GET or None, communes=communes)
    filters = selectors.AgendaFilters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.AgendaFilters(
            date_from=data["date_from"],
            date_to=data["date_to"],
            department_code=data["department"],
            commune_insee=data["commune"],
            level=data["level"],
            kind=data["kind"],
        )
    page = Paginator(selectors.agenda_sessions(filters), AGENDA_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "events/agenda.html",
        {
            "form": form,
            "page_obj": page,
            "sessions": page.object_list,
            "crumbs": [("Agenda des événements", None)],
            "is_staff_member": bool(permissions.staff_establishment_ids(request.user)),
            "can_organise": permissions.can_organise_events(request.user),
        },
    )


@login_not_required
def event_detail(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    sessions = list(selectors.event_sessions(event))
    staff_ids = permissions.staff_establishment_ids(request.user)
    can_manage = permissions.can_manage_event(request.user, event)
    bus_stops = list(selectors.event_bus_stops(event)) if event.kind == "BUS_TOUR" else []
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "map_svg": _places_map(event, sessions, bus_stops),
            "levels": event.levels_in_order(),
            "sessions": sessions,
            "stands": selectors.event_stands(event),
            "bus_stops": bus_stops,
            "can_register": bool(staff_ids) and event.is_open_for_registration,
            "can_manage": can_manage,
            "held": held_text(services.EVENT_DESCRIPTION, event.pk)
            if can_manage and not event.description_is_published
            else None,
        },
    )


def _places_map(event, sessions, bus_stops):
    """Where the sessions and the bus stops take place, on the outlines of the places around."""
    places: dict[tuple[float, float], str] = {}
    for session in sessions:
        where = session.establishment if session.establishment_id else session.commune
        if where.latitude is not None:
            places.setdefault((where.latitude, where.longitude), session.place_label)
    for stop in bus_stops:
        where = stop.establishment
        if where.latitude is not None:
            places.setdefault((where.latitude, where.longitude), f"{where.name}, {where.commune.name}")
    if not places:
        return None
    points = [MapPoint(lat, lon, label) for (lat, lon), label in places.items()]
    return render_map(
        points,
        title=f"Lieux de l'événement « {event.title} »",
        description=(
            f"{len(points)} lieu(x) placé(s) sur la carte : {', '.join(places.values())}. "
            "Les dates et les places restantes figurent dans le tableau des séances."
        ),
        basemap=basemaps.around_points(list(places)),
        dom_id="carte-evenement",
        width=480,
    )


def _entry(request, session: Session) -> CalendarEntry:
    event = session.event
    return CalendarEntry(
        uid=f"evenement-{event.pk}-seance-{session.pk}@{request.get_host().split(':')[0]}",
        start=session.starts_at,
        end=session.ends_at,
        summary=event.title,
        location=session.place_label,
        description=event.public_description,
        organiser_name=event.organiser_name,
        url=request.build_absolute_uri(event_url(event)),
        cancelled=event.is_cancelled,
    )


def event_url(event) -> str:
    return reverse("events:detail", args=[event.pk])


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_not_required
def event_ics(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    sessions = list(selectors.event_sessions(event))
    if not sessions:
        raise Http404("Aucune séance")
    for session in sessions:
        session.event = event
    body = build_calendar([_entry(request, s) for s in sessions], name=event.title)
    return _ics_response(body, f"evenement-{event.pk}.ics")


@login_not_required
def session_ics(request, pk: int):
    session = selectors.session_for_viewer(request.user, pk)
    body = build_calendar([_entry(request, session)], name=session.event.title)
    return _ics_response(body, f"seance-{session.pk}.ics")


# --- School staff -----------------------------------------------------------------------------


def register_class(request, pk: int):
    session = selectors.session_for_viewer(request.user, pk)
    if not permissions.staff_establishment_ids(request.user):
        raise PermissionDenied
    if not session.event.is_open_for_registration:
        messages.error(request, "Les inscriptions ne sont pas ouvertes pour cet événement.")
        return redirect("events:detail", pk=session.event_id)
    classes = selectors.registrable_classes(request.user, session)
    form = RegisterClassForm(request.POST or None, classes=classes)
    if request.method == "POST" and form.is_valid():
        try:
            services.class_registration_create(
                actor=request.user, session=session, school_class=form.cleaned_data["school_class"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                f"La classe {form.cleaned_data['school_class'].name} est inscrite. Un courriel vous le confirme.",
            )
            return redirect("events:my_registrations")
    return render(request, "events/register_class.html", {"session": session, "event": session.event, "form": form})


def my_registrations(request):
    registrations = selectors.registrations_of_my_classes(request.user).order_by("-session__starts_at", "pk")
    return render(request, "events/my_registrations.html", {"registrations": registrations})


@require_POST
def cancel_registration(request, pk: int):
    registration = get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    try:
        services.class_registration_cancel(actor=request.user, registration=registration)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "L'inscription est annulée, les places sont libérées.")
    if permissions.can_manage_event(request.user, registration.session.event):
        return redirect("events:manage", pk=registration.session.event_id)
    return redirect("events:my_registrations")


# --- Organisers -------------------------------------------------------------------------------


def _managed_event(request, pk: int):
    event = selectors.event_for_viewer(request.user, pk)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    return event


def organiser_home(request):
    if not permissions.can_organise_events(request.user):
        raise PermissionDenied
    return render(request, "events/organiser_home.html", {"events": selectors.events_managed_by(request.user)})


def event_create(request):
    if not permissions.can_organise_events(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Événement créé en brouillon. Ajoutez ses séances, puis publiez-le.")
            return redirect("events:manage", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "title": "Créer un événement"})


def event_manage(request, pk: int):
    event = _managed_event(request, pk)
    sessions = list(selectors.event_sessions(event))
    registrations = (
        ClassRegistration.objects.filter(session__event=event)
        .select_related("school_class__establishment", "session")
        .order_by("session__starts_at", "pk")
    )
    return render(
        request,
        "events/manage.html",
        {
            "event": event,
            "sessions": sessions,
            "registrations": registrations,
            "stands": selectors.event_stands(event),
            "bus_stops": selectors.event_bus_stops(event),
            "transitions": EVENT.allowed(event, request.user),
        },
    )


def event_edit(request, pk: int):
    event = _managed_event(request, pk)
    initial = {
        "kind": event.kind,
        "title": event.title,
        "organiser_name": event.organiser_name,
        "description": event.description,
        "levels": [row.level for row in event.levels.all()],
        "opens_on_saturday": event.opens_on_saturday,
        "label": event.label,
    }
    form = EventForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Événement modifié.")
            return redirect("events:manage", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "title": "Modifier l'événement", "event": event})


def session_capacity(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("event"), pk=pk)
    if not permissions.can_manage_event(request.user, session.event):
        raise Http404
    form = CapacityForm(request.POST or None, initial={"capacity": session.capacity})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_change_capacity(
                actor=request.user, session=session, capacity=form.cleaned_data["capacity"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Capacité modifiée.")
            return redirect("events:manage", pk=session.event_id)
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "title": "Changer le nombre de places",
            "event": session.event,
            "intro": f"Séance du {timezone.localtime(session.starts_at):%d/%m/%Y à %H:%M} : "
            f"{session.registered_seats} places déjà réservées.",
        },
    )


@require_POST
def event_status(request, pk: int):
    event = _managed_event(request, pk)
    try:
        services.event_change_status(
            actor=request.user,
            event=event,
            to_status=request.POST.get("to_status", ""),
            note=request.POST.get("note", "")[:500],
        )
    except (DomainError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", "Changement de statut impossible."))
    else:
        messages.success(request, "Le statut de l'événement est changé.")
    return redirect("events:manage", pk=event.pk)


def _add_to_event(request, pk: int, *, form_class, service, title: str, done: str, form_kwargs=None):
    """Organiser form that adds one thing (session, bus stop, stand) to a managed event."""
    event = _managed_event(request, pk)
    form = form_class(request.POST or None, **(form_kwargs(event) if form_kwargs else {}))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, event=event, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, done)
            return redirect("events:manage", pk=event.pk)
    return render(request, "events/form.html", {"form": form, "title": title, "event": event})


def session_create(request, pk: int):
    return _add_to_event(
        request,
        pk,
        form_class=SessionForm,
        service=services.session_create,
        title="Ajouter une séance",
        done="Séance ajoutée.",
        form_kwargs=lambda event: {"event": event},
    )


def bus_stop_create(request, pk: int):
    return _add_to_event(
        request,
        pk,
        form_class=BusStopForm,
        service=services.bus_stop_create,
        title="Ajouter un arrêt du bus",
        done="Arrêt du bus ajouté.",
    )


def stand_create(request, pk: int):
    return _add_to_event(
        request,
        pk,
        form_class=StandForm,
        service=services.stand_create,
        title="Ajouter un stand",
        done="Stand ajouté.",
    )


def record_attendance(request, pk: int):
    registration = get_object_or_404(
        ClassRegistration.objects.select_related("session__event", "school_class__establishment"), pk=pk
    )
    event = registration.session.event
    if not permissions.can_manage_event(request.user, event):
        raise Http404
    form = AttendanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.class_registration_record_attendance(
                actor=request.user,
                registration=registration,
                attended=form.cleaned_data["attended"],
                hours=form.cleaned_data["hours"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, "Présence enregistrée.")
            return redirect("events:manage", pk=event.pk)
    return render(
        request,
        "events/form.html",
        {
            "form": form,
            "title": f"Présence de la classe {registration.school_class.name}",
            "event": event,
            "intro": f"{registration.school_class} — séance du {registration.session.starts_at:%d/%m/%Y}.",
        },
    )
