"""Browser-test fixtures: Playwright (sync API) driving Debian's Chromium, plus axe-core checks.

Usage in ``tests/browser/test_<app>.py``::

    pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

    def test_home(live_server, browser_page, assert_no_axe_violations):
        browser_page.goto(live_server.url + "/")
        assert_no_axe_violations(browser_page)

``browser_page`` is a fresh context per test (French locale, desktop size); ``phone_page`` is the
same on a phone-sized touch screen. Both already request ``live_server`` and a transactional
database, because the server thread must see the rows the test creates.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse DB access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("ORIENTATION_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these three, Chromium tries to reach the network at start-up and is refused.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DEFAULT_TIMEOUT_MS = 15_000


def _chromium_available() -> bool:
    return Path(CHROMIUM_PATH).exists() or shutil.which(CHROMIUM_PATH) is not None


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator:
    """One Chromium for the whole session (starting one costs about a second)."""
    if not _chromium_available():
        message = f"Chromium introuvable ({CHROMIUM_PATH}) : apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS, headless=True)
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


def _new_page(browser, device: dict):
    context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris", **device)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def browser_page(chromium_browser, live_server, transactional_db) -> Iterator:
    """A desktop-sized page in a fresh browser context (no cookies shared between tests)."""
    context, page = _new_page(chromium_browser, DESKTOP)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def phone_page(chromium_browser, live_server, transactional_db) -> Iterator:
    """A phone-sized touch page in a fresh browser context."""
    context, page = _new_page(chromium_browser, PHONE)
    try:
        yield page
    finally:
        context.close()


def assert_no_axe_violations(page, *, context=None, options=None) -> None:
    """Run axe-core on the current page; fail listing every violation (rule, impact, elements)."""
    from axe_playwright_python.sync_playwright import Axe

    run_options = {"resultTypes": ["violations"], **(options or {})}
    results = Axe().run(page, context=context, options=run_options)
    violations = results.response["violations"]
    if not violations:
        return
    lines = [f"{len(violations)} violation(s) axe sur {page.url} :"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}) : {violation['help']} — {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {', '.join(str(t) for t in node['target'])} : {node.get('failureSummary', '')}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … et {len(violation['nodes']) - 5} autre(s) élément(s)")
    pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture(name="assert_no_axe_violations")
def _assert_no_axe_violations_fixture():
    """The same check as a fixture, for tests that prefer not to import from conftest."""
    return assert_no_axe_violations


def fill_sign_in(page, email: str, password: str) -> None:
    """Fill and send the sign-in form shown on the current page."""
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def sign_in(page, base: str, email: str, password: str) -> None:
    """Sign in afresh from the sign-in page (the previous person's cookies cleared)."""
    page.context.clear_cookies()
    page.goto(base + "/compte/connexion/")
    fill_sign_in(page, email, password)
    page.wait_for_load_state()


def tab_until(page, predicate, *, max_presses: int = 60):
    """Press Tab until ``predicate(focused_element_handle)`` is true; return that element or fail."""
    for _ in range(max_presses):
        page.keyboard.press("Tab")
        handle = page.evaluate_handle("document.activeElement")
        element = handle.as_element()
        if element is not None and predicate(element):
            return element
    pytest.fail(f"Élément attendu jamais atteint au clavier après {max_presses} appuis sur Tab ({page.url}).")


def focus_is_visible(page) -> bool:
    """True when the focused element draws a visible outline or box-shadow (the focus ring)."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            const s = getComputedStyle(el);
            const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
            return outline || (s.boxShadow && s.boxShadow !== 'none');
        }"""
    )


MAX_PAGE_BYTES = 150_000
"""What a page may weigh, everything it loads counted (images excluded): light enough for a phone."""


def visit_and_weigh(page, url: str) -> int:
    """Load ``url``; return the bytes of every response the page needed (images excluded)."""
    sizes: list[int] = []

    def on_response(response):
        if response.request.resource_type == "image":
            return
        try:
            sizes.append(len(response.body()))
        except Exception:
            sizes.append(0)

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", on_response)
    return sum(sizes)
