"""The placement agreement as a PDF (WeasyPrint), and the small SVG map of search results."""

from __future__ import annotations

from math import cos, radians

from django.template.loader import render_to_string
from django.utils import timezone

from orientation.core.geo import bounding_box
from orientation.internships.enums import Party
from orientation.internships.models import Agreement
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership


def agreement_context(agreement: Agreement) -> dict:
    application = agreement.application
    offer = application.offer
    signatures = {s.party: s for s in agreement.signatures.all()}
    head = (
        Membership.objects.active()
        .filter(establishment_id=application.establishment_id, role=Role.HEAD)
        .select_related("user")
        .first()
    )
    parties = []
    for party in agreement.required_parties():
        parties.append({"party": Party(party), "signature": signatures.get(party)})
    return {
        "agreement": agreement,
        "application": application,
        "offer": offer,
        "pupil": application.pupil,
        "establishment": application.establishment,
        "school_class": application.school_class,
        "head": head.user if head else None,
        "consent": getattr(application, "consent", None) if application.is_minor else None,
        "parties": parties,
        "generated_at": timezone.localtime(),
    }


def agreement_pdf(agreement: Agreement) -> bytes:
    from weasyprint import HTML

    html = render_to_string("internships/agreement_pdf.html", agreement_context(agreement))
    return HTML(string=html).write_pdf()


def map_points(
    origin, hits, *, radius_km: float | None = None, width: int = 400, height: int = 300, pad: int = 20
) -> dict:
    """Project the origin and the offers on a small SVG (equirectangular is fine at this scale).

    With an origin and a radius, the frame is the search circle, drawn so distances read at a glance.
    """
    coords = [(h.offer.latitude, h.offer.longitude) for h in hits if h.offer.latitude is not None]
    has_origin = origin is not None and origin.latitude is not None
    if has_origin:
        coords.append((origin.latitude, origin.longitude))
        if radius_km:
            min_lat, max_lat, min_lon, max_lon = bounding_box(origin.latitude, origin.longitude, radius_km)
            coords += [(min_lat, min_lon), (max_lat, max_lon)]
    if not coords:
        return {"width": width, "height": height, "points": [], "origin": None}
    lats, lons = [c[0] for c in coords], [c[1] for c in coords]
    mid_lat, mid_lon = (max(lats) + min(lats)) / 2, (max(lons) + min(lons)) / 2
    shrink = cos(radians(mid_lat))
    span_lat = max(max(lats) - min(lats), 0.02)
    span_lon = max(max(lons) - min(lons), 0.02)
    scale = min((width - 2 * pad) / (span_lon * shrink), (height - 2 * pad) / span_lat)

    def project(lat, lon):
        return round(width / 2 + (lon - mid_lon) * shrink * scale, 1), round(height / 2 - (lat - mid_lat) * scale, 1)

    points = []
    for number, hit in enumerate(hits, start=1):
        if hit.offer.latitude is None:
            continue
        x, y = project(hit.offer.latitude, hit.offer.longitude)
        points.append({"x": x, "y": y, "number": number, "hit": hit})
    origin_point = None
    if has_origin:
        x, y = project(origin.latitude, origin.longitude)
        origin_point = {
            "x": x,
            "y": y,
            "rect_x": round(x - 5, 1),
            "rect_y": round(y - 5, 1),
            "name": origin.name,
            "radius": round(radius_km / 111.32 * scale, 1) if radius_km else None,
        }
    return {"width": width, "height": height, "points": points, "origin": origin_point}
