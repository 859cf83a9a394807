"""Writes on accounts: sign-in bookkeeping (lockout) and account creation."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from orientation.accounts.models import User
from orientation.core.errors import DomainError
from orientation.core.validation import validate


def login_failure_record(*, user: User) -> datetime | None:
    """Count one failed sign-in; lock the account when the limit is reached.

    One UPDATE computed from the row's current values, so two concurrent failures are both
    counted. Returns the end of the lock when this failure locked the account.
    """
    max_failures = settings.ORIENTATION_LOGIN_MAX_FAILURES
    lock_end = timezone.now() + timedelta(minutes=settings.ORIENTATION_LOGIN_LOCKOUT_MINUTES)
    User.objects.filter(pk=user.pk).update(
        # The counter restarts once the account is locked: after the lock, the person gets
        # the same number of tries again.
        failed_login_count=Case(
            When(failed_login_count__gte=max_failures - 1, then=Value(0)),
            default=F("failed_login_count") + 1,
        ),
        locked_until=Case(
            When(failed_login_count__gte=max_failures - 1, then=Value(lock_end)),
            default=F("locked_until"),
        ),
    )
    user.refresh_from_db(fields=["failed_login_count", "locked_until"])
    return user.locked_until if user.locked_until and user.locked_until > timezone.now() else None


def login_success_record(*, user: User) -> None:
    """A successful sign-in clears the failure counter and any expired lock."""
    if user.failed_login_count or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
        user.failed_login_count = 0
        user.locked_until = None


def lock_clear(*, user: User) -> None:
    """A new password set through the reset link unlocks the account."""
    User.objects.filter(pk=user.pk).update(failed_login_count=0, locked_until=None)
    user.failed_login_count = 0
    user.locked_until = None


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
