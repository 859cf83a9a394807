"""Pure ``can_*`` predicates for the ambassadors app (roles come from organisations.Membership)."""

from __future__ import annotations

from orientation.organisations.enums import Role
from orientation.organisations.models import Membership


def coordinator_memberships(user):
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.active().filter(user=user, role=Role.COORDINATOR)


def coordinates_department(user, department) -> bool:
    """True when the user coordinates this département, its académie or its region."""
    if department is None:
        return False
    for membership in coordinator_memberships(user):
        if membership.department_id == department.pk:
            return True
        if membership.academy_id and membership.academy_id == department.academy_id:
            return True
        if membership.region_id and membership.region_id == department.academy.region_id:
            return True
    return False


def is_coordinator(user) -> bool:
    return coordinator_memberships(user).exists()


def can_verify_ambassador(user, ambassador) -> bool:
    return coordinates_department(user, ambassador.commune.department)


def can_moderate(user) -> bool:
    return is_coordinator(user)
