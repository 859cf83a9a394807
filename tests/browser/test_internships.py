"""Journeys 1, 5 and 7 in a real browser: a bakery publishes an offer, a REP+ pupil finds and applies,
the parent consents from the link, the form teacher validates, the bakery accepts, everybody signs;
the agreement PDF renders and names every party."""

import datetime as dt
import subprocess

import pytest

from orientation.internships import services
from orientation.internships.models import Application
from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.internships.factories import OfferFactory, next_monday
from tests.organisations.factories import CompanyFactory, member_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import CommuneFactory, EstablishmentFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_to_signed_agreement(live_server, browser_page, tmp_path):
    page, base = browser_page, live_server.url
    arras = CommuneFactory(arras=True)
    bakery = CompanyFactory(name="Boulangerie du Beffroi", siret="12345678900017", commune=arras)
    baker = member_of(bakery)
    baker.first_name, baker.last_name = "Julien", "Caron"
    baker.save()
    school = EstablishmentFactory(
        rep_plus=True, name="Collège Rosa Parks", uai="0593667R", commune=arras, latitude=50.29, longitude=2.77
    )
    pupil = pupil_in(school)
    pupil.first_name, pupil.last_name = "Inès", "Benali"
    pupil.save()
    teacher = staff_of(school)
    teacher.first_name, teacher.last_name = "Claire", "Dubois"
    teacher.save()

    # The bakery publishes an offer (journey 5).
    sign_in(page, base, baker.email, PASSWORD)
    page.goto(base + "/stages/mes-offres/nouvelle/")
    assert_no_axe_violations(page)
    start = next_monday()
    page.get_by_label("Type de stage").select_option("OBSERVATION_3E")
    page.get_by_label("Intitulé").fill("Une semaine au fournil")
    page.locator("#id_job_label").fill("Boulanger / Boulangère")
    page.get_by_label("Ce que l'élève va faire").fill("Pétrir, façonner et cuire le pain.")
    page.get_by_label("Commune").fill("Arras")
    page.get_by_label("Adresse").fill("12 rue Ronville")
    page.get_by_label("Premier jour").fill(start.isoformat())
    page.get_by_label("Dernier jour").fill((start + dt.timedelta(days=4)).isoformat())
    page.get_by_label("Nombre de places").fill("2")
    page.get_by_label("Places réservées REP/REP+").fill("1")
    page.get_by_label("Places réservées jusqu'au").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Personne à contacter").fill("Julien Caron")
    page.get_by_label("Téléphone").fill("03 21 00 00 00")
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_role("button", name="Publier l'offre").click()
    assert "Offre publiée" in page.content()
    assert_no_axe_violations(page)

    # The pupil finds it around her collège's commune and applies (journey 1).
    sign_in(page, base, pupil.email, PASSWORD)
    page.goto(base + "/stages/")
    assert "gardée pour les collèges REP/REP+" in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Une semaine au fournil").click()
    assert_no_axe_violations(page)
    page.get_by_label("Pourquoi ce stage vous intéresse").fill("J'aime faire le pain. Je veux voir le métier.")
    page.get_by_label("Adresse électronique d'un parent").fill("parent.benali@exemple.fr")
    page.get_by_role("button", name="Envoyer ma candidature").click()
    assert "Votre candidature est envoyée" in page.content()
    assert_no_axe_violations(page)
    application = Application.objects.get()

    # The parent consents from the link, without an account (journey 7).
    page.context.clear_cookies()
    consent_url = base + f"/stages/accord-parent/{services.consent_token(application.consent)}/"
    page.goto(consent_url)
    assert "Qui appeler" in page.content()
    assert_no_axe_violations(page)
    page.get_by_label("Votre nom et prénom").fill("Samira Benali")
    page.get_by_label("J'accepte ce stage").check()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    assert "votre réponse est enregistrée" in page.content()

    # The form teacher validates.
    detail = base + f"/stages/candidatures/{application.pk}/"
    sign_in(page, base, teacher.email, PASSWORD)
    page.goto(detail)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Valider la candidature").click()

    # The bakery accepts and signs.
    sign_in(page, base, baker.email, PASSWORD)
    page.goto(detail)
    page.get_by_label("Message à l'élève (facultatif)").fill("Rendez-vous lundi à 7 h.")
    page.get_by_role("button", name="Accepter l'élève").click()
    assert "Convention de stage" in page.content()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Signer la convention (Entreprise d'accueil)").click()

    for user, party in ((teacher, "Établissement scolaire"), (pupil, "Élève")):
        sign_in(page, base, user.email, PASSWORD)
        page.goto(detail)
        page.get_by_role("button", name=f"Signer la convention ({party})").click()
        assert "signée par" in page.content()

    page.context.clear_cookies()
    page.goto(consent_url)
    page.get_by_label("Votre nom et prénom").fill("Samira Benali")
    page.get_by_role("button", name="Je signe la convention").click()
    assert "vous avez signé la convention" in page.content()

    application.refresh_from_db()
    assert application.status == "SIGNED"

    sign_in(page, base, pupil.email, PASSWORD)
    page.goto(detail)
    assert "Convention signée" in page.content()
    assert_no_axe_violations(page)
    response = page.request.get(detail + "convention.pdf")
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "convention.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for name in ("Inès Benali", "Samira Benali", "Collège Rosa Parks", "Boulangerie du Beffroi", "Claire Dubois"):
        assert name in text


def test_parent_refuses_on_a_phone(live_server, phone_page):
    school = EstablishmentFactory(arras=True, rep_plus=True)
    pupil = pupil_in(school)
    application = services.application_submit(
        actor=pupil, offer=OfferFactory(), motivation="Le pain.", parent_email="parent@exemple.fr"
    )
    phone_page.goto(live_server.url + f"/stages/accord-parent/{services.consent_token(application.consent)}/")
    assert_no_axe_violations(phone_page)
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    phone_page.get_by_role("button", name="Envoyer ma réponse").click()
    assert "Choisissez" in phone_page.content()
    assert_no_axe_violations(phone_page)
    phone_page.get_by_label("Votre nom et prénom").fill("Karim Benali")
    phone_page.get_by_label("Je refuse ce stage").check()
    phone_page.get_by_role("button", name="Envoyer ma réponse").click()
    assert "Vous avez refusé ce stage" in phone_page.content()
    application.refresh_from_db()
    assert application.status == "CONSENT_REFUSED"
