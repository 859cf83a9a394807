"""Who may do what with the action plan and contracts (pure predicates)."""

from orientation.organisations.enums import Role
from orientation.organisations.selectors import active_memberships, establishments_visible_to, is_administrator


def is_coordinator(user) -> bool:
    return is_administrator(user) or any(m.role == Role.COORDINATOR for m in active_memberships(user))


def can_steer_establishment(user, establishment_id: int) -> bool:
    """A coordinator (or administrator) whose territory holds the establishment."""
    return is_coordinator(user) and establishments_visible_to(user).filter(pk=establishment_id).exists()


def is_head_of(user, establishment_id: int) -> bool:
    return any(m.role == Role.HEAD and m.establishment_id == establishment_id for m in active_memberships(user))


def can_sign_for(user, contract, party: str) -> bool:
    if party == "ESTABLISHMENT":
        return is_head_of(user, contract.establishment_id)
    return can_steer_establishment(user, contract.establishment_id)
