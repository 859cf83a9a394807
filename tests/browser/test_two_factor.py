"""Two-factor enrolment in real Chromium, on a phone: the QR code and the key shown, no axe violation."""

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.factories import PASSWORD
from tests.browser.conftest import assert_no_axe_violations, sign_in
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import RegionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@override_settings(ORIENTATION_TWO_FACTOR_REQUIRED=True)
def test_a_coordinator_enrols_on_a_phone(live_server, phone_page):
    user = MembershipFactory(coordinator=True, region=RegionFactory()).user
    page = phone_page
    sign_in(page, live_server.url, user.email, PASSWORD)
    page.wait_for_url("**/compte/double-authentification/**")
    assert page.locator(".qr-code svg").is_visible()
    assert page.locator("code.secret").inner_text().strip()
    assert_no_axe_violations(page)
    device = TOTPDevice.objects.get(user=user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="Activer").click()
    page.wait_for_selector("text=La double authentification est activée")
    assert page.locator(".recovery-codes li").count() == 10
    assert_no_axe_violations(page)
