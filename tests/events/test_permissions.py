"""Who may do what with events: each role × each object it must and must not reach."""

import pytest
from django.contrib.auth.models import AnonymousUser

from orientation.events import permissions
from orientation.events.models import Event
from tests.accounts.factories import UserFactory
from tests.events.factories import EventFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    school = MembershipFactory().establishment
    return {
        "school_class": SchoolClassFactory(establishment=school),
        "head": MembershipFactory(establishment=school).user,
        "teacher": MembershipFactory(form_teacher=True, establishment=school).user,
        "psychologist": MembershipFactory(role="GUIDANCE_PSYCHOLOGIST", establishment=school).user,
        "pupil": MembershipFactory(pupil=True, establishment=school).user,
        "other_head": MembershipFactory().user,
        "coordinator": MembershipFactory(coordinator=True).user,
        "administrator": MembershipFactory(administrator=True).user,
        "nobody": UserFactory(),
        "anonymous": AnonymousUser(),
    }


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("head", True),
        ("teacher", True),
        ("psychologist", True),
        ("pupil", False),
        ("other_head", False),
        ("coordinator", False),
        ("administrator", False),
        ("nobody", False),
        ("anonymous", False),
    ],
)
def test_who_registers_a_class(world, who, expected):
    assert permissions.can_register_class(world[who], world["school_class"]) is expected


@pytest.mark.parametrize(
    ("who", "organise", "manage"),
    [
        ("head", False, False),
        ("pupil", False, False),
        ("coordinator", True, False),
        ("administrator", True, True),
        ("nobody", False, False),
        ("anonymous", False, False),
    ],
)
def test_who_organises_and_manages(world, who, organise, manage):
    event = EventFactory()
    assert permissions.can_organise_events(world[who]) is organise
    assert permissions.can_manage_event(world[who], event) is manage
    assert permissions.can_manage_event(event.organiser, event) is True


@pytest.mark.parametrize(
    ("who", "sees_draft"),
    [("head", False), ("coordinator", False), ("administrator", True), ("nobody", False), ("anonymous", False)],
)
def test_drafts_are_visible_to_their_organiser_and_administrators_only(world, who, sees_draft):
    draft = EventFactory(draft=True)
    published = EventFactory()
    visible = set(Event.objects.visible_to(world[who]))
    assert published in visible
    assert (draft in visible) is sees_draft
    assert draft in set(Event.objects.visible_to(draft.organiser))
