"""The public territory pages in real Chromium: no axe violation, usable with the keyboard alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from orientation.territory.importers import STEPS
from orientation.territory.models import Establishment
from tests.browser.conftest import MAX_PAGE_BYTES, focus_is_visible, tab_until, visit_and_weigh
from tests.territory.factories import (
    BasinFactory,
    CommuneFactory,
    DepartmentFactory,
    EstablishmentFactory,
    EstablishmentHeadcountFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def territory(transactional_db):
    nord = DepartmentFactory()
    DepartmentFactory(pas_de_calais=True)
    somme = DepartmentFactory(somme=True)
    roubaix = CommuneFactory(roubaix=True)
    lille = CommuneFactory(lille=True)
    amiens = CommuneFactory(department=somme, insee_code="80021", name="Amiens", latitude=49.894, longitude=2.296)
    BasinFactory(name="Roubaix-Tourcoing", department=nord)
    college = EstablishmentFactory(name="Collège Albert Roussel", commune=roubaix, rep_plus=True, ips="73.2")
    for position, level in enumerate(["6e", "5e", "4e", "3e"]):
        EstablishmentHeadcountFactory(establishment=college, level=level, position=position)
    EstablishmentFactory(name="Collège Jean Macé", commune=lille, rep=True)
    EstablishmentFactory(name="Lycée Faidherbe", commune=lille, lycee=True)
    EstablishmentFactory(name="Collège Édouard Lucas", commune=amiens)
    return {"college": college}


def _follow_by_keyboard(page, predicate, *, expected_path: str) -> None:
    """Tab to a link, check its focus ring, press Enter and land on ``expected_path``."""
    link = tab_until(page, predicate)
    assert focus_is_visible(page), "le focus clavier doit être visible"
    with page.expect_navigation():
        link.press("Enter")
    assert page.url.split("?")[0].endswith(expected_path) or expected_path in page.url


def test_home_skip_link_then_territory_link_by_keyboard(live_server, browser_page, assert_no_axe_violations, territory):
    page = browser_page
    page.goto(live_server.url + "/")
    assert_no_axe_violations(page)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("document.activeElement.textContent.trim()") == "Aller au contenu"
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"

    # From the main content, the search box comes first, then the territory card.
    search = tab_until(page, lambda el: el.get_attribute("name") == "q")
    assert focus_is_visible(page)
    assert search.get_attribute("type") == "search"
    _follow_by_keyboard(
        page,
        lambda el: (
            el.get_attribute("href") == "/territoire/"
            and "card" in (el.evaluate("e => e.closest('li')?.className") or "")
        ),
        expected_path="/territoire/",
    )
    assert page.locator("h1").inner_text() == "Le territoire : Hauts-de-France"


def test_overview_and_department_pages(live_server, browser_page, assert_no_axe_violations, territory):
    page = browser_page
    page.goto(live_server.url + "/territoire/")
    assert_no_axe_violations(page)
    assert page.locator("svg#carte[role=img]").count() == 1
    assert page.locator("svg#carte title").count() == 1 + 3  # the map's own title, then one per collège

    _follow_by_keyboard(page, lambda el: el.inner_text() == "Nord (59)", expected_path="/territoire/departements/59/")
    assert page.locator("h1").inner_text() == "Nord (59)"
    assert_no_axe_violations(page)

    _follow_by_keyboard(
        page,
        lambda el: el.inner_text() == "Voir ces établissements sous forme de tableau",
        expected_path="/territoire/etablissements/",
    )
    assert "department=59" in page.url


def test_establishment_list_filter_and_establishment_page_by_keyboard(
    live_server, browser_page, assert_no_axe_violations, territory
):
    page = browser_page
    page.goto(live_server.url + "/territoire/etablissements/")
    assert_no_axe_violations(page)

    commune = tab_until(page, lambda el: el.get_attribute("name") == "commune")
    assert focus_is_visible(page)
    page.keyboard.type("Roubaix")
    with page.expect_navigation():
        commune.press("Enter")
    assert "commune=Roubaix" in page.url
    assert page.get_by_role("status").inner_text() == "1 établissement correspondant à vos critères."
    assert page.locator("#id_commune").input_value() == "Roubaix"
    assert_no_axe_violations(page)

    _follow_by_keyboard(
        page,
        lambda el: el.inner_text() == "Collège Albert Roussel",
        expected_path=f"/territoire/etablissements/{territory['college'].uai}/",
    )
    assert page.locator("h1").inner_text() == "Collège Albert Roussel"
    assert page.locator("svg#mini-carte[role=img]").count() == 1
    assert page.get_by_role("table").locator("caption").inner_text().startswith("Élèves par niveau et par sexe")
    assert_no_axe_violations(page)


def test_territory_pages_on_a_phone(live_server, phone_page, assert_no_axe_violations, territory):
    page = phone_page
    for path in ["/territoire/", f"/territoire/etablissements/{territory['college'].uai}/"]:
        page.goto(live_server.url + path)
        assert_no_axe_violations(page)
        # Nothing wider than the screen, except inside scrollable table wrappers.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def real_territory(transactional_db, open_data_dir):
    """The real région: its communes, establishments and map outlines (the heaviest maps there are)."""
    call_command(
        "import_open_data",
        "--source",
        str(open_data_dir),
        "--step",
        *[step.name for step in STEPS],
        "--wet-run",
        stdout=StringIO(),
    )


def test_maps_on_the_real_outlines_keep_pages_light(
    live_server, browser_page, assert_no_axe_violations, real_territory
):
    page = browser_page
    college = Establishment.objects.filter(commune__insee_code="59350", kind="COLLEGE").order_by("uai").first()
    for path in ["/territoire/", "/territoire/departements/59/", f"/territoire/etablissements/{college.uai}/"]:
        weight = visit_and_weigh(page, live_server.url + path)
        assert weight < MAX_PAGE_BYTES, f"{path} : {weight} octets"
        svg = page.locator("svg.territory-map[role=img]")
        assert svg.count() == 1
        assert svg.locator("path.map-border").count() >= 1  # drawn on the real outlines
        assert svg.locator(".map-names text").count() >= 1  # with place names
    assert_no_axe_violations(page)
