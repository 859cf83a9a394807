"""The whole ambassador workflow in Chromium: sign-up → charter → training → verification →
request → head approval → proposal → acceptance → confirmation → done → evaluation, with axe on
every page of the way."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from orientation.accounts.models import User
from orientation.interventions import services
from orientation.interventions.enums import BookingStatus
from orientation.interventions.models import Booking, PupilSurveyResponse
from orientation.organisations.enums import Role
from tests.accounts.factories import PASSWORD
from tests.ambassadors.factories import AmbassadorFactory, CharterVersionFactory, TrainingModuleFactory
from tests.browser.conftest import sign_in
from tests.interventions.factories import InterventionFormatFactory, next_monday
from tests.organisations.factories import coordinator_of, staff_of
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import CommuneFactory, EstablishmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ambassador_workflow(live_server, browser_page, assert_no_axe_violations):
    page, base = browser_page, live_server.url
    CharterVersionFactory(number=1)
    TrainingModuleFactory(title="Stéréotypes et représentations")
    CommuneFactory(lille=True)  # where the ambassador lives
    school = EstablishmentFactory(rosa_parks=True)
    school_class = SchoolClassFactory(establishment=school, name="3e A", level="3E", size=26)
    head, teacher = staff_of(school, Role.HEAD), staff_of(school, Role.FORM_TEACHER)
    coord = coordinator_of(school.commune.department)
    InterventionFormatFactory(target_levels=["3E"])
    monday = next_monday(9)

    # 1. Sign-up, without an account yet
    page.goto(base + "/ambassadeurs/inscription/")
    assert_no_axe_violations(page)
    page.locator("#id_compte-first_name").fill("Sophie")
    page.locator("#id_compte-last_name").fill("Leroy")
    page.locator("#id_compte-email").fill("sophie.leroy@exemple.fr")
    page.locator("#id_compte-password").fill(PASSWORD)
    page.get_by_label("Votre métier (code ROME)").fill("H2913")
    page.get_by_label("Comment appelez-vous votre métier ?").fill("Soudeuse")
    page.get_by_label("Votre employeur").fill("Ateliers métalliques de l'Artois")
    page.get_by_label("Votre commune").fill("Lille")
    page.get_by_label("Jusqu'où pouvez-vous vous déplacer (en km) ?").fill("30")
    page.get_by_label("lundi").check()
    page.get_by_label("jeudi").check()
    page.get_by_label("Présentez-vous aux élèves").fill("Je suis soudeuse depuis douze ans.")
    page.get_by_role("button", name="Créer mon profil").click()
    page.wait_for_url(re.compile(r"/ambassadeurs/mon-profil/"))
    assert_no_axe_violations(page)
    welder = User.objects.get(email="sophie.leroy@exemple.fr")

    # 2. Charter, 3. training
    page.get_by_role("link", name="Lire et accepter la charte").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="J'ai lu la charte et je l'accepte").click()
    page.get_by_role("link", name=re.compile("Suivre le module")).click()
    assert_no_axe_violations(page)
    page.get_by_label("Non, chacun peut l'exercer").check()
    page.get_by_role("button", name="Valider mes réponses").click()
    page.wait_for_url(re.compile(r"/ambassadeurs/formation/$"))
    assert_no_axe_violations(page)

    # 4. Verification by the coordinator
    sign_in(page, base, coord.email, PASSWORD)
    page.goto(base + "/ambassadeurs/verification/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=str(welder)).click()
    assert_no_axe_violations(page)
    page.get_by_label("Ce que vous avez vérifié (diplôme, employeur)").fill("Bac pro et attestation employeur vus")
    page.get_by_role("button", name="Vérifier").click()
    page.get_by_role("button", name="Activer").click()
    assert page.get_by_text("Statut : Actif").is_visible()

    # 5. Request by the form teacher
    sign_in(page, base, teacher.email, PASSWORD)
    page.goto(base + "/interventions/demander/")
    assert_no_axe_violations(page)
    page.get_by_label("Classe").select_option(str(school_class.pk))
    page.get_by_label("Type d'intervention").select_option(label="Témoignage en classe")
    page.get_by_label("Des métiers précis").check()
    page.get_by_label("Métiers souhaités (codes ROME)").fill("H2913")
    page.get_by_label("Date souhaitée").fill(monday.date().isoformat())
    page.get_by_role("button", name="Envoyer la demande").click()
    page.wait_for_url(re.compile(r"/interventions/\d+/$"))
    assert_no_axe_violations(page)
    detail_url = page.url

    # 6. Head approval
    sign_in(page, base, head.email, PASSWORD)
    page.goto(detail_url)
    page.get_by_role("button", name="Valider la demande").click()

    # 7. Proposal by the coordinator, with reasons
    sign_in(page, base, coord.email, PASSWORD)
    page.goto(detail_url)
    page.get_by_role("button", name="Chercher des ambassadeurs").click()
    assert page.get_by_text("Exerce le métier demandé").is_visible()
    assert page.get_by_text("Établissement REP+ : servi en priorité").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=re.compile("Proposer le")).click()

    # 8. Acceptance by the ambassador, 9. confirmation by the school
    sign_in(page, base, welder.email, PASSWORD)
    page.goto(base + "/interventions/")
    assert_no_axe_violations(page)
    page.goto(detail_url)
    page.get_by_role("button", name="Accepter").click()
    assert page.get_by_role("link", name=re.compile("Ajouter à mon agenda")).is_visible()
    sign_in(page, base, head.email, PASSWORD)
    page.goto(detail_url)
    page.get_by_role("button", name="Confirmer").click()

    # 10. Done (the day has come) and evaluation by the teacher
    now = timezone.now()
    Booking.objects.update(starts_at=now - timedelta(hours=3), ends_at=now - timedelta(hours=1))
    sign_in(page, base, teacher.email, PASSWORD)
    page.goto(detail_url)
    page.get_by_role("button", name="Déclarer réalisée").click()
    page.get_by_role("link", name="Évaluer l'intervention").click()
    assert_no_axe_violations(page)
    page.get_by_label("5 sur 5").check()
    page.get_by_label("Oui").check()
    page.get_by_label("Commentaire").fill("Les élèves ont posé beaucoup de questions.")
    page.get_by_role("button", name="Envoyer l'évaluation").click()
    page.wait_for_url(detail_url)
    assert page.get_by_text("État : Évaluée").is_visible()
    assert_no_axe_violations(page)
    assert Booking.objects.get().status == BookingStatus.EVALUATED

    # 11. The pupils' anonymous survey, on a page without login
    page.context.clear_cookies()
    page.goto(base + f"/interventions/avis/{Booking.objects.get().survey_token}/")
    assert_no_axe_violations(page)


def test_pupil_survey_on_a_phone(live_server, phone_page, assert_no_axe_violations):
    CharterVersionFactory(number=1)
    TrainingModuleFactory()
    school = EstablishmentFactory(roubaix=True, rep_plus=True)
    school_class = SchoolClassFactory(establishment=school)
    teacher, head = staff_of(school, Role.FORM_TEACHER), staff_of(school, Role.HEAD)
    coord = coordinator_of(school.commune.department)
    fmt = InterventionFormatFactory(target_levels=[])
    ambassador = AmbassadorFactory(ready=True)
    start = next_monday(9)
    request = services.intervention_request(
        actor=teacher,
        school_class=school_class,
        format=fmt,
        windows=[(start, start + timedelta(hours=3))],
        rome_codes=["D1102"],
    )
    services.booking_approve(booking=request.booking, actor=head)
    services.booking_propose(booking=request.booking, ambassador=ambassador, starts_at=start, actor=coord)
    Booking.objects.update(status=BookingStatus.DONE)

    page = phone_page
    page.goto(live_server.url + f"/interventions/avis/{request.booking.survey_token}/")
    assert_no_axe_violations(page)
    page.get_by_role("group", name="J'ai appris des choses sur ce métier").get_by_label("Beaucoup").check()
    page.get_by_role("group", name="Ce métier m'intéresse").get_by_label("Assez").check()
    page.get_by_role("group", name="J'ai changé d'avis sur ce métier").get_by_label("Un peu").check()
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_role("heading", name="Merci !").wait_for()
    assert_no_axe_violations(page)
    assert PupilSurveyResponse.objects.get().learned == 4
