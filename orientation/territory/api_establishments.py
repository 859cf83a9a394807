"""``/api/v1/establishments``: the establishments directory (public open data)."""

from ninja import Field, Query, Router, Schema, Status

from orientation.core.api_contract import documented, documented_str, one_of
from orientation.core.errors import DomainError
from orientation.territory import selectors
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, Sector
from orientation.territory.models import Establishment

router = Router(tags=["Établissements"])


class Error(Schema):
    detail: str


class EstablishmentOut(Schema):
    uai: str
    name: str
    kind: str
    kind_label: str = Field(..., alias="get_kind_display")
    sector: str
    priority_network: str
    commune: str = Field(..., alias="commune.name")
    commune_insee_code: str = Field(..., alias="commune.insee_code")
    department: str = Field(..., alias="commune.department.code")
    latitude: float | None
    longitude: float | None
    pupils: int | None


class HeadcountOut(Schema):
    level: str
    girls: int | None
    boys: int | None
    total: int


class EstablishmentDetailOut(EstablishmentOut):
    ministry: str
    address: str
    postal_code: str
    academy: str = Field(..., alias="commune.department.academy.code")
    basin: str | None = Field(None, alias="commune.basin.code")
    pupils_school_year: int | None
    ips: float | None
    ips_school_year: int | None
    headcount_school_year: int | None
    headcounts: list[HeadcountOut] = Field(..., alias="latest_headcounts")


class EstablishmentPage(Schema):
    count: int
    page: int
    pages: int
    results: list[EstablishmentOut]


def _values(enum) -> str:
    return ", ".join(enum.values)


class EstablishmentQuery(Schema):
    # Plain strings so that an empty value means "all" and a wrong one gets a French 400 message.
    department: str | None = Field(
        None,
        description="Code du département (ex. 59, 02).",
        examples=["59"],
        json_schema_extra=documented(pattern=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])?$"),
    )
    kind: str | None = Field(
        None,
        description=f"Type : {_values(EstablishmentKind)}.",
        json_schema_extra=documented(**one_of(EstablishmentKind.values)),
    )
    sector: str | None = Field(
        None, description=f"Secteur : {_values(Sector)}.", json_schema_extra=documented(**one_of(Sector.values))
    )
    priority_network: str | None = Field(
        None,
        description=f"Éducation prioritaire : {_values(PriorityNetwork)}.",
        json_schema_extra=documented(**one_of(PriorityNetwork.values)),
    )
    commune: str | None = Field(
        None, description="Tout ou partie du nom de la commune.", json_schema_extra=documented(maxLength=150)
    )
    page: str | None = Field(
        None,
        description="Numéro de page, à partir de 1.",
        examples=["1"],
        json_schema_extra=documented(pattern=r"^([1-9][0-9]{0,8})?$"),
    )
    page_size: str | None = Field(
        None,
        description=f"Résultats par page, de 1 à {selectors.MAX_PAGE_SIZE} (défaut {selectors.DEFAULT_PAGE_SIZE}).",
        json_schema_extra=documented(pattern=r"^([1-9][0-9]?|100)?$"),
    )


@router.get(
    "/establishments",
    response={200: EstablishmentPage, 400: Error, 404: Error, 422: Error},
    summary="Liste des établissements",
    description="Paginée (`count`, `page`, `pages`, `results`). Un paramètre invalide renvoie 400 avec un message.",
)
def establishment_list(request, query: Query[EstablishmentQuery]):
    filters = selectors.parse_establishment_filters(
        department=query.department,
        kind=query.kind,
        sector=query.sector,
        priority_network=query.priority_network,
        commune=query.commune,
    )
    number = selectors.parse_page_number(query.page)
    size = selectors.parse_page_size(query.page_size)
    try:
        page = selectors.paginate(selectors.establishment_list(filters), page=number, page_size=size)
    except DomainError as exc:
        return Status(404, {"detail": exc.message})
    return Status(
        200,
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": list(page.object_list),
        },
    )


@router.get(
    "/establishments/{uai}",
    response={200: EstablishmentDetailOut, 404: Error},
    summary="Un établissement",
    description="Identité, place dans le territoire, élèves par niveau et sexe (dernière rentrée connue) et IPS.",
)
def establishment_detail(request, uai: documented_str(pattern=r"^[0-9]{7}[A-Z]$")):
    try:
        return Status(200, selectors.establishment_detail(uai))
    except Establishment.DoesNotExist:
        return Status(404, {"detail": f"Aucun établissement avec l'UAI « {uai} »."})
