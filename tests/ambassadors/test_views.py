import pytest
from django.urls import reverse

from orientation.ambassadors.models import Ambassador, ModuleCompletion
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory, CharterVersionFactory, TrainingModuleFactory
from tests.organisations.factories import coordinator_of
from tests.territory.factories import CommuneFactory, DepartmentFactory

pytestmark = pytest.mark.django_db


def test_sign_up_redisplays_errors(client):
    client.force_login(UserFactory())
    response = client.post(reverse("ambassadors:sign_up"), {"rome_codes": "boulanger", "employer_name": "Paul"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "lettre suivie de 4 chiffres" in html
    assert 'value="Paul"' in html


def test_sign_up_then_checklist(client):
    CommuneFactory(lille=True)
    CharterVersionFactory()
    TrainingModuleFactory(title="Les stéréotypes")
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("ambassadors:sign_up"),
        {
            "rome_codes": "d1102",
            "job_title": "Boulangère",
            "employer_name": "Boulangerie",
            "commune": "Lille",
            "travel_radius_km": "25",
            "languages": "français, anglais",
            "weekdays": ["1", "3"],
            "starts_at": "09:00",
            "ends_at": "12:00",
            "bio": "J'aime mon métier.",
        },
    )
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(user=user)
    assert ambassador.slots.count() == 2
    page = client.get(reverse("ambassadors:profile")).content.decode()
    assert "Lire et accepter la charte" in page
    client.post(reverse("ambassadors:charter"))
    assert ambassador.has_current_charter()
    module = ambassador.missing_modules().get()
    question = module.questions.get()
    client.post(reverse("ambassadors:module", args=[module.slug]), {f"q{question.pk}": "1"})
    assert ModuleCompletion.objects.filter(ambassador=ambassador).exists()


def test_review_list_scoped_and_query_count(client, django_assert_num_queries):
    nord = DepartmentFactory()
    for _ in range(3):
        AmbassadorFactory()
    client.force_login(coordinator_of(nord))
    with django_assert_num_queries(6):
        response = client.get(reverse("ambassadors:review_list"))
    assert response.content.decode().count("Boulangerie du Vieux-Lille") == 3
    client.force_login(coordinator_of(DepartmentFactory(somme=True)))
    assert "Boulangerie du Vieux-Lille" not in client.get(reverse("ambassadors:review_list")).content.decode()


def test_review_detail_outside_scope_is_404(client):
    ambassador = AmbassadorFactory()
    client.force_login(coordinator_of(DepartmentFactory(somme=True)))
    assert client.get(reverse("ambassadors:review_detail", args=[ambassador.pk])).status_code == 404


def test_verify_through_page(client):
    ambassador = AmbassadorFactory()
    client.force_login(coordinator_of(ambassador.commune.department))
    client.post(
        reverse("ambassadors:review_transition", args=[ambassador.pk]), {"to_status": "VERIFIED", "note": "Diplôme vu"}
    )
    ambassador.refresh_from_db()
    assert ambassador.status == "VERIFIED"


def test_interest_form_requires_uai(client):
    ambassador = AmbassadorFactory()
    client.force_login(ambassador.user)
    response = client.post(reverse("ambassadors:interests"), {"kind": "CHILD_ENROLLED"})
    assert "code UAI" in response.content.decode()


def test_sign_up_without_account_creates_it_and_logs_in(client):
    CommuneFactory(lille=True)
    response = client.post(
        reverse("ambassadors:sign_up"),
        {
            "compte-first_name": "Sophie",
            "compte-last_name": "Leroy",
            "compte-email": "sophie.leroy@exemple.fr",
            "compte-password": "Souder-les-metaux-2026",
            "rome_codes": "H2913",
            "job_title": "Soudeuse",
            "employer_name": "Ateliers",
            "commune": "59350",
            "travel_radius_km": "30",
            "languages": "français",
            "weekdays": ["3"],
            "starts_at": "13:30",
            "ends_at": "17:30",
        },
    )
    assert response.status_code == 302
    ambassador = Ambassador.objects.get(user__email="sophie.leroy@exemple.fr")
    assert client.get(reverse("ambassadors:profile")).context["ambassador"] == ambassador


def test_sign_up_without_account_rejects_weak_password_and_keeps_input(client):
    CommuneFactory(lille=True)
    response = client.post(
        reverse("ambassadors:sign_up"),
        {
            "compte-first_name": "Sophie",
            "compte-last_name": "Leroy",
            "compte-email": "sophie.leroy@exemple.fr",
            "compte-password": "123",
            "rome_codes": "H2913",
            "job_title": "Soudeuse",
            "employer_name": "Ateliers",
            "commune": "59350",
            "travel_radius_km": "30",
            "languages": "français",
            "weekdays": ["3"],
            "starts_at": "13:30",
            "ends_at": "17:30",
        },
    )
    assert response.status_code == 200
    assert not Ambassador.objects.exists()
    html = response.content.decode()
    assert "sophie.leroy@exemple.fr" in html
    assert "mot de passe" in html.lower()
