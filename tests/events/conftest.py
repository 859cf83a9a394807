import pytest

from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory


@pytest.fixture
def head():
    """Head of a vocational lycée in Lens (journey 6)."""
    return MembershipFactory(
        establishment__name="Lycée professionnel Auguste Béhal",
        establishment__kind="LYCEE_PRO",
        establishment__commune__name="Lens",
        establishment__commune__insee_code="62498",
        establishment__commune__department__code="62",
        establishment__commune__department__name="Pas-de-Calais",
    )


@pytest.fixture
def coordinator():
    return MembershipFactory(coordinator=True).user


@pytest.fixture
def forum(coordinator):
    return EventFactory(organiser=coordinator, title="Forum régional des métiers", levels=["2NDE_PRO", "1RE_PRO"])


@pytest.fixture
def forum_session(forum):
    return SessionFactory(event=forum, capacity=60)


@pytest.fixture
def bac_pro_class(head):
    return SchoolClassFactory(establishment=head.establishment, level="2NDE_PRO", name="2nde MELEC", size=24)
