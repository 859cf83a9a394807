"""Two factors (TOTP application + recovery codes) are required of coordinators and administrators."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD, UserFactory
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]

TWO_FACTOR = "/compte/double-authentification/"


@pytest.fixture
def two_factor_on():
    with override_settings(ORIENTATION_TWO_FACTOR_REQUIRED=True):
        yield


def _coordinator():
    return MembershipFactory(coordinator=True, region=RegionFactory()).user


def _sign_in(client, user):
    response = client.post("/compte/connexion/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client.get(response["Location"])


def _code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def _enrol(client):
    page = client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(confirmed=False)
    done = client.post(TWO_FACTOR, {"token": _code(device), "next": "/compte/"})
    codes = re.findall(r"<li><code>(\w+)</code></li>", done.content.decode())
    return page, done, device, codes


@pytest.mark.parametrize("trait", ["coordinator", "administrator"])
def test_coordinators_and_administrators_must_enrol_before_anything_else(client, trait):
    user = _coordinator() if trait == "coordinator" else MembershipFactory(administrator=True).user
    response = _sign_in(client, user)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    # Every page leads there, the Django admin included; the API treats the session as signed out.
    assert client.get("/organisations/").url.startswith(TWO_FACTOR)
    assert client.get("/admin/").url.startswith(TWO_FACTOR)
    assert client.get("/api/v1/interventions/requests").status_code == 401

    page, done, device, codes = _enrol(client)
    body = page.content.decode()
    assert "<svg" in body  # the QR code, drawn on the server
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', body).group(1)
    assert len(secret.replace(" ", "")) >= 32  # the key as text, for a phone without a camera
    assert done.status_code == 200
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/organisations/").status_code != 302 or not client.get("/organisations/").url.startswith(
        TWO_FACTOR
    )
    assert client.get("/api/v1/interventions/requests").status_code == 200


def test_a_wrong_code_does_not_enrol_and_says_so_in_french(client):
    user = _coordinator()
    _sign_in(client, user)
    client.get(TWO_FACTOR)
    response = client.post(TWO_FACTOR, {"token": "000000"})
    assert "Ce code ne convient pas" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_next_sign_in_asks_for_a_code_and_a_recovery_code_works_once(client):
    user = _coordinator()
    _sign_in(client, user)
    _, _, _device, codes = _enrol(client)
    client.post("/compte/deconnexion/")

    _sign_in(client, user)
    page = client.get(TWO_FACTOR)
    assert "Confirmer votre connexion" in page.content.decode()
    wrong = client.post(TWO_FACTOR, {"token": "123456"})
    assert "Ce code ne convient pas" in wrong.content.decode()
    # A failure makes each device wait before the next try (django-otp's throttle): a second later…
    for model in (TOTPDevice, StaticDevice):
        model.objects.update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=1))
    ok = client.post(TWO_FACTOR, {"token": codes[0], "next": "/organisations/"})
    assert ok.status_code == 302
    assert ok["Location"] == "/organisations/"
    client.post("/compte/deconnexion/")

    _sign_in(client, user)
    again = client.post(TWO_FACTOR, {"token": codes[0]})
    assert "Ce code ne convient pas" in again.content.decode()  # a recovery code serves once


def test_next_is_never_an_address_elsewhere(client):
    user = _coordinator()
    _sign_in(client, user)
    _enrol(client)
    client.post("/compte/deconnexion/")
    _sign_in(client, user)
    device = TOTPDevice.objects.get(user=user)
    response = client.post(TWO_FACTOR, {"token": _code(device, drift=1), "next": "https://ailleurs.example/"})
    assert response["Location"] == "/compte/"


def test_staff_with_admin_access_need_two_factors_too(client):
    user = UserFactory(is_staff=True)
    assert _sign_in(client, user)["Location"].startswith(TWO_FACTOR)


def test_a_teacher_signs_in_with_the_password_alone(client):
    user = MembershipFactory(form_teacher=True).user
    response = _sign_in(client, user)
    assert response.status_code == 200
