"""On PostgreSQL, two coordinators proposing the same ambassador at the same time: one wins."""

import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connections, transaction

from orientation.core.errors import DomainError
from orientation.interventions import services
from orientation.interventions.enums import BookingStatus
from orientation.interventions.models import Booking

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def approved(world):
    request = services.intervention_request(
        actor=world.teacher,
        school_class=world.school_class,
        format=world.format,
        windows=world.windows,
        rome_codes=["D1102"],
    )
    return services.booking_approve(booking=request.booking, actor=world.head)


def test_concurrent_proposals_book_the_ambassador_once(world):
    bookings = [approved(world), approved(world)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def propose(booking):
        try:
            barrier.wait(timeout=10)
            services.booking_propose(
                booking=booking, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator
            )
            outcomes.append("ok")
        except DomainError as exc:
            outcomes.append(exc.message)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(b,)) for b in bookings]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == sorted(["ok", services.DOUBLE_BOOKING])
    assert Booking.objects.filter(status=BookingStatus.PROPOSED).count() == 1


def test_exclusion_constraint_rejects_overlap_written_directly(world):
    first = approved(world)
    services.booking_propose(booking=first, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator)
    second = approved(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.filter(pk=second.pk).update(
            status=BookingStatus.PROPOSED,
            ambassador=world.ambassador,
            starts_at=world.start + timedelta(minutes=90),
            ends_at=world.start + timedelta(minutes=150),
        )
    # back to back is fine: ranges are half-open
    Booking.objects.filter(pk=second.pk).update(
        status=BookingStatus.PROPOSED,
        ambassador=world.ambassador,
        starts_at=world.start + timedelta(minutes=120),
        ends_at=world.start + timedelta(minutes=240),
    )
