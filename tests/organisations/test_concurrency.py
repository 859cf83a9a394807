"""Concurrent throttle counts and invitation acceptances (PostgreSQL: real row locks)."""

import threading

import pytest
from django.conf import settings
from django.db import connections
from django.test import override_settings

from orientation.core.errors import DomainError
from orientation.core.models import ThrottleCounter
from orientation.core.throttle import throttle_allow
from orientation.organisations import services
from orientation.organisations.models import Membership
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


def test_simultaneous_uses_of_a_throttle_are_all_counted_and_never_exceed_it():
    limits = {**settings.ORIENTATION_THROTTLES, "signin-account": (5, 900)}
    with override_settings(ORIENTATION_THROTTLES=limits):
        outcomes = _race(8, lambda: str(throttle_allow(scope="signin-account", key="198.51.100.1 a@exemple.fr")))
    assert sorted(outcomes) == ["False"] * 3 + ["True"] * 5  # no lost update, never more than the limit
    assert ThrottleCounter.objects.get().count == 5


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
