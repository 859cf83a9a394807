"""Pure ``can_*`` predicates for moderation."""

from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships, is_administrator


def can_moderate(user) -> bool:
    """Coordinators and administrators open the queue; which items they see is ``items_visible_to``."""
    return is_administrator(user) or any(m.role == Role.COORDINATOR for m in active_memberships(user))
