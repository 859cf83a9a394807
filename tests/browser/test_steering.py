"""A département coordinator: steering page → the records behind a number → XLSX export → the annual
report started, its progress, the PDF downloaded; axe on every page; the page on a phone."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import sign_in
from tests.reporting.conftest import coordinator_of
from tests.reporting.conftest import world as steering_world

world = steering_world  # the territory and year with known figures, as a fixture here

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_steers_exports_and_downloads_the_annual_report(
    world, live_server, browser_page, assert_no_axe_violations
):
    page, base = browser_page, live_server.url
    coordinator = coordinator_of(world.nord)
    sign_in(page, base, coordinator.email, PASSWORD)
    page.goto(base + "/compte/")
    page.get_by_role("link", name="Pilotage : chiffres de mon territoire et bilan annuel").click()
    page.get_by_role("heading", name="Pilotage : Nord (59)").wait_for()
    assert_no_axe_violations(page)

    # A number leads to its records.
    card = page.locator(".card", has_text="Classes ayant bénéficié d'au moins une action")
    assert card.locator("a.stat").inner_text().startswith("3")
    card.locator("a.stat").click()
    page.get_by_role("heading", name="Classes atteintes").wait_for()
    assert page.locator("tbody tr").count() == 3
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Revenir au pilotage").click()

    # Every table in one spreadsheet, numbers as numbers.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tous les tableaux (XLSX)").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    figures = {row[0]: row[1] for row in workbook["Chiffres clés"].iter_rows(min_row=3, values_only=True) if row[0]}
    assert figures["Élèves ayant bénéficié d'au moins une action"] == 43

    # The annual report, prepared in the background, then downloaded.
    # The tests run tasks at once (no worker): the report is built before the next page shows.
    page.get_by_role("button", name="Préparer le bilan annuel 2026-2027").click(timeout=120_000)
    page.get_by_role("heading", name="Bilan annuel 2026-2027").wait_for()
    page.get_by_text("Prêt").first.wait_for()
    assert page.locator("progress").get_attribute("value") == "100"
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le PDF").click()
    assert Path(download.value.path()).read_bytes()[:4] == b"%PDF"


def test_the_steering_page_fits_a_phone(world, live_server, phone_page, assert_no_axe_violations):
    page, base = phone_page, live_server.url
    sign_in(page, base, coordinator_of(world.nord).email, PASSWORD)
    page.goto(base + "/pilotage/?department=59&school_year=2026-2027")
    page.get_by_role("heading", name="Pilotage : Nord (59)").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)
