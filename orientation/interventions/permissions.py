"""Pure ``can_*`` predicates and the actor roles of a user on a booking."""

from __future__ import annotations

from orientation.ambassadors.permissions import coordinates_department
from orientation.interventions.enums import Actor
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
    """The hats this user wears on this booking (empty: no access at all); remembered on the booking
    for the page's several questions."""
    if not user.is_authenticated:
        return set()
    cache = booking.__dict__.setdefault("_actor_roles", {})
    key = (user.pk, booking.ambassador_id)
    if key not in cache:
        cache[key] = _actor_roles(user, booking)
    return cache[key]


def _actor_roles(user, booking) -> set[str]:
    roles: set[str] = set()
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
