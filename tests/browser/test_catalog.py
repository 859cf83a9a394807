"""Catalogue pages in real Chromium: no axe violation, light enough for a phone (< 150 KB, images excluded)."""

import pytest

from orientation.catalog.models import Training
from tests.browser.conftest import MAX_PAGE_BYTES, focus_is_visible, tab_until, visit_and_weigh
from tests.catalog.conftest import run_catalog_import
from tests.catalog.conftest import sample_territory as sample_territory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(sample_territory):
    run_catalog_import()
    return sample_territory


def test_job_page(live_server, browser_page, assert_no_axe_violations, catalogue):
    page = browser_page
    weight = visit_and_weigh(page, live_server.url + "/catalogue/metiers/D1102/?commune=Arras")
    assert page.locator("h1").inner_text() == "Boulanger / Boulangère"
    assert weight < MAX_PAGE_BYTES
    assert_no_axe_violations(page)
    page.get_by_text("Par bassin d'emploi").first.click()  # the basin table opens without JavaScript
    assert page.get_by_role(
        "table", name="Projets de recrutement par bassin d'emploi — Boulangers, pâtissiers"
    ).is_visible()


def test_training_page_with_map(live_server, browser_page, assert_no_axe_violations, catalogue):
    page = browser_page
    training = Training.objects.get(code="FOR.5821")
    weight = visit_and_weigh(page, f"{live_server.url}/catalogue/formations/{training.pk}/?commune=62041")
    assert page.locator("svg[role=img]").count() == 1
    assert weight < MAX_PAGE_BYTES
    assert_no_axe_violations(page)


def test_recruiting_page_by_keyboard(live_server, phone_page, assert_no_axe_violations, catalogue):
    page = phone_page
    weight = visit_and_weigh(page, live_server.url + "/catalogue/metiers-qui-recrutent/")
    assert weight < MAX_PAGE_BYTES
    assert_no_axe_violations(page)
    select = tab_until(page, lambda el: el.get_attribute("name") == "departement")
    assert focus_is_visible(page)
    select.select_option("80")
    with page.expect_navigation():
        tab_until(page, lambda el: el.get_attribute("type") == "submit").press("Enter")
    assert "departement=80" in page.url
    assert page.get_by_text("Conducteurs d'engins agricoles ou forestiers").first.is_visible()
    assert_no_axe_violations(page)
