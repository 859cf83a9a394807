"""Reads of the territory: figures per région / académie / département, establishment lists and pages.

Territory data is public (open data), so these reads are not scoped to a viewer.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, QuerySet, Sum

from orientation.core.errors import DomainError
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, Sector
from orientation.territory.models import (
    Basin,
    Commune,
    Department,
    Establishment,
    EstablishmentHeadcount,
    Region,
)

FIGURE_FIELDS = (
    "establishments",
    "colleges_public",
    "colleges_public_rep",
    "colleges_public_rep_plus",
    "communes",
    "population",
    "pupils",
)
SECTOR_KEYS = {Sector.PUBLIC: "public", Sector.PRIVATE_CONTRACT: "private_contract", Sector.PRIVATE: "private"}
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


def current_region() -> Region | None:
    """The region this platform serves (settings), or the only one loaded."""
    region = Region.objects.filter(code=settings.ORIENTATION_REGION_CODE).first()
    return region or Region.objects.order_by("code").first()


def french_of(name: str) -> str:
    """« de Lille », « d'Amiens »: the preposition elides before a vowel or a mute h."""
    return f"d'{name}" if name[:1].lower() in "aeiouyhéèêâîôû" else f"de {name}"


def _empty_figures() -> dict:
    figures = dict.fromkeys(FIGURE_FIELDS, 0)
    figures["by_kind"] = {}
    return figures


def _add_establishment_row(figures: dict, row: dict) -> None:
    count, pupils = row["count"], row["pupils"] or 0
    figures["establishments"] += count
    figures["pupils"] += pupils
    if row["kind"] == EstablishmentKind.COLLEGE and row["sector"] == Sector.PUBLIC:
        figures["colleges_public"] += count
        if row["priority_network"] == PriorityNetwork.REP:
            figures["colleges_public_rep"] += count
        elif row["priority_network"] == PriorityNetwork.REP_PLUS:
            figures["colleges_public_rep_plus"] += count
    by_sector = figures["by_kind"].setdefault(row["kind"], dict.fromkeys([*SECTOR_KEYS.values(), "total"], 0))
    by_sector[SECTOR_KEYS.get(row["sector"], "private")] += count
    by_sector["total"] += count


def _finish(figures: dict) -> dict:
    """Turn the by-kind accumulator into an ordered list (enum order) with French labels."""
    by_kind = figures.pop("by_kind")
    figures["by_kind"] = [
        {"kind": kind.value, "label": kind.label, **by_kind[kind.value]}
        for kind in EstablishmentKind
        if kind.value in by_kind
    ]
    return figures


def _merge(target: dict, source: dict) -> None:
    for field in FIGURE_FIELDS:
        target[field] += source[field]
    for kind, counts in source["by_kind"].items():
        into = target["by_kind"].setdefault(kind, dict.fromkeys(counts, 0))
        for key, value in counts.items():
            into[key] += value


def territory_stats() -> dict:
    """Figures of the region, its académies and its départements, in four queries.

    Every object carries the integer fields of ``FIGURE_FIELDS`` plus ``code``, ``name`` and
    ``by_kind`` (establishments per kind, split by sector). Départements also carry their académie's code.
    """
    region = current_region()
    departments = list(
        Department.objects.filter(academy__region=region).select_related("academy").order_by("code") if region else []
    )
    dept_ids = [d.pk for d in departments]
    per_department = {d.pk: _empty_figures() for d in departments}

    establishment_rows = (
        Establishment.objects.filter(commune__department_id__in=dept_ids)
        .values("commune__department_id", "kind", "sector", "priority_network")
        .annotate(count=Count("id"), pupils=Sum("pupils"))
        .order_by()
    )
    for row in establishment_rows:
        _add_establishment_row(per_department[row["commune__department_id"]], row)

    commune_rows = (
        Commune.objects.filter(department_id__in=dept_ids)
        .values("department_id")
        .annotate(count=Count("id"), population=Sum("population"))
        .order_by()
    )
    for row in commune_rows:
        per_department[row["department_id"]]["communes"] = row["count"]
        per_department[row["department_id"]]["population"] = row["population"] or 0

    region_figures = _empty_figures()
    academies: dict[int, dict] = {}
    department_stats = []
    for department in departments:
        figures = per_department[department.pk]
        academy = department.academy
        academy_figures = academies.setdefault(
            academy.pk,
            {
                "code": academy.code,
                "name": academy.name,
                "of_name": french_of(academy.name),
                "departments": [],
                **_empty_figures(),
            },
        )
        academy_figures["departments"].append(department.code)
        _merge(academy_figures, figures)
        _merge(region_figures, figures)
        department_stats.append(
            {"code": department.code, "name": department.name, "academy": academy.code, **_finish(figures)}
        )

    return {
        "region": {
            "code": region.code if region else settings.ORIENTATION_REGION_CODE,
            "name": region.name if region else "",
            "is_demo": bool(region and region.is_demo),
            **_finish(region_figures),
        },
        "academies": sorted((_finish(a) for a in academies.values()), key=lambda a: a["name"]),
        "departments": department_stats,
    }


def academy_stats(code: str) -> tuple[dict, dict] | None:
    """(académie figures, whole stats) for one académie code, or None when unknown."""
    stats = territory_stats()
    for academy in stats["academies"]:
        if academy["code"] == code:
            return academy, stats
    return None


def department_stats(code: str) -> tuple[dict, dict] | None:
    stats = territory_stats()
    for department in stats["departments"]:
        if department["code"] == code:
            return department, stats
    return None


# --- Establishments -------------------------------------------------------------------------


@dataclass(frozen=True)
class EstablishmentFilters:
    department: str | None = None
    kind: str | None = None
    sector: str | None = None
    priority_network: str | None = None
    commune: str | None = None

    def as_query_items(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.__dict__.items() if v]


def _choice(value: str | None, enum, field: str, label: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value not in enum.values:
        allowed = ", ".join(enum.values)
        raise DomainError(f"{label} inconnu : « {value} ». Valeurs possibles : {allowed}.", field=field)
    return value


def parse_establishment_filters(
    *,
    department: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    priority_network: str | None = None,
    commune: str | None = None,
) -> EstablishmentFilters:
    """Validate raw filter values (empty means "all"); raise DomainError with a French message."""
    department = (department or "").strip().upper() or None
    if department:
        if len(department) == 1 and department.isdigit():
            department = f"0{department}"
        if not Department.objects.filter(code=department).exists():
            raise DomainError(f"Département inconnu : « {department} ».", field="department")
    commune = (commune or "").strip() or None
    if commune and len(commune) > 150:
        raise DomainError("Le nom de commune est trop long (150 caractères au plus).", field="commune")
    return EstablishmentFilters(
        department=department,
        kind=_choice(kind, EstablishmentKind, "kind", "Type d'établissement"),
        sector=_choice(sector, Sector, "sector", "Secteur"),
        priority_network=_choice(
            priority_network, PriorityNetwork, "priority_network", "Réseau d'éducation prioritaire"
        ),
        commune=commune,
    )


def establishment_list(filters: EstablishmentFilters | None = None) -> QuerySet[Establishment]:
    """Establishments matching the filters, with their commune and département (one query)."""
    filters = filters or EstablishmentFilters()
    qs = Establishment.objects.select_related("commune__department")
    if filters.department:
        qs = qs.filter(commune__department__code=filters.department)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.sector:
        qs = qs.filter(sector=filters.sector)
    if filters.priority_network:
        qs = qs.filter(priority_network=filters.priority_network)
    if filters.commune:
        qs = qs.filter(commune__name__icontains=filters.commune)
    return qs.order_by("name", "uai")


def parse_page_number(value: str | int | None) -> int:
    if value in (None, ""):
        return 1
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(
            f"Numéro de page invalide : « {value} ». Donnez un nombre entier à partir de 1.", field="page"
        ) from None
    if number < 1:
        raise DomainError("Le numéro de page commence à 1.", field="page")
    return number


def parse_page_size(value: str | int | None) -> int:
    if value in (None, ""):
        return DEFAULT_PAGE_SIZE
    try:
        size = int(value)
    except (TypeError, ValueError):
        raise DomainError(f"Taille de page invalide : « {value} ».", field="page_size") from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise DomainError(f"La taille de page va de 1 à {MAX_PAGE_SIZE}.", field="page_size")
    return size


def paginate(qs: QuerySet, *, page: int, page_size: int = DEFAULT_PAGE_SIZE) -> Page:
    """A page of ``qs``; raise DomainError (code ``not_found``) past the last page."""
    paginator = Paginator(qs, page_size)
    try:
        return paginator.page(page)
    except (EmptyPage, PageNotAnInteger):
        raise DomainError(
            f"La page {page} n'existe pas ({paginator.num_pages} page(s) au total).", code="not_found", field="page"
        ) from None


def establishment_detail(uai: str) -> Establishment:
    """One establishment with its place in the territory and its latest pupils by level.

    Raises Establishment.DoesNotExist for an unknown UAI. ``latest_headcounts`` holds the rows of
    the most recent school year (sorted by display order).
    """
    establishment = (
        Establishment.objects.select_related(
            "commune__department__academy", "commune__basin", "commune__employment_zone"
        )
        .prefetch_related(
            Prefetch(
                "headcounts", queryset=EstablishmentHeadcount.objects.order_by("-school_year", "position", "level")
            )
        )
        .get(uai=(uai or "").strip().upper())
    )
    rows = list(establishment.headcounts.all())
    latest = rows[0].school_year if rows else None
    establishment.latest_headcounts = [r for r in rows if r.school_year == latest]
    establishment.headcount_school_year = latest
    return establishment


def map_points(filters: EstablishmentFilters | None = None) -> QuerySet:
    """Only what a map needs (no model instances): one light query."""
    return (
        establishment_list(filters)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .values("uai", "name", "kind", "sector", "priority_network", "latitude", "longitude", "commune__name")
    )


def neighbour_coordinates(establishment: Establishment, limit: int = 600) -> list[tuple[float, float]]:
    """Coordinates of the establishments of the same département (context dots of a mini-map)."""
    return list(
        Establishment.objects.filter(commune__department_id=establishment.commune.department_id)
        .exclude(pk=establishment.pk)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .values_list("latitude", "longitude")[:limit]
    )


def basin_list(*, department: str | None = None, academy: str | None = None) -> QuerySet[Basin]:
    """Basins (filtered by the code of their main département or académie) with communes and population."""
    qs = Basin.objects.select_related("department").annotate(
        commune_count=Count("communes"), population=Sum("communes__population")
    )
    if department:
        qs = qs.filter(department__code=department)
    if academy:
        qs = qs.filter(department__academy__code=academy)
    return qs.order_by("name")
