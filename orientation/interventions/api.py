"""``/api/v1/interventions``: the catalogue (public), the viewer's requests and their status, an
ambassador's proposals. The same selectors as the HTML pages: out of scope is 404."""

from datetime import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from orientation.core.api_contract import session_auth
from orientation.interventions import selectors
from orientation.interventions.enums import BookingStatus

router = Router(tags=["Interventions"])
PAGE_SIZE = 50


class FormatOut(Schema):
    code: str
    name: str
    kind: str
    description: str
    duration_minutes: int
    target_levels: list[str]
    axis: str
    objective: str
    label: str


class StepOut(Schema):
    to_status: str
    at: datetime
    reason: str


class BookingOut(Schema):
    id: int
    status: str
    status_label: str = Field(..., alias="get_status_display")
    format_code: str = Field(..., alias="request.format.code")
    establishment_uai: str = Field(..., alias="request.establishment.uai")
    school_class: str = Field(..., alias="request.school_class.name")
    level: str = Field(..., alias="request.school_class.level")
    wish_kind: str = Field(..., alias="request.wish_kind")
    rome_codes: list[str] = Field(..., alias="request.rome_codes")
    starts_at: datetime | None
    ends_at: datetime | None
    ambassador: str | None = None

    @staticmethod
    def resolve_ambassador(obj) -> str | None:
        return str(obj.ambassador.user) if obj.ambassador_id else None


class BookingDetailOut(BookingOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj) -> list[dict]:
        return [{"to_status": s.to_status, "at": s.created_at, "reason": s.note} for s in obj.status_log.all()]


class BookingPage(Schema):
    count: int
    page: int
    pages: int
    results: list[BookingOut]


class Filters(Schema):
    status: BookingStatus | None = None
    page: int = Field(1, ge=1)


@router.get("/interventions/formats", response=list[FormatOut], auth=None, summary="Catalogue des interventions")
def formats(request):
    return list(selectors.catalogue())


def _page(qs, page: int) -> dict:
    paginator = Paginator(qs, PAGE_SIZE)
    current = paginator.get_page(page)
    return {"count": paginator.count, "page": current.number, "pages": paginator.num_pages, "results": list(current)}


@router.get(
    "/interventions/requests", response=BookingPage, auth=session_auth, summary="Demandes visibles et leur état"
)
def requests(request, filters: Query[Filters]):
    qs = selectors.bookings_visible_to(request.user).order_by("-created_at")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return _page(qs, filters.page)


@router.get("/interventions/requests/{booking_id}", response=BookingDetailOut, auth=session_auth)
def request_detail(request, booking_id: int):
    return get_object_or_404(selectors.bookings_visible_to(request.user).prefetch_related("status_log"), pk=booking_id)


@router.get(
    "/interventions/my-proposals",
    response=list[BookingOut],
    auth=session_auth,
    summary="Interventions proposées à l'ambassadeur connecté",
)
def my_proposals(request):
    return list(
        selectors.bookings_visible_to(request.user)
        .filter(ambassador__user=request.user)
        .exclude(status=BookingStatus.CANCELLED)
        .order_by("starts_at")
    )
