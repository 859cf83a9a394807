import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory, override_settings
from django.utils import timezone

from orientation.core.models import ThrottleCounter
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


def _limits(**scopes):
    return override_settings(ORIENTATION_THROTTLES={**settings.ORIENTATION_THROTTLES, **scopes})


THROTTLED = "essais sans succès depuis votre connexion internet"


@_limits(**{"signin-account": (3, 900)})
def test_throttle_message_is_identical_for_an_existing_and_an_unknown_address(client):
    UserFactory(email="camille@exemple.fr")
    bodies = {}
    for email in ["camille@exemple.fr", "personne@exemple.fr"]:
        for _ in range(2):
            assert THROTTLED not in _login(client, email, "mauvais").content.decode()
        # The failure that uses up the tries already says so.
        bodies[email] = _login(client, email, "mauvais").content.decode()
        assert THROTTLED in bodies[email]
    same = [re.sub(r'name="csrfmiddlewaretoken" value="\w+"|camille|personne', "", body) for body in bodies.values()]
    assert same[0] == same[1]


@_limits(**{"signin-account": (3, 900)})
def test_failures_from_one_network_do_not_lock_the_person_out_from_another(client):
    user = UserFactory()
    for _ in range(4):
        _login(client, user.email, "mauvais")
    # From the attacker's network, even the right password is refused, with the same words.
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD})
    assert THROTTLED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From the person's own network, sign-in works.
    response = client.post(LOGIN, {"username": user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.20")
    assert response.status_code == 302


@_limits(**{"signin-ip": (4, 900)})
def test_one_network_is_throttled_whatever_the_addresses_it_tries(client):
    user = UserFactory()
    for n in range(4):
        _login(client, f"essai{n}@exemple.fr", "mauvais")
    assert THROTTLED in _login(client, user.email, PASSWORD).content.decode()
    assert (
        client.post(LOGIN, {"username": user.email, "password": PASSWORD}, REMOTE_ADDR="192.0.2.20").status_code == 302
    )


@_limits(**{"signin-account": (3, 900)})
def test_a_success_gives_the_network_its_tries_back(client):
    user = UserFactory()
    _login(client, user.email, "x")
    _login(client, user.email, "x")
    assert _login(client, user.email, PASSWORD).status_code == 302
    client.logout()
    _login(client, user.email, "x")
    _login(client, user.email, "x")
    assert _login(client, user.email, PASSWORD).status_code == 302


@_limits(**{"signin-account": (2, 900)})
def test_the_throttle_ends_with_its_window(client):
    user = UserFactory()
    _login(client, user.email, "x")
    _login(client, user.email, "x")
    assert THROTTLED in _login(client, user.email, PASSWORD).content.decode()
    ThrottleCounter.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    assert _login(client, user.email, PASSWORD).status_code == 302


@override_settings(ORIENTATION_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
@_limits(**{"signin-account": (2, 900)})
def test_behind_the_proxy_the_address_it_reports_is_the_client(client):
    user = UserFactory()
    # A client cannot pass for another by prepending an address: the proxy's last one counts.
    for _ in range(2):
        client.post(LOGIN, {"username": user.email, "password": "x"}, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    blocked = client.post(LOGIN, {"username": user.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert THROTTLED in blocked.content.decode()
    other = client.post(LOGIN, {"username": user.email, "password": PASSWORD}, HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 302


def test_a_forwarded_header_is_ignored_unless_configured(client):
    from orientation.core.throttle import client_ip

    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.1")
    assert client_ip(request) == "192.0.2.1"


def test_logout_is_post_only(client):
    user = UserFactory()
    client.force_login(user)
    assert client.get("/compte/deconnexion/").status_code == 405
    response = client.post("/compte/deconnexion/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_flow_without_account_enumeration(client):
    user = UserFactory(email="parent@exemple.fr")
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


def test_password_reset_sends_at_most_one_email_per_address_per_window(client):
    UserFactory(email="parent@exemple.fr")
    pages = [client.post("/compte/mot-de-passe/oublie/", {"email": "parent@exemple.fr"}) for _ in range(5)]
    assert {page["Location"] for page in pages} == {"/compte/mot-de-passe/oublie/envoye/"}
    assert len(mail.outbox) == 1
    # Fifteen minutes later, another one may be sent.
    counter = ThrottleCounter.objects.get(scope="password-reset-address")
    assert counter.window_ends_at > timezone.now() + timedelta(minutes=14)
    ThrottleCounter.objects.update(window_ends_at=timezone.now() - timedelta(seconds=1))
    client.post("/compte/mot-de-passe/oublie/", {"email": "PARENT@exemple.fr"})
    assert len(mail.outbox) == 2


@_limits(**{"password-reset-ip": (3, 3600)})
def test_password_reset_is_bounded_per_network(client):
    for n in range(3):
        UserFactory(email=f"parent{n}@exemple.fr")
    UserFactory(email="dernier@exemple.fr")
    for email in ["parent0@exemple.fr", "parent1@exemple.fr", "parent2@exemple.fr", "dernier@exemple.fr"]:
        assert client.post("/compte/mot-de-passe/oublie/", {"email": email}).status_code == 302
    assert len(mail.outbox) == 3
