"""Sign-in, Mon espace and invitations in real Chromium: keyboard only, no axe violation."""

import pytest

from orientation.organisations import services
from orientation.organisations.models import Membership
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import assert_no_axe_violations, focus_is_visible, tab_until
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def teacher_in_two_schools(transactional_db):
    rosa_parks = EstablishmentFactory(uai="0593667R", name="Collège Rosa Parks", commune=CommuneFactory(roubaix=True))
    aisne = DepartmentFactory(aisne=True)
    jules_ferry = EstablishmentFactory(
        uai="0020043L", name="Collège Jules Ferry", commune=CommuneFactory(department=aisne, rural=True)
    )
    user = UserFactory(email="prof@exemple.fr", first_name="Claire")
    MembershipFactory(user=user, establishment=jules_ferry)
    MembershipFactory(user=user, form_teacher=True, establishment=rosa_parks)
    return user


def _focused_name(element) -> str:
    return element.get_attribute("name") or ""


def test_sign_in_by_keyboard_then_switch_current_organisation(live_server, browser_page, teacher_in_two_schools):
    page = browser_page
    page.goto(live_server.url + "/compte/connexion/")
    assert_no_axe_violations(page)

    # A wrong password first: the error is announced and the email is kept.
    email = tab_until(page, lambda el: _focused_name(el) == "username")
    email.fill("PROF@exemple.fr")
    page.keyboard.press("Tab")
    page.keyboard.type("pas le bon")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "ne sont pas reconnus" in page.locator("[role=alert]").inner_text()
    assert page.locator("input[name=username]").input_value() == "PROF@exemple.fr"
    assert_no_axe_violations(page)

    password = tab_until(page, lambda el: _focused_name(el) == "password")
    assert focus_is_visible(page)
    password.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/compte/")
    assert page.locator("h1").inner_text() == "Mon espace"
    current = page.locator("#current-title + p").inner_text()
    assert "Chef d'établissement — Collège Jules Ferry" in current
    assert_no_axe_violations(page)

    # Switch to the other membership with the keyboard: Tab to the checked radio, arrow, Tab, Enter.
    tab_until(page, lambda el: _focused_name(el) == "membership")
    page.keyboard.press("ArrowDown")
    tab_until(page, lambda el: (el.inner_text() or "").strip() == "Choisir")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Professeur principal — Collège Rosa Parks" in page.locator("#current-title + p").inner_text()
    assert "Vous agissez maintenant en tant que" in page.locator(".messages").inner_text()

    # Remembered on the next request.
    page.goto(live_server.url + "/compte/")
    assert "Professeur principal — Collège Rosa Parks" in page.locator("#current-title + p").inner_text()
    assert_no_axe_violations(page)


def test_invitation_accept_page(live_server, browser_page, teacher_in_two_schools):
    head = teacher_in_two_schools
    establishment = Membership.objects.get(user=head, role="HEAD").establishment
    invitation = services.invitation_create(
        inviter=head, email="psy@exemple.fr", role="GUIDANCE_PSYCHOLOGIST", establishment=establishment, site_url="/"
    )
    page = browser_page
    page.goto(f"{live_server.url}/organisations/invitations/{invitation.raw_token}/")
    assert "Psychologue de l'Éducation nationale" in page.locator("dl.facts").inner_text()
    assert_no_axe_violations(page)

    first_name = tab_until(page, lambda el: _focused_name(el) == "first_name")
    first_name.type("Nadia")
    page.keyboard.press("Tab")
    page.keyboard.type("Haddad")
    page.keyboard.press("Tab")
    page.keyboard.type("Un-secret-solide-2026")
    page.keyboard.press("Tab")
    page.keyboard.type("Un-secret-solide-2026")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/compte/")
    assert (
        "Psychologue de l'Éducation nationale — Collège Jules Ferry" in page.locator("#current-title + p").inner_text()
    )

    # The link works once.
    page.goto(f"{live_server.url}/organisations/invitations/{invitation.raw_token}/")
    assert page.locator("h1").inner_text() == "Cette invitation a déjà servi"
    assert_no_axe_violations(page)


def test_password_reset_pages_have_no_axe_violation(live_server, browser_page):
    page = browser_page
    page.goto(live_server.url + "/compte/mot-de-passe/oublie/")
    assert_no_axe_violations(page)
    page.fill("input[name=email]", "quelquun@exemple.fr")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Regardez votre messagerie"
    assert_no_axe_violations(page)
