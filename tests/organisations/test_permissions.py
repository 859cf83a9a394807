"""Permission matrix: each role × the establishments, départements and académies it must and must not reach."""

import pytest
from django.contrib.auth.models import AnonymousUser

from orientation.organisations import permissions, selectors
from tests.organisations.conftest import fresh

ALL_EST = {"e59", "e62", "e02", "e75"}
ALL_DEP = {"59", "62", "02", "75"}
ALL_ACAD = {"lille", "amiens", "paris"}

# role: (establishments visible, establishments whose staff is visible, départements, académies)
MATRIX = {
    "administrator": (ALL_EST, ALL_EST, ALL_DEP, ALL_ACAD),
    "coordinator_62": ({"e62"}, {"e62"}, {"62"}, set()),
    "coordinator_lille": ({"e59", "e62"}, {"e59", "e62"}, {"59", "62"}, {"lille"}),
    "coordinator_region": ({"e59", "e62", "e02"}, {"e59", "e62", "e02"}, {"59", "62", "02"}, {"lille", "amiens"}),
    "head_59": ({"e59"}, {"e59"}, set(), set()),
    "form_teacher_02": ({"e02"}, {"e02"}, set(), set()),
    "pupil_59": ({"e59"}, set(), set(), set()),
    "parent_59": ({"e59"}, set(), set(), set()),
    "ambassador": (set(), set(), set(), set()),
    "company_member": (set(), set(), set(), set()),
    "nobody": (set(), set(), set(), set()),
}


def _keys(queryset, mapping):
    ids = set(queryset.values_list("pk", flat=True))
    return {key for key, obj in mapping.items() if obj.pk in ids}


@pytest.mark.parametrize("role", MATRIX)
@pytest.mark.parametrize("key", sorted(ALL_EST))
def test_establishments_matrix(world, role, key):
    user = fresh(world.people[role])
    visible, staff_visible, _, _ = MATRIX[role]
    establishment = world.est[key]
    assert selectors.establishments_visible_to(user).filter(pk=establishment.pk).exists() is (key in visible)
    assert selectors.staff_establishments_visible_to(user).filter(pk=establishment.pk).exists() is (
        key in staff_visible
    )
    assert permissions.can_view_staff(user, establishment) is (key in staff_visible)


@pytest.mark.parametrize("role", MATRIX)
def test_departments_and_academies_matrix(world, role):
    user = fresh(world.people[role])
    _, _, departments, academies = MATRIX[role]
    assert _keys(selectors.departments_visible_to(user), world.dep) == departments
    assert _keys(selectors.academies_visible_to(user), world.acad) == academies


def test_anonymous_reaches_nothing(world):
    anonymous = AnonymousUser()
    assert not selectors.establishments_visible_to(anonymous).exists()
    assert not selectors.departments_visible_to(anonymous).exists()
    assert not selectors.academies_visible_to(anonymous).exists()
    assert not selectors.memberships_visible_to(anonymous).exists()


def test_inactive_membership_gives_no_scope(world):
    head = world.people["head_59"]
    head.memberships.update(is_active=False)
    assert not selectors.establishments_visible_to(fresh(head)).exists()


def test_superuser_is_administrator(world):
    user = fresh(world.people["nobody"])
    user.is_superuser = True
    assert selectors.establishments_visible_to(user).count() == 4


def test_memberships_visible_to(world):
    head = fresh(world.people["head_59"])
    visible = set(selectors.memberships_visible_to(head).values_list("user__pk", flat=True))
    # Own membership; not the pupil (learners are not staff data), not other schools' staff.
    assert world.people["head_59"].pk in visible
    assert world.people["pupil_59"].pk not in visible
    assert world.people["form_teacher_02"].pk not in visible

    parent = fresh(world.people["parent_59"])
    parent_visible = set(selectors.memberships_visible_to(parent).values_list("pk", flat=True))
    assert world.pupil_membership.pk in parent_visible

    coordinator = fresh(world.people["coordinator_region"])
    coordinator_visible = set(selectors.memberships_visible_to(coordinator).values_list("user__pk", flat=True))
    assert {world.people["head_59"].pk, world.people["form_teacher_02"].pk} <= coordinator_visible
    assert world.people["ambassador"].pk not in coordinator_visible

    ambassador = fresh(world.people["ambassador"])
    assert set(selectors.memberships_visible_to(ambassador).values_list("user__pk", flat=True)) == {
        world.people["ambassador"].pk
    }
    assert selectors.memberships_visible_to(fresh(world.people["administrator"])).count() > 5


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("administrator", True),
        ("head_59", True),
        ("form_teacher_02", False),
        ("coordinator_lille", False),
        ("pupil_59", False),
        ("ambassador", False),
    ],
)
def test_who_may_invite_staff_to_e59(world, role, allowed):
    assert permissions.can_invite_staff(fresh(world.people[role]), world.est["e59"], "FORM_TEACHER") is allowed


def test_staff_cannot_be_invited_as_coordinator_or_pupil_by_a_head(world):
    head = fresh(world.people["head_59"])
    assert not permissions.can_invite_staff(head, world.est["e59"], "COORDINATOR")
    assert not permissions.can_invite_staff(head, world.est["e59"], "PUPIL")
    assert not permissions.can_invite_staff(head, world.est["e62"], "FORM_TEACHER")
    assert not permissions.can_invite_coordinator(head)
    assert permissions.can_invite_coordinator(fresh(world.people["administrator"]))
