import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from orientation.accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/compte/connexion/"


def _login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def test_login_with_email_in_any_case(client):
    UserFactory(email="camille@exemple.fr")
    response = _login(client, "Camille@EXEMPLE.fr", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/compte/"
    assert "_auth_user_id" in client.session


def test_wrong_password_redisplays_email_with_french_error(client):
    UserFactory(email="camille@exemple.fr")
    response = _login(client, "camille@exemple.fr", "pas-le-bon")
    assert response.status_code == 200
    body = response.content.decode()
    assert "ne sont pas reconnus" in body
    assert 'value="camille@exemple.fr"' in body
    assert "_auth_user_id" not in client.session


def test_unknown_email_gets_the_same_message_as_wrong_password(client):
    response = _login(client, "personne@exemple.fr", PASSWORD)
    assert "ne sont pas reconnus" in response.content.decode()


@override_settings(ORIENTATION_LOGIN_MAX_FAILURES=3, ORIENTATION_LOGIN_LOCKOUT_MINUTES=15)
def test_lockout_after_consecutive_failures_even_with_right_password(client):
    user = UserFactory()
    for _ in range(2):
        response = _login(client, user.email, "mauvais-mot-de-passe")
        assert "bloqué" not in response.content.decode()
    user.refresh_from_db()
    assert user.failed_login_count == 2
    assert user.locked_until is None

    response = _login(client, user.email, "mauvais-mot-de-passe")
    body = response.content.decode()
    assert "bloqué" in body
    assert "réessayer à partir de" in body
    user.refresh_from_db()
    assert user.locked_until > timezone.now() + timedelta(minutes=14)

    # Right password while locked: refused with the same message, which says nothing about it.
    response = _login(client, user.email, PASSWORD)
    assert "bloqué" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(ORIENTATION_LOGIN_MAX_FAILURES=3)
def test_lock_expires_then_login_works_and_resets_counter(client):
    user = UserFactory(failed_login_count=0, locked_until=timezone.now() - timedelta(seconds=1))
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.locked_until is None
    assert user.failed_login_count == 0


@override_settings(ORIENTATION_LOGIN_MAX_FAILURES=3)
def test_successful_login_resets_the_failure_counter(client):
    user = UserFactory(failed_login_count=2)
    assert _login(client, user.email, PASSWORD).status_code == 302
    user.refresh_from_db()
    assert user.failed_login_count == 0
    client.logout()
    # Two more failures do not lock: the count restarted.
    _login(client, user.email, "x")
    _login(client, user.email, "x")
    user.refresh_from_db()
    assert user.locked_until is None


def test_failure_counter_is_updated_in_the_database_not_from_a_stale_copy():
    from orientation.accounts.services import login_failure_record

    user = UserFactory()
    stale = User.objects.get(pk=user.pk)
    login_failure_record(user=user)
    login_failure_record(user=stale)  # a second request holding an old copy
    user.refresh_from_db()
    assert user.failed_login_count == 2


def test_logout_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/compte/deconnexion/").status_code == 405
    response = client.post("/compte/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_flow_without_account_enumeration(client):
    user = UserFactory(email="parent@exemple.fr", locked_until=timezone.now() + timedelta(minutes=10))
    known = client.post("/compte/mot-de-passe/oublie/", {"email": "PARENT@exemple.fr"}, follow=True)
    unknown = client.post("/compte/mot-de-passe/oublie/", {"email": "inconnu@exemple.fr"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [("/compte/mot-de-passe/oublie/envoye/", 302)]
    assert "Si un compte existe" in known.content.decode()
    assert known.content == unknown.content
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["parent@exemple.fr"]
    assert "nouveau mot de passe" in mail.outbox[0].body

    link = re.search(r"http://testserver(/compte/mot-de-passe/nouveau/\S+)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choisir un nouveau mot de passe" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    too_short = client.post(set_url, {"new_password1": "court", "new_password2": "court"})
    assert too_short.status_code == 200
    done = client.post(set_url, {"new_password1": "Nouveau-secret-42", "new_password2": "Nouveau-secret-42"})
    assert done.status_code == 302
    assert done["Location"] == "/compte/mot-de-passe/nouveau/fait/"

    user.refresh_from_db()
    assert user.check_password("Nouveau-secret-42")
    assert user.locked_until is None  # a new password unlocks the account
    assert client.get(link, follow=True).context["validlink"] is False  # the link works once


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    wrong = client.post(
        "/compte/mot-de-passe/changer/",
        {"old_password": "faux", "new_password1": "Autre-secret-77", "new_password2": "Autre-secret-77"},
    )
    assert wrong.status_code == 200
    response = client.post(
        "/compte/mot-de-passe/changer/",
        {"old_password": PASSWORD, "new_password1": "Autre-secret-77", "new_password2": "Autre-secret-77"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Autre-secret-77")


def test_login_pages_are_public_and_dashboard_is_not(client):
    assert client.get(LOGIN).status_code == 200
    assert client.get("/compte/mot-de-passe/oublie/").status_code == 200
    assert client.get("/compte/").status_code == 302
