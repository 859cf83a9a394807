"""Pure ``can_*`` predicates: they read the viewer's memberships (cached) and the object given.

Establishments passed here should come with ``commune__department__academy`` selected.
"""

from orientation.organisations.enums import STAFF_ROLES, CoordinatorLevel, Role
from orientation.organisations.selectors import active_memberships, coordinator_level, is_administrator

# Who may invite whom (R: a head invites staff to their establishment; an administrator
# invites coordinators, and the first head of an establishment).
HEAD_INVITABLE_ROLES = STAFF_ROLES
ADMIN_INVITABLE_ROLES = (*STAFF_ROLES, Role.COORDINATOR)


def _covers(membership, establishment) -> bool:
    level = coordinator_level(membership)
    department = establishment.commune.department
    if level == CoordinatorLevel.DEPARTMENT:
        return department.pk == membership.department_id
    if level == CoordinatorLevel.ACADEMY:
        return department.academy_id == membership.academy_id
    if level == CoordinatorLevel.REGION:
        return department.academy.region_id == membership.region_id
    return False


def is_head_of(user, establishment) -> bool:
    return any(m.role == Role.HEAD and m.establishment_id == establishment.pk for m in active_memberships(user))


def is_coordinator(user) -> bool:
    return any(m.role == Role.COORDINATOR for m in active_memberships(user))


def can_view_staff(user, establishment) -> bool:
    if is_administrator(user):
        return True
    for m in active_memberships(user):
        if m.role in STAFF_ROLES and m.establishment_id == establishment.pk:
            return True
        if m.role == Role.COORDINATOR and _covers(m, establishment):
            return True
    return False


def can_view_scope(user) -> bool:
    return is_administrator(user) or is_coordinator(user)


def can_invite_staff(user, establishment, role: str | None = None) -> bool:
    if role is not None and role not in HEAD_INVITABLE_ROLES:
        return False
    return is_administrator(user) or is_head_of(user, establishment)


def can_invite_coordinator(user) -> bool:
    return is_administrator(user)


def can_revoke_invitation(user, invitation) -> bool:
    if invitation.invited_by_id == user.pk or is_administrator(user):
        return True
    return invitation.establishment_id is not None and any(
        m.role == Role.HEAD and m.establishment_id == invitation.establishment_id for m in active_memberships(user)
    )
