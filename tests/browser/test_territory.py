import pytest

from tests.browser.conftest import focus_is_visible, tab_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_has_no_axe_violation_and_skip_link_works_by_keyboard(live_server, browser_page, assert_no_axe_violations):
    page = browser_page
    page.goto(live_server.url + "/")
    assert_no_axe_violations(page)
    skip = tab_until(page, lambda el: el.get_attribute("class") == "skip-link")
    assert focus_is_visible(page)
    skip.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
