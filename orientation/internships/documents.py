"""The placement agreement as a PDF (WeasyPrint), and the small SVG map of search results."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from orientation.core.geo import bounding_box
from orientation.internships.enums import Party
from orientation.internships.models import Agreement
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.territory import basemaps, geometry, svgmap


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


def map_points(origin, hits, *, radius_km: float | None = None, width: int = 400) -> dict:
    """The search results on a small map of the communes around the origin (numbers match the table).

    With an origin and a radius, the frame is the search circle, drawn so distances read at a glance.
    """
    coords = [(h.offer.latitude, h.offer.longitude) for h in hits if h.offer.latitude is not None]
    has_origin = origin is not None and origin.latitude is not None
    basemap = None
    if has_origin:
        coords.append((origin.latitude, origin.longitude))
        if radius_km:
            min_lat, max_lat, min_lon, max_lon = bounding_box(origin.latitude, origin.longitude, radius_km)
            coords += [(min_lat, min_lon), (max_lat, max_lon)]
            basemap = basemaps.local_basemap(origin.latitude, origin.longitude, radius_km)
    if not coords:
        return {"width": width, "height": width * 3 // 4, "points": [], "origin": None}
    project = svgmap.projection_for_box(basemap.frame if basemap else svgmap.box_of_points(coords), width=width)
    located = [h for h in hits if h.offer.latitude is not None]
    placed = project.many([(h.offer.latitude, h.offer.longitude) for h in located])
    numbers = {id(h): n for n, h in enumerate(hits, start=1)}
    points = [{"x": x, "y": y, "number": numbers[id(h)], "hit": h} for h, (x, y) in zip(located, placed, strict=True)]
    origin_point = None
    if has_origin:
        x, y = project(origin.latitude, origin.longitude)
        origin_point = {
            "x": x,
            "y": y,
            "rect_x": round(x - 5, 1),
            "rect_y": round(y - 5, 1),
            "name": origin.name,
            "radius": round(radius_km * 1000 / geometry.UNIT_M * project.scale, 1) if radius_km else None,
        }
    return {
        "width": project.width,
        "height": project.height,
        "points": points,
        "origin": origin_point,
        "base": svgmap.base_layer(project, basemap, "carte-stages") if basemap else "",
        "names": svgmap.names_layer(project, basemap) if basemap else "",
    }
