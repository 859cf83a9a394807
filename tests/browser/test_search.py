"""The search page in real Chromium: htmx in place with a shareable URL, without JavaScript, on a phone, axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import focus_is_visible, tab_until
from tests.search.conftest import _fresh_caches, communes, small_index  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("small_index")]


def test_search_updates_in_place_with_a_shareable_url(live_server, browser_page, assert_no_axe_violations):
    page = browser_page
    page.goto(live_server.url + "/recherche/")
    assert_no_axe_violations(page)
    page.evaluate("window.__notReloaded = true")

    box = tab_until(page, lambda el: el.get_attribute("name") == "q")
    assert focus_is_visible(page)
    box.fill("boulangère")
    box.press("Enter")
    expect(page.locator("#search-status")).to_contain_text("résultat")
    assert "Boulanger / Boulangère" in page.inner_text("#search-results")
    assert page.evaluate("window.__notReloaded") is True  # htmx swapped the results, no page load
    assert "q=boulang%C3%A8re" in page.url
    assert_no_axe_violations(page)

    # A facet narrows the results in place and the URL follows.
    page.get_by_label("Formation", exact=False).first.check()
    page.wait_for_url("**type=training**")
    expect(page.locator("#search-results")).not_to_contain_text("Boulanger / Boulangère")
    assert "CAP Boulanger" in page.inner_text("#search-results")

    # The URL is shareable: opened afresh, it shows the same results.
    shared = page.url
    page.goto(shared)
    assert "CAP Boulanger" in page.inner_text("#search-results")
    assert page.get_by_label("Formation", exact=False).first.is_checked()


def test_search_works_without_javascript(live_server, chromium_browser):
    context = chromium_browser.new_context(locale="fr-FR", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/recherche/")
        page.fill("input[name=q]", "bac pro près d'Arras")
        page.click("button:has-text('Rechercher')")
        assert "km de Arras" in page.inner_text("#search-results")
        page.check("input[name=type][value=offer]")
        page.click("button:has-text('Filtrer')")
        assert "type=offer" in page.url
        assert "Lycée" in page.inner_text("#search-results") or "km de Arras" in page.inner_text("#search-results")
    finally:
        context.close()


def test_search_on_a_phone_is_light_and_fits(live_server, phone_page, assert_no_axe_violations):
    page = phone_page
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())) if response.ok else None)
    page.goto(live_server.url + "/recherche/?q=infirmi%C3%A8re")
    page.wait_for_load_state("networkidle")
    assert "Infirmier / Infirmière" in page.inner_text("#search-results")
    assert sum(sizes) < 150_000, f"{sum(sizes)} octets transférés"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)


def test_no_result_page_is_accessible(live_server, browser_page, assert_no_axe_violations):
    page = browser_page
    page.goto(live_server.url + "/recherche/?q=xylophone")
    assert "Aucun résultat pour « xylophone »" in page.inner_text("main")
    assert_no_axe_violations(page)


def test_a_mistake_is_shown_next_to_its_field_with_javascript_too(live_server, browser_page, assert_no_axe_violations):
    page = browser_page
    page.goto(live_server.url + "/recherche/?q=boulanger")
    page.click("summary:has-text('Près de chez moi')")
    page.fill("input[name=commune]", "Nullepart")
    page.press("input[name=q]", "Enter")
    expect(page.locator(".error-summary")).to_contain_text("Commune introuvable : « Nullepart »")
    assert page.input_value("input[name=commune]") == "Nullepart"
    assert_no_axe_violations(page)
