"""Writes on accounts: sign-in and password-reset throttles, account creation."""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

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
