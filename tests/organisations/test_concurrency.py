"""Concurrent sign-in failures and invitation acceptances (PostgreSQL: real row locks)."""

import threading

import pytest
from django.db import connections
from django.test import override_settings

from orientation.accounts.backends import LockoutBackend
from orientation.accounts.models import User
from orientation.core.errors import DomainError
from orientation.organisations import services
from orientation.organisations.models import Membership
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _race(count: int, work) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []
    lock = threading.Lock()

    def run():
        try:
            barrier.wait()
            result = work()
        except DomainError as exc:
            result = exc.code
        except Exception as exc:  # any other error is a bug the assertions report
            result = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@override_settings(ORIENTATION_LOGIN_MAX_FAILURES=100)
def test_simultaneous_failures_are_all_counted():
    user = UserFactory()
    outcomes = _race(8, lambda: str(LockoutBackend().authenticate(None, username=user.email, password="faux")))
    assert outcomes == ["None"] * 8
    assert User.objects.get(pk=user.pk).failed_login_count == 8  # no lost update


@override_settings(ORIENTATION_LOGIN_MAX_FAILURES=5)
def test_simultaneous_failures_lock_the_account():
    user = UserFactory()
    _race(8, lambda: str(LockoutBackend().authenticate(None, username=user.email, password="faux")))
    user = User.objects.get(pk=user.pk)
    # Five failures locked it; attempts that arrived once it was locked are not counted.
    assert user.locked_until is not None
    assert user.failed_login_count <= 3


def test_an_invitation_is_accepted_once_under_concurrency():
    head = MembershipFactory()
    invitation = services.invitation_create(
        inviter=head.user, email="prof@exemple.fr", role="FORM_TEACHER", establishment=head.establishment, site_url="/"
    )

    def accept():
        services.invitation_accept(
            token=invitation.raw_token, first_name="Louise", last_name="Michel", password="Un-secret-solide-2026"
        )
        return "ok"

    outcomes = _race(4, accept)
    assert sorted(outcomes).count("ok") == 1, outcomes
    assert set(outcomes) - {"ok"} <= {"used", "invalid"}
    assert Membership.objects.filter(user__email="prof@exemple.fr").count() == 1
