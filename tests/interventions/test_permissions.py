"""Who may do what on a booking: each hat × each transition of the table."""

import pytest

from orientation.interventions import services
from orientation.interventions.enums import Actor, BookingStatus
from orientation.interventions.permissions import actor_roles
from orientation.interventions.workflow import BOOKING
from orientation.organisations.enums import Role
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory
from tests.organisations.factories import coordinator_of, staff_of
from tests.territory.factories import DepartmentFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(world):
    request = services.intervention_request(
        actor=world.teacher,
        school_class=world.school_class,
        format=world.format,
        windows=world.windows,
        rome_codes=["D1102"],
    )
    booking = services.booking_approve(booking=request.booking, actor=world.head)
    return services.booking_propose(
        booking=booking, ambassador=world.ambassador, starts_at=world.start, actor=world.coordinator
    )


def people(world):
    return {
        "head": world.head,
        "teacher": world.teacher,
        "coordinator": world.coordinator,
        "ambassador": world.ambassador.user,
        "other_ambassador": AmbassadorFactory(ready=True).user,
        "other_school_head": staff_of(EstablishmentFactory(roubaix=True), Role.HEAD),
        "other_coordinator": coordinator_of(DepartmentFactory(somme=True)),
        "stranger": UserFactory(),
    }


EXPECTED_ROLES = {
    "head": {Actor.HEAD, Actor.SCHOOL},
    "teacher": {Actor.SCHOOL},
    "coordinator": {Actor.COORDINATOR},
    "ambassador": {Actor.AMBASSADOR},
    "other_ambassador": set(),
    "other_school_head": set(),
    "other_coordinator": set(),
    "stranger": set(),
}


_C, _H, _S, _A = Actor.COORDINATOR, Actor.HEAD, Actor.SCHOOL, Actor.AMBASSADOR
# Who may move a booking to each status (R4), written out independently of the table.
ACTORS = {
    BookingStatus.APPROVED: {_H},
    BookingStatus.PROPOSED: {_C},
    BookingStatus.ACCEPTED: {_A},
    BookingStatus.DECLINED: {_A},
    BookingStatus.CONFIRMED: {_H, _S, _C},
    BookingStatus.DONE: {_S, _H, _A},
    BookingStatus.EVALUATED: {_S, _H},
    BookingStatus.CANCELLED: {_S, _H, _C, _A},
}


def test_roles_matrix(world, booking):
    for name, user in people(world).items():
        assert actor_roles(user, booking) == EXPECTED_ROLES[name], name


def test_transition_matrix_follows_the_table(world, booking):
    everyone = people(world)
    for transition in BOOKING.transitions:
        booking.status = transition.source
        for name, user in everyone.items():
            expected = bool(EXPECTED_ROLES[name] & ACTORS[transition.target])
            assert BOOKING.can(booking, user, transition.target) is expected, (
                transition.source,
                transition.target,
                name,
            )


def test_proposed_booking_offers_accept_and_decline_to_the_ambassador_only(world, booking):
    targets = [t.target for t in BOOKING.allowed(booking, world.ambassador.user)]
    assert targets == [BookingStatus.ACCEPTED, BookingStatus.DECLINED, BookingStatus.CANCELLED]
    assert BookingStatus.ACCEPTED not in [t.target for t in BOOKING.allowed(booking, world.head)]
