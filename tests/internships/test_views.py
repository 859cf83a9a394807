import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from orientation.core.models import AccessLog
from orientation.internships import services
from orientation.internships.enums import ApplicationStatus, OfferStatus
from orientation.internships.models import Application, PlacementOffer
from tests.accounts.factories import UserFactory
from tests.internships.conftest import bring_to_validated, submit
from tests.internships.factories import OfferFactory
from tests.organisations.factories import coordinator_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import CommuneFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


def test_search_lists_offers_near_the_pupils_commune_reserved_first(client, flow, django_assert_num_queries):
    far = CommuneFactory(roubaix=True)
    OfferFactory(title="Loin d'ici", commune=far, latitude=far.latitude, longitude=far.longitude)
    reserved = OfferFactory(title="Avec place gardée", with_reserved=True, latitude=50.30, longitude=2.79)
    for i in range(3):
        OfferFactory(title=f"Offre ordinaire {i}")
    client.force_login(flow["pupil"])
    with django_assert_num_queries(7):  # + 1: are there outlines to draw the map on?
        response = client.get(reverse("internships:search"), {"radius": 10})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Loin d'ici" not in html
    assert html.index("Avec place gardée") < html.index("Offre ordinaire 0")
    assert "<svg" in html
    assert "gardée pour les collèges REP/REP+" in html
    assert reserved.pk


def test_search_hides_offers_that_already_started(client, flow):
    OfferFactory(title="Déjà commencé", starts_on=timezone.localdate(), ends_on=timezone.localdate())
    client.force_login(flow["pupil"])
    assert "Déjà commencé" not in client.get(reverse("internships:search")).content.decode()


def test_search_filters_week_kind_and_job(client, flow):
    OfferFactory(title="Pâtisserie", job_label="Pâtissier")
    later = OfferFactory(title="Plus tard", starts_on=flow["offer"].starts_on + dt.timedelta(days=21))
    OfferFactory(title="PFMP", kind="PFMP")
    client.force_login(flow["pupil"])
    html = client.get(reverse("internships:search"), {"job": "pâtissier"}).content.decode()
    assert "Pâtisserie" in html
    assert "Découvrir la boulangerie" not in html
    html = client.get(reverse("internships:search"), {"week": later.starts_on.isoformat()}).content.decode()
    assert "Plus tard" in html
    assert "Découvrir la boulangerie" not in html
    html = client.get(reverse("internships:search"), {"kind": "PFMP"}).content.decode()
    assert "PFMP" in html
    assert "Plus tard" not in html


def test_unknown_commune_shows_a_french_error(client, flow):
    client.force_login(flow["pupil"])
    html = client.get(reverse("internships:search"), {"commune": "Atlantide"}).content.decode()
    assert "Nous ne trouvons pas cette commune" in html


def test_search_requires_login(client):
    response = client.get(reverse("internships:search"))
    assert response.status_code == 302


def test_draft_offer_is_hidden_from_pupils_but_not_from_its_host(client, flow):
    draft = OfferFactory(draft=True, company=flow["company"])
    client.force_login(flow["pupil"])
    assert client.get(reverse("internships:offer_detail", args=[draft.pk])).status_code == 404
    client.force_login(flow["host"])
    assert client.get(reverse("internships:offer_detail", args=[draft.pk])).status_code == 200


def test_apply_form_redisplays_input_and_french_errors(client, flow):
    client.force_login(flow["pupil"])
    url = reverse("internships:offer_apply", args=[flow["offer"].pk])
    response = client.post(url, {"motivation": "J'adore le pain.", "parent_email": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "J&#x27;adore le pain." in html
    assert "adresse électronique d&#x27;un parent" in html
    response = client.post(url, {"motivation": "J'adore le pain.", "parent_email": "maman@exemple.fr"})
    application = Application.objects.get()
    assert response["Location"] == reverse("internships:application_detail", args=[application.pk])


def test_parent_consents_without_an_account(client, flow):
    application = submit(flow)
    url = reverse("internships:consent", args=[services.consent_token(application.consent)])
    html = client.get(url).content.decode()
    assert "Qui appeler" in html
    assert flow["offer"].contact_phone in html
    response = client.post(url, {"step": "consent", "parent_name": "", "decision": ""})
    assert "Choisissez" in response.content.decode()
    client.post(url, {"step": "consent", "parent_name": "Fatima Benali", "decision": "yes"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CONSENTED


def test_bad_consent_link_is_a_404_page(client):
    response = client.get(reverse("internships:consent", args=["abc:def"]))
    assert response.status_code == 404
    assert "pas valide" in response.content.decode()


def test_whole_flow_through_pages_until_pdf(client, flow):
    application = submit(flow)
    services.consent_answer(consent=application.consent, give=True, parent_name="Fatima Benali")
    action = lambda name: reverse("internships:application_action", args=[application.pk, name])  # noqa: E731
    client.force_login(flow["teacher"])
    client.post(action("validate"))
    client.force_login(flow["host"])
    client.post(action("accept"), {"message": "À lundi !"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    client.post(action("sign"), {"party": "HOST", "signer_name": "Mme Lefebvre"})
    client.force_login(flow["teacher"])
    client.post(action("sign"), {"party": "SCHOOL", "signer_name": "M. Dupont"})
    client.force_login(flow["pupil"])
    client.post(action("sign"), {"party": "PUPIL", "signer_name": "Inès Benali"})
    url = reverse("internships:consent", args=[services.consent_token(application.consent)])
    client.logout()
    client.post(url, {"step": "sign", "parent_name": "Fatima Benali"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SIGNED
    client.force_login(flow["pupil"])
    pdf = client.get(reverse("internships:agreement_pdf", args=[application.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_staff_reading_an_application_is_audited_and_scoped(client, flow):
    application = submit(flow)
    client.force_login(flow["teacher"])
    assert client.get(reverse("internships:application_detail", args=[application.pk])).status_code == 200
    assert AccessLog.objects.filter(viewer=flow["teacher"], subject_user_id=flow["pupil"].pk).exists()
    client.force_login(staff_of(EstablishmentFactory(arras=True)))
    assert client.get(reverse("internships:application_detail", args=[application.pk])).status_code == 404
    client.force_login(UserFactory())
    assert client.get(reverse("internships:agreement_pdf", args=[application.pk])).status_code == 404


@pytest.mark.parametrize(
    ("who", "visible"),
    [("pupil", True), ("teacher", True), ("host", True), ("other_pupil", False), ("other_staff", False)],
)
def test_application_visibility_matrix(client, flow, who, visible):
    application = bring_to_validated(flow)
    users = dict(
        flow,
        other_pupil=pupil_in(EstablishmentFactory(arras=True)),
        other_staff=staff_of(EstablishmentFactory(arras=True)),
    )
    client.force_login(users[who])
    status = client.get(reverse("internships:application_detail", args=[application.pk])).status_code
    assert status == (200 if visible else 404)


def test_application_list_query_count(client, flow, django_assert_num_queries):
    for _ in range(4):
        submit(flow, pupil=pupil_in(flow["school"]))
    client.force_login(flow["teacher"])
    with django_assert_num_queries(5):
        response = client.get(reverse("internships:application_list"))
    assert response.content.decode().count("Découvrir la boulangerie") == 4


def test_host_offer_list_query_count(client, flow, django_assert_num_queries):
    for _ in range(3):
        OfferFactory(company=flow["company"])
    client.force_login(flow["host"])
    with django_assert_num_queries(4):
        response = client.get(reverse("internships:host_offers"))
    assert response.content.decode().count('href="/stages/offres/') == 4


def test_host_creates_then_publishes_an_offer(client, flow):
    client.force_login(flow["host"])
    start = flow["offer"].starts_on
    data = {
        "kind": "OBSERVATION_3E",
        "title": "Au fournil",
        "job_label": "Boulanger",
        "rome_code": "D1102",
        "description": "Faire le pain.",
        "commune": "Arras",
        "address": "1 rue de la Paix",
        "starts_on": start.isoformat(),
        "ends_on": (start + dt.timedelta(days=4)).isoformat(),
        "places": "2",
        "reserved_places": "1",
        "reserved_until": "",
        "contact_name": "Mme Lefebvre",
        "contact_phone": "0321000000",
    }
    response = client.post(reverse("internships:offer_create"), data)
    assert "jusqu&#x27;à quand" in response.content.decode()
    assert "Au fournil" in response.content.decode()
    data["reserved_until"] = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.post(reverse("internships:offer_create"), data)
    offer = PlacementOffer.objects.get(title="Au fournil")
    assert response["Location"] == reverse("internships:offer_detail", args=[offer.pk])
    client.post(reverse("internships:offer_publish", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PUBLISHED


def test_pupil_cannot_open_offer_creation(client, flow):
    client.force_login(flow["pupil"])
    assert client.get(reverse("internships:offer_create")).status_code == 404


def test_report_and_moderation_queue(client, flow, django_assert_num_queries):
    client.force_login(flow["pupil"])
    client.post(reverse("internships:offer_report", args=[flow["offer"].pk]), {"reason": "Publicité"})
    client.force_login(flow["teacher"])
    client.post(reverse("internships:offer_report", args=[flow["offer"].pk]), {"reason": "Pas un stage"})
    OfferFactory(title="Offre sans souci")
    coordinator = coordinator_of(flow["offer"].commune.department)
    client.force_login(coordinator)
    with django_assert_num_queries(4):
        html = client.get(reverse("internships:moderation")).content.decode()
    assert "2 signalements" in html
    assert "Offre sans souci" not in html
    client.post(reverse("internships:moderation_decide", args=[flow["offer"].pk]), {"publish": "0"})
    flow["offer"].refresh_from_db()
    assert flow["offer"].status == OfferStatus.CLOSED
    client.force_login(flow["pupil"])
    assert client.get(reverse("internships:moderation")).status_code == 404


def test_map_coordinates_are_plain_numbers_in_french(client, flow):
    client.force_login(flow["pupil"])
    html = client.get(reverse("internships:search")).content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert 'cx="' in svg
    assert "," not in svg.split('cx="')[1].split('"')[0]
    assert 'x=""' not in svg


def test_host_filters_applications_by_offer(client, flow):
    submit(flow)
    other = OfferFactory(company=flow["company"], title="Autre offre")
    submit(flow, offer=other)
    client.force_login(flow["host"])
    html = client.get(reverse("internships:application_list"), {"offre": other.pk}).content.decode()
    assert "Autre offre" in html
    assert "Découvrir la boulangerie" not in html


def test_offer_page_links_to_the_job_when_the_catalogue_has_it(client, flow):
    from orientation.catalog.models import Job

    client.force_login(flow["pupil"])
    url = reverse("internships:offer_detail", args=[flow["offer"].pk])
    assert "Tout savoir sur le métier" not in client.get(url).content.decode()
    Job.objects.create(rome_code="D1102", title="Boulangerie - viennoiserie", rome_v3_parent="D1102")
    assert "/catalogue/metiers/D1102/" in client.get(url).content.decode()
