"""``/api/v1/internships``: offer search and an application's status, scoped like the HTML pages.

Both need a signed-in session (401 otherwise). An application outside the viewer's scope answers
404, exactly like a missing one.
"""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from orientation.core.api_contract import IsoDate, documented, session_auth
from orientation.core.errors import DomainError
from orientation.internships import selectors
from orientation.internships.enums import OfferKind
from orientation.internships.forms import find_commune

router = Router(tags=["Stages"], auth=session_auth)


class Error(Schema):
    detail: str


class OfferSearchParams(Schema):
    commune: str | None = Field(
        None, description="Nom ou code INSEE de la commune de départ.", json_schema_extra=documented(maxLength=150)
    )
    radius_km: int = Field(10, ge=1, le=100)
    week: IsoDate | None = Field(None, description="Un jour de la semaine voulue.")
    kind: OfferKind | None = None
    job: str | None = Field(None, max_length=100)


class OfferOut(Schema):
    id: int
    title: str
    kind: str
    job_label: str
    rome_code: str
    host: str
    commune_insee_code: str
    commune: str
    latitude: float | None
    longitude: float | None
    starts_on: dt.date
    ends_on: dt.date
    places: int
    free_places_for_you: int
    reserved_for_you: int
    reserved_until: dt.date | None
    is_accessible: bool
    distance_km: float | None


class ApplicationStatusOut(Schema):
    id: int
    offer_id: int
    status: str
    status_label: str
    is_minor: bool
    host_message: str
    agreement_reference: str | None
    history: list[dict]


@router.get("/internships/offers", response={200: list[OfferOut], 400: Error}, summary="Rechercher des offres")
def search_offers(request, params: Query[OfferSearchParams]):
    origin = None
    if params.commune:
        origin = find_commune(params.commune)
        if origin is None:
            raise DomainError("Commune inconnue : donnez son nom complet ou son code INSEE.")
    else:
        origin = selectors.viewer_home_commune(request.user)
    hits = selectors.offer_search(
        request.user,
        origin=origin,
        radius_km=params.radius_km,
        week=params.week,
        kind=params.kind.value if params.kind else "",
        job=params.job or "",
        today=timezone.localdate(),
    )
    return [
        {
            "id": h.offer.pk,
            "title": h.offer.title,
            "kind": h.offer.kind,
            "job_label": h.offer.job_label,
            "rome_code": h.offer.rome_code,
            "host": h.offer.host_name,
            "commune_insee_code": h.offer.commune.insee_code,
            "commune": h.offer.commune.name,
            "latitude": h.offer.latitude,
            "longitude": h.offer.longitude,
            "starts_on": h.offer.starts_on,
            "ends_on": h.offer.ends_on,
            "places": h.offer.places,
            "free_places_for_you": max(h.free_places, 0),
            "reserved_for_you": h.reserved_for_viewer,
            "reserved_until": h.offer.reserved_until,
            "is_accessible": h.offer.is_accessible,
            "distance_km": round(h.distance_km, 2) if h.distance_km is not None else None,
        }
        for h in hits
    ]


@router.get(
    "/internships/applications/{application_id}",
    response={200: ApplicationStatusOut, 404: Error},
    summary="État d'une candidature",
)
def application_status(request, application_id: int):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=application_id)
    agreement = getattr(application, "agreement", None)
    return {
        "id": application.pk,
        "offer_id": application.offer_id,
        "status": application.status,
        "status_label": application.get_status_display(),
        "is_minor": application.is_minor,
        "host_message": application.host_message,
        "agreement_reference": agreement.reference if agreement else None,
        "history": [
            {
                "action": step.action,
                "to_status": step.to_status,
                "at": step.created_at.isoformat(),
                "by": step.actor_label,
            }
            for step in application.status_log.all()
        ],
    }
