"""``/api/v1/territory``: figures of the region, its académies and its départements."""

from ninja import Router, Schema

from orientation.territory import selectors

router = Router(tags=["Territoire"])


class KindCount(Schema):
    kind: str
    label: str
    public: int
    private_contract: int
    private: int
    total: int


class Figures(Schema):
    code: str
    name: str
    establishments: int
    colleges_public: int
    colleges_public_rep: int
    colleges_public_rep_plus: int
    communes: int
    population: int
    pupils: int
    by_kind: list[KindCount]


class RegionFigures(Figures):
    is_demo: bool


class AcademyFigures(Figures):
    departments: list[str]


class DepartmentFigures(Figures):
    academy: str


class TerritoryStats(Schema):
    region: RegionFigures
    academies: list[AcademyFigures]
    departments: list[DepartmentFigures]


@router.get(
    "/stats",
    response={200: TerritoryStats},
    summary="Chiffres du territoire",
    description=(
        "Pour la région, chaque académie et chaque département : établissements (par type et secteur), "
        "collèges publics dont REP et REP+, élèves, communes et population municipale."
    ),
)
def territory_stats(request):
    return selectors.territory_stats()
