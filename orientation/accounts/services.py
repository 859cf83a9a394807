"""Writes on accounts: sign-in and password-reset throttles, account creation."""

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from orientation.accounts.models import User
from orientation.core.errors import DomainError
from orientation.core.throttle import client_ip, throttle_allow, throttle_clear, throttle_exceeded
from orientation.core.validation import validate


def _signin_keys(request, email: str) -> tuple[str, str]:
    ip = client_ip(request)
    return ip, f"{ip} {email.strip().lower()}"


def signin_throttled(*, request, email: str) -> bool:
    """Whether this network used up its failed sign-ins, for this address or in all."""
    ip, ip_and_address = _signin_keys(request, email)
    return throttle_exceeded(scope="signin-account", key=ip_and_address) or throttle_exceeded(scope="signin-ip", key=ip)


def signin_failure_record(*, request, email: str) -> None:
    """Count a failed sign-in for the network and for (network, address), known account or not."""
    ip, ip_and_address = _signin_keys(request, email)
    throttle_allow(scope="signin-account", key=ip_and_address)
    throttle_allow(scope="signin-ip", key=ip)


def signin_success_record(*, request, email: str) -> None:
    """A successful sign-in gives this network its tries for this address back."""
    throttle_clear(scope="signin-account", key=_signin_keys(request, email)[1])


def password_reset_allowed(*, request, email: str) -> bool:
    """At most one reset e-mail per address per period, and a bounded number per network."""
    return throttle_allow(scope="password-reset-ip", key=client_ip(request)) and throttle_allow(
        scope="password-reset-address", key=email.strip().lower()
    )


@transaction.atomic
def user_create(*, email: str, password: str, first_name: str = "", last_name: str = "", **extra) -> User:
    """Create an account after checking the address is free and the password is strong enough."""
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError("Un compte existe déjà avec cette adresse électronique.", field="email")
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip(), **extra)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password") from exc
    user.set_password(password)
    validate(user)
    user.save()
    return user


def totp_device_for_enrolment(*, user: User) -> TOTPDevice:
    """The person's authenticator waiting to be confirmed, created the first time they enrol."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Application d'authentification", confirmed=False)


@transaction.atomic
def two_factor_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the authenticator with a code it shows; return new recovery codes (shown once).

    Any other authenticator and the previous recovery codes are removed: one of each per person.
    """
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token.strip()):
        raise DomainError(
            "Ce code ne convient pas. Saisissez le code à 6 chiffres affiché par l'application.", field="token"
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Codes de secours")
    codes = [StaticToken.random_token() for _ in range(settings.ORIENTATION_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    return codes


def has_two_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
