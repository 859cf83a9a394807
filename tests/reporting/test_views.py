"""Steering pages: scoping (404 outside), records behind each number, exports equal to the page, query counts."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from orientation.reporting.indicators import compute
from orientation.reporting.scope import Scope, parse_period
from tests.reporting.conftest import YEAR, coordinator_of

STEERING = reverse("reporting:steering")


@pytest.fixture
def nord_coordinator(world, client):
    client.force_login(coordinator_of(world.nord))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 200),
        ({"department": "59"}, 200),
        ({"establishment": "A"}, 200),
        ({"department": "62"}, 404),
        ({"academy": "ACADEMY"}, 404),
        ({"region": "32"}, 404),
        ({"establishment": "D"}, 404),
        ({"department": "99"}, 404),
    ],
)
def test_a_department_coordinator_sees_only_their_department(world, nord_coordinator, params, status):
    params = {
        k: {"A": world.a.uai, "D": world.d.uai, "ACADEMY": world.academy.code}.get(v, v) for k, v in params.items()
    }
    assert nord_coordinator.get(STEERING, {**params, "school_year": YEAR}).status_code == status
    assert nord_coordinator.get(reverse("reporting:records", args=["classes_reached"]), params).status_code == status
    assert nord_coordinator.get(reverse("reporting:export", args=["equity", "xlsx"]), params).status_code == status


@pytest.mark.django_db
def test_wider_coordinators_and_other_roles(world, client):
    client.force_login(coordinator_of(region=world.region))
    assert client.get(STEERING, {"department": "62"}).status_code == 200
    assert client.get(STEERING, {"region": world.region.code}).status_code == 200
    client.force_login(coordinator_of(academy=world.academy))
    assert client.get(STEERING, {"department": "62"}).status_code == 200
    assert client.get(STEERING, {"region": world.region.code}).status_code == 404
    client.force_login(world.head)
    assert client.get(STEERING).status_code == 404
    assert client.get(STEERING, {"establishment": world.a.uai}).status_code == 404
    client.logout()
    assert client.get(STEERING).status_code == 302


@pytest.mark.django_db
def test_a_wrong_school_year_is_explained(world, nord_coordinator):
    response = nord_coordinator.get(STEERING, {"school_year": "2026"})
    assert response.status_code == 400
    assert "2026-2027" in response.content.decode()


def _numbers(html: str) -> str:
    return re.sub(r"\s", "", html.replace("\u202f", "").replace("\xa0", ""))


@pytest.mark.django_db
def test_the_page_shows_each_figure_and_links_it_to_its_records(world, nord_coordinator, django_assert_max_num_queries):
    with django_assert_max_num_queries(35):
        response = nord_coordinator.get(STEERING, {"department": "59", "school_year": YEAR})
    html = response.content.decode()
    assert "Pilotage : Nord (59)" in html
    records = reverse("reporting:records", args=["classes_reached"])
    assert f'href="{records}?department=59&amp;school_year={YEAR}"' in html
    listing = nord_coordinator.get(records, {"department": "59", "school_year": YEAR})
    assert listing.content.decode().count("<tr>") == 1 + 3  # header + A1, A2, B1
    rural = nord_coordinator.get(records, {"department": "59", "school_year": YEAR, "urban": "RURAL"}).content.decode()
    assert "B1" in rural
    assert "A1" not in rural


@pytest.mark.django_db
def test_steering_page_query_count_does_not_grow_with_records(world, nord_coordinator, django_assert_num_queries):
    nord_coordinator.get(STEERING, {"department": "59", "school_year": YEAR})  # warm the session
    with django_assert_num_queries(31):
        nord_coordinator.get(STEERING, {"department": "59", "school_year": YEAR})


@pytest.mark.django_db
def test_records_page_query_count(world, nord_coordinator, django_assert_num_queries):
    url = reverse("reporting:records", args=["interventions_done"])
    nord_coordinator.get(url, {"department": "59"})
    with django_assert_num_queries(7):
        response = nord_coordinator.get(url, {"department": "59", "school_year": YEAR})
    assert "Collège Rosa Parks" in response.content.decode()


@pytest.mark.django_db
def test_xlsx_numbers_equal_the_page(world, nord_coordinator):
    query = {"department": "59", "school_year": YEAR}
    page = _numbers(nord_coordinator.get(STEERING, query).content.decode())
    response = nord_coordinator.get(reverse("reporting:export", args=["tout", "xlsx"]), query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Chiffres clés"]
    rows = {
        row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row and row[0] and row[1] is not None
    }
    expected = compute(Scope("department", "59", "Nord"), parse_period(YEAR)).by_code()
    assert rows["Heures d'orientation réalisées (classes)"] == 9
    assert rows["Élèves ayant bénéficié d'au moins une action"] == 43
    for indicator in expected.values():
        cell = rows[indicator.label]
        assert isinstance(cell, int | float)
        assert cell == indicator.value
        assert f">{indicator.value}" in page or f">{str(indicator.value).replace('.', ',')}" in page
    assert len(workbook.sheetnames) >= 8


@pytest.mark.django_db
def test_csv_export_of_one_table(world, nord_coordinator):
    response = nord_coordinator.get(
        reverse("reporting:export", args=["reach_by_level", "csv"]), {"department": "59", "school_year": YEAR}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Niveau", "Classes atteintes", "Élèves atteints", "Heures réalisées"]
    assert rows[1:] == [["4e", "1", "1", "0.0"], ["3e", "2", "42", "9.0"]]
    assert (
        nord_coordinator.get(reverse("reporting:export", args=["nope", "csv"]), {"department": "59"}).status_code == 404
    )
    assert (
        nord_coordinator.get(reverse("reporting:export", args=["equity", "pdf"]), {"department": "59"}).status_code
        == 404
    )
