"""Pure ``can_*`` predicates and the actor roles of a user on a booking."""

from __future__ import annotations

from orientation.ambassadors.permissions import coordinates_department
from orientation.interventions.enums import TRANSITIONS, Actor
from orientation.organisations.enums import STAFF_ROLES, Role
from orientation.organisations.models import Membership


def school_roles(user, establishment) -> set[str]:
    if not user.is_authenticated or establishment is None:
        return set()
    return set(
        Membership.objects.active()
        .filter(user=user, establishment=establishment, role__in=STAFF_ROLES)
        .values_list("role", flat=True)
    )


def can_request_for(user, school_class) -> bool:
    return bool(school_roles(user, school_class.establishment))


def actor_roles(user, booking) -> set[str]:
    """The hats this user wears on this booking (empty: no access at all)."""
    roles: set[str] = set()
    if not user.is_authenticated:
        return roles
    establishment = booking.request.establishment
    staff = school_roles(user, establishment)
    if staff:
        roles.add(Actor.SCHOOL)
    if Role.HEAD in staff:
        roles.add(Actor.HEAD)
    if coordinates_department(user, establishment.commune.department):
        roles.add(Actor.COORDINATOR)
    if booking.ambassador_id and booking.ambassador.user_id == user.pk:
        roles.add(Actor.AMBASSADOR)
    return roles


def can_transition(user, booking, to_status: str, roles: set[str] | None = None) -> bool:
    transition = TRANSITIONS.get((booking.status, to_status))
    if transition is None:
        return False
    roles = actor_roles(user, booking) if roles is None else roles
    return bool(roles & set(transition.actors))


def allowed_transitions(user, booking) -> list[tuple[str, str]]:
    """(target status, verb) the user may apply now, for the page's buttons."""
    roles = actor_roles(user, booking)
    return [
        (to, transition.verb)
        for (frm, to), transition in TRANSITIONS.items()
        if frm == booking.status and roles & set(transition.actors)
    ]
