"""Concurrent class registrations never overbook a session (row lock + check constraint)."""

import threading

import pytest
from django.db import connections

from orientation.core.errors import DomainError
from orientation.events import services
from orientation.events.models import ClassRegistration, Session
from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_simultaneous_registrations_fill_the_session_exactly():
    head = MembershipFactory()
    session = SessionFactory(event=EventFactory(), capacity=100)
    classes = [SchoolClassFactory(establishment=head.establishment, size=25) for _ in range(12)]
    barrier = threading.Barrier(len(classes))
    outcomes: list[str] = []
    lock = threading.Lock()

    def register(school_class):
        try:
            barrier.wait()
            services.class_registration_create(actor=head.user, session=session, school_class=school_class)
            result = "ok"
        except DomainError:
            result = "full"
        except Exception as exc:  # any other error is a bug the assertion below reports
            result = repr(exc)
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=register, args=(c,)) for c in classes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["full"] * 8 + ["ok"] * 4
    session.refresh_from_db()
    assert session.registered_seats == 100
    assert sum(ClassRegistration.objects.holding_seats().values_list("seats", flat=True)) == 100
    assert Session.objects.get(pk=session.pk).remaining_seats == 0
