"""Journey 6 in a real browser: agenda → event → register a class (as staff) → .ics download."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, fill_sign_in
from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import CommuneFactory, EstablishmentFactory, school_moment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _world():
    lycee = EstablishmentFactory(
        uai="0620110H",
        name="Lycée professionnel Auguste Béhal",
        kind="LYCEE_PRO",
        commune__insee_code="62498",
        commune__name="Lens",
        commune__department__code="62",
        commune__department__name="Pas-de-Calais",
    )
    head = MembershipFactory(establishment=lycee, user__email="chef.lycee@exemple.fr")
    SchoolClassFactory(establishment=lycee, name="2nde MELEC", level="2NDE_PRO", size=24)
    forum = EventFactory(title="Forum régional des métiers et des formations", levels=["2NDE_PRO", "3E"])
    session = SessionFactory(event=forum, capacity=60)
    return head, forum, session


def test_staff_registers_a_class_from_the_agenda_and_downloads_the_ics(live_server, browser_page):
    _head, forum, _session = _world()
    page = browser_page

    page.goto(live_server.url + "/evenements/")
    assert_no_axe_violations(page)
    page.get_by_label("Niveau de la classe").select_option("2NDE_PRO")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Forum régional des métiers et des formations", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Forum régional des métiers et des formations"
    assert "60 / 60" in page.content()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Connectez-vous").click()
    fill_sign_in(page, "chef.lycee@exemple.fr", PASSWORD)
    page.wait_for_url(f"**/evenements/{forum.pk}/")

    page.get_by_role("link", name="Inscrire une classe").click()
    assert_no_axe_violations(page)
    page.get_by_label("Classe à inscrire").select_option(label="2nde MELEC — Seconde professionnelle (24 élèves)")
    page.get_by_role("button", name="Inscrire la classe").click()
    page.wait_for_url("**/evenements/mes-inscriptions/")
    assert "La classe 2nde MELEC est inscrite" in page.content()
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Agenda (.ics) 2nde MELEC").click()
    path = download_info.value.path()
    calendar = Calendar.from_ical(Path(path).read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert str(event["summary"]) == "Forum régional des métiers et des formations"

    page.goto(live_server.url + f"/evenements/{forum.pk}/")
    assert "36 / 60" in page.content()


def test_coordinator_creates_and_publishes_an_event_by_keyboard_friendly_forms(live_server, browser_page):
    MembershipFactory(coordinator=True, user__email="coordination@exemple.fr")
    CommuneFactory(lille=True)
    page = browser_page
    page.goto(live_server.url + "/compte/connexion/?next=/evenements/organiser/nouveau/")
    fill_sign_in(page, "coordination@exemple.fr", PASSWORD)
    page.wait_for_url("**/evenements/organiser/nouveau/")
    assert_no_axe_violations(page)

    page.get_by_label("Type d'événement").select_option("FORUM")
    page.get_by_label("Titre").fill("Forum de Lille")
    page.get_by_label("Organisé par").fill("Région Hauts-de-France")
    page.get_by_label("Seconde professionnelle").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/evenements/organiser/*/")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Ajouter une séance").click()
    start = timezone.localtime(school_moment(20))
    page.get_by_label("Début").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Fin").fill((start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Nombre de places (élèves)").fill("200")
    page.get_by_label("Code INSEE de la commune").fill("59350")
    page.get_by_label("Nom du lieu").fill("Grand Palais")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/evenements/organiser/*/")
    page.get_by_role("button", name="Publier").click()
    assert "Publié" in page.content()

    page.goto(live_server.url + "/evenements/")
    assert "Forum de Lille" in page.content()


def test_agenda_on_a_phone_has_no_axe_violation(live_server, phone_page):
    _world()
    phone_page.goto(live_server.url + "/evenements/")
    assert "Forum régional des métiers et des formations" in phone_page.content()
    assert_no_axe_violations(phone_page)
