import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orientation.core.errors import DomainError
from orientation.territory import selectors
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, Sector
from tests.territory.factories import (
    AcademyFactory,
    CommuneFactory,
    DepartmentFactory,
    EstablishmentFactory,
    EstablishmentHeadcountFactory,
    RegionFactory,
)


@pytest.mark.django_db
def test_factories_build_a_consistent_territory():
    nord = DepartmentFactory()
    aisne = DepartmentFactory(aisne=True)
    college = EstablishmentFactory(rep_plus=True, commune=CommuneFactory(lille=True))
    other = EstablishmentFactory(commune=CommuneFactory(department=aisne))
    assert nord.academy.region == aisne.academy.region
    assert nord.academy != aisne.academy
    assert college.department_code == "59"
    assert other.department_code == "02"
    assert other.commune.insee_code.startswith("02")


@pytest.fixture
def territory(db):
    """Two académies, three départements, a handful of communes and establishments."""
    nord = DepartmentFactory()
    pas_de_calais = DepartmentFactory(pas_de_calais=True)
    aisne = DepartmentFactory(aisne=True)
    lille = CommuneFactory(lille=True)
    roubaix = CommuneFactory(roubaix=True)
    CommuneFactory(department=nord, population=None)  # unknown population counts as 0
    arras = CommuneFactory(department=pas_de_calais, name="Arras", population=41_000)
    laon = CommuneFactory(department=aisne, name="Laon", population=24_000)
    CommuneFactory(department=aisne, name="Hirson", population=9_000, rural=True)
    EstablishmentFactory(commune=lille, pupils=600)  # public collège, no network
    EstablishmentFactory(commune=roubaix, rep=True, pupils=400)
    EstablishmentFactory(commune=roubaix, rep_plus=True, pupils=300)
    EstablishmentFactory(commune=roubaix, rep_plus=True, pupils=None)
    EstablishmentFactory(commune=lille, private=True, rep=True, pupils=200)  # private: not a public collège
    EstablishmentFactory(commune=lille, kind=EstablishmentKind.SEGPA, rep=True, pupils=50)  # not kind COLLEGE
    EstablishmentFactory(commune=lille, lycee=True, pupils=1_200)
    EstablishmentFactory(commune=arras, lycee=True, sector=Sector.PRIVATE, pupils=150)
    EstablishmentFactory(commune=laon, rep=True, pupils=350)
    return {"nord": nord, "pas_de_calais": pas_de_calais, "aisne": aisne}


def _figures(obj):
    return {field: obj[field] for field in selectors.FIGURE_FIELDS}


def test_territory_stats_counts_each_department_academy_and_region(territory, django_assert_num_queries):
    with django_assert_num_queries(4):
        stats = selectors.territory_stats()

    departments = {d["code"]: d for d in stats["departments"]}
    assert [d["code"] for d in stats["departments"]] == ["02", "59", "62"]
    assert _figures(departments["59"]) == {
        "establishments": 7,
        "colleges_public": 4,
        "colleges_public_rep": 1,
        "colleges_public_rep_plus": 2,
        "communes": 3,
        "population": 236_710 + 98_089,
        "pupils": 600 + 400 + 300 + 200 + 50 + 1_200,
    }
    assert _figures(departments["62"]) == {
        "establishments": 1,
        "colleges_public": 0,
        "colleges_public_rep": 0,
        "colleges_public_rep_plus": 0,
        "communes": 1,
        "population": 41_000,
        "pupils": 150,
    }
    assert _figures(departments["02"])["colleges_public_rep"] == 1
    assert _figures(departments["02"])["communes"] == 2
    assert departments["02"]["academy"] == "20"

    academies = {a["code"]: a for a in stats["academies"]}
    assert [a["name"] for a in stats["academies"]] == ["Amiens", "Lille"]
    assert academies["09"]["departments"] == ["59", "62"]
    assert academies["09"]["establishments"] == 8
    assert academies["09"]["population"] == 236_710 + 98_089 + 41_000
    assert academies["20"]["pupils"] == 350

    region = stats["region"]
    assert region["code"] == "32"
    assert region["name"] == "Hauts-de-France"
    assert region["is_demo"] is False
    assert region["establishments"] == 9
    assert region["colleges_public"] == 5
    assert region["colleges_public_rep"] == 2
    assert region["colleges_public_rep_plus"] == 2
    assert region["communes"] == 6
    assert all(isinstance(region[f], int) for f in selectors.FIGURE_FIELDS)


def test_territory_stats_splits_establishments_by_kind_and_sector(territory):
    by_kind = {row["kind"]: row for row in selectors.territory_stats()["region"]["by_kind"]}
    assert by_kind["COLLEGE"] == {
        "kind": "COLLEGE",
        "label": "Collège",
        "public": 5,
        "private_contract": 1,
        "private": 0,
        "total": 6,
    }
    assert by_kind["LYCEE_GT"]["public"] == 1
    assert by_kind["LYCEE_GT"]["private"] == 1
    assert by_kind["SEGPA"]["total"] == 1
    assert "CFA" not in by_kind


def test_territory_stats_ignores_departments_of_another_region(territory):
    other_region = RegionFactory(code="11", name="Île-de-France")
    paris = DepartmentFactory(
        code="75", name="Paris", academy=AcademyFactory(code="01", name="Paris", region=other_region)
    )
    EstablishmentFactory(commune=CommuneFactory(department=paris))
    stats = selectors.territory_stats()
    assert [d["code"] for d in stats["departments"]] == ["02", "59", "62"]
    assert stats["region"]["establishments"] == 9


@pytest.mark.django_db
def test_territory_stats_without_any_territory_returns_zeros():
    stats = selectors.territory_stats()
    assert stats["academies"] == []
    assert stats["departments"] == []
    assert stats["region"]["establishments"] == 0
    assert stats["region"]["population"] == 0


@pytest.mark.django_db
def test_territory_stats_flags_a_demo_region():
    DepartmentFactory(academy=AcademyFactory(region=RegionFactory(is_demo=True)))
    assert selectors.territory_stats()["region"]["is_demo"] is True


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_territory(django_assert_num_queries):
    for code, trait in [("59", {}), ("02", {"aisne": True}), ("80", {"somme": True})]:
        department = DepartmentFactory(**trait)
        assert department.code == code
        for _ in range(3):
            EstablishmentFactory(commune=CommuneFactory(department=department))
    with django_assert_num_queries(4):
        selectors.territory_stats()


# --- filters -------------------------------------------------------------------------------


def test_parse_filters_treats_empty_values_as_all(territory):
    assert selectors.parse_establishment_filters(department="", kind="", sector=" ", priority_network="") == (
        selectors.EstablishmentFilters()
    )


def test_parse_filters_pads_a_one_digit_department(territory):
    assert selectors.parse_establishment_filters(department="2").department == "02"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"department": "99"}, "Département inconnu"),
        ({"kind": "UNIVERSITY"}, "Type d'établissement inconnu"),
        ({"sector": "public"}, "Secteur inconnu"),
        ({"priority_network": "REP+"}, "Réseau d'éducation prioritaire inconnu"),
        ({"commune": "x" * 151}, "trop long"),
    ],
)
def test_parse_filters_rejects_unknown_values_in_french(territory, params, message):
    with pytest.raises(DomainError, match=message):
        selectors.parse_establishment_filters(**params)


def test_establishment_list_applies_every_filter(territory):
    def names(**kwargs):
        return [e.commune.name for e in selectors.establishment_list(selectors.EstablishmentFilters(**kwargs))]

    assert len(names()) == 9
    assert set(names(department="02")) == {"Laon"}
    assert len(names(department="59", kind="COLLEGE", sector="PUBLIC")) == 4
    assert len(names(priority_network=PriorityNetwork.REP_PLUS)) == 2
    assert len(names(sector=Sector.PRIVATE)) == 1
    assert set(names(commune="roub")) == {"Roubaix"}


def test_establishment_list_loads_commune_and_department_in_one_query(territory, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = [(e.commune.name, e.commune.department.code) for e in selectors.establishment_list()]
    assert len(rows) == 9


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5"])
def test_parse_page_number_rejects_what_is_not_a_positive_integer(value):
    with pytest.raises(DomainError, match="page"):
        selectors.parse_page_number(value)


def test_parse_page_number_and_size_defaults():
    assert selectors.parse_page_number(None) == 1
    assert selectors.parse_page_number("") == 1
    assert selectors.parse_page_number("3") == 3
    assert selectors.parse_page_size("") == selectors.DEFAULT_PAGE_SIZE
    assert selectors.parse_page_size("100") == 100
    with pytest.raises(DomainError):
        selectors.parse_page_size("101")
    with pytest.raises(DomainError):
        selectors.parse_page_size("0")


def test_paginate_refuses_a_page_past_the_end(territory):
    page = selectors.paginate(selectors.establishment_list(), page=2, page_size=5)
    assert len(page.object_list) == 4
    with pytest.raises(DomainError, match="n'existe pas") as caught:
        selectors.paginate(selectors.establishment_list(), page=3, page_size=5)
    assert caught.value.code == "not_found"


# --- one establishment -------------------------------------------------------------------


@pytest.mark.django_db
def test_establishment_detail_keeps_only_the_latest_school_year():
    college = EstablishmentFactory(rep_plus=True)
    EstablishmentHeadcountFactory(establishment=college, school_year=2023, level="6e", position=1)
    EstablishmentHeadcountFactory(establishment=college, school_year=2024, level="5e", position=2, girls=10, boys=12)
    EstablishmentHeadcountFactory(establishment=college, school_year=2024, level="6e", position=1, girls=None)
    with CaptureQueriesContext(connection) as queries:
        found = selectors.establishment_detail(college.uai.lower())
    assert len(queries) == 2
    assert found.headcount_school_year == 2024
    assert [(r.level, r.girls, r.boys) for r in found.latest_headcounts] == [("6e", None, 65), ("5e", 10, 12)]


@pytest.mark.django_db
def test_establishment_detail_of_an_unknown_uai_raises():
    from orientation.territory.models import Establishment

    with pytest.raises(Establishment.DoesNotExist):
        selectors.establishment_detail("0599999Z")


def test_neighbour_coordinates_are_the_other_establishments_of_the_department(territory):
    laon_college = selectors.establishment_list(selectors.EstablishmentFilters(department="02")).get()
    assert selectors.neighbour_coordinates(laon_college) == []
    lille_lycee = selectors.establishment_list(selectors.EstablishmentFilters(kind="LYCEE_GT", department="59")).get()
    assert len(selectors.neighbour_coordinates(lille_lycee)) == 6


def test_basin_list_counts_communes_and_population(territory):
    from tests.territory.factories import BasinFactory

    basin = BasinFactory(name="Lille", department=territory["nord"])
    CommuneFactory(department=territory["nord"], basin=basin, population=1_000)
    CommuneFactory(department=territory["nord"], basin=basin, population=2_000)
    BasinFactory(name="Laon", department=territory["aisne"])
    rows = {b.name: b for b in selectors.basin_list()}
    assert rows["Lille"].commune_count == 2
    assert rows["Lille"].population == 3_000
    assert rows["Laon"].commune_count == 0
    assert [b.name for b in selectors.basin_list(department="02")] == ["Laon"]
    assert [b.name for b in selectors.basin_list(academy="09")] == ["Lille"]
