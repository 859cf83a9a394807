"""Who may read and run a territorial body (pure predicates)."""

from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships, departments_visible_to, is_administrator


def can_manage_body(user, body) -> bool:
    """Coordinators whose territory holds the body (the whole region for the COPIL), administrators."""
    if is_administrator(user):
        return True
    if body.department_id:
        return departments_visible_to(user).filter(pk=body.department_id).exists()
    return any(m.role == Role.COORDINATOR and m.region_id == body.region_id for m in active_memberships(user))


def can_read_body(user, body) -> bool:
    """Those who run it; for the COPIL, also the académies' coordinators (the DRAIO sit on it)."""
    if can_manage_body(user, body):
        return True
    return body.department_id is None and any(
        m.role == Role.COORDINATOR and m.academy_id and m.academy.region_id == body.region_id
        for m in active_memberships(user)
    )
