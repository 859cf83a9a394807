"""Journey: a head loads the SIECLE roster (preview, confirm); the form teacher declares a workshop with
two pupils absent; the class's hours and the pupils' pathways follow. Accessible, and usable on a phone."""

import pytest

from orientation.organisations.enums import Role
from orientation.schooling.models import Pupil, SchoolClass
from orientation.schooling.services import class_staff_assign
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.conftest import SAMPLES
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolYearFactory
from tests.territory.factories import EstablishmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_roster_then_workshop_then_hours_and_pathways(live_server, browser_page, phone_page):
    SchoolYearFactory()
    school = EstablishmentFactory(uai="0590099Z", name="Collège Jean Jaurès")
    head = MembershipFactory(role=Role.HEAD, establishment=school, user__email="chef@exemple.fr").user
    teacher = MembershipFactory(role=Role.FORM_TEACHER, establishment=school, user__email="pp@exemple.fr").user
    page = browser_page

    sign_in(page, live_server.url, head.email, PASSWORD)
    page.goto(f"{live_server.url}/classes/etablissements/{school.uai}/liste-des-eleves/")
    assert_no_axe_violations(page)
    page.get_by_label("Fichier de la liste des élèves").set_input_files(
        str(SAMPLES / "siecle" / "ElevesSansAdresses_3A_four_pupils.xml")
    )
    page.get_by_role("button", name="Voir ce qui va changer").click()
    page.get_by_role("heading", name="Vérifier avant d'enregistrer").wait_for()
    assert "3A" in page.content()
    assert not Pupil.objects.exists()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirmer et enregistrer").click()
    page.get_by_role("heading", name="Heures d'orientation des classes").wait_for()
    assert Pupil.objects.count() == 7
    assert_no_axe_violations(page)

    third_a = SchoolClass.objects.get(name="3A")
    class_staff_assign(actor=head, school_class=third_a, form_teacher=teacher)
    sign_in(page, live_server.url, teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/classes/{third_a.pk}/")
    page.get_by_role("link", name="Déclarer une action menée").click()
    assert_no_axe_violations(page)
    page.get_by_label("Nature de l'action").select_option("WORKSHOP")
    page.get_by_label("Intitulé").fill("Atelier « mes centres d'intérêt »")
    page.get_by_label("Date").fill("2026-11-16")
    page.get_by_label("Durée en heures").fill("2")
    page.get_by_label("LEFÈVRE Éloïse").check()
    page.get_by_label("BENALI Yanis").check()
    page.get_by_role("button", name="Enregistrer l'action").click()
    page.get_by_text("L'action est enregistrée").wait_for()
    assert "2 h" in page.locator(".stats-cards").inner_text()

    present = Pupil.objects.get(ine="123456789AB").user  # Gaëtan
    absent = Pupil.objects.get(ine="123456789AA").user  # Éloïse
    page.goto(f"{live_server.url}/parcours/eleves/{present.pk}/")
    assert "Atelier « mes centres d'intérêt »" in page.content()
    assert_no_axe_violations(page)
    page.goto(f"{live_server.url}/parcours/eleves/{absent.pk}/")
    assert "Atelier « mes centres d'intérêt »" not in page.content()

    sign_in(phone_page, live_server.url, head.email, PASSWORD)
    phone_page.goto(f"{live_server.url}/classes/etablissements/{school.uai}/heures/")
    assert "3A" in phone_page.content()
    assert phone_page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(phone_page)
