"""The current membership: which organisation a person acts for right now.

Stored in the session, always re-checked against the person's active memberships, so a
stale or forged id falls back to the default (the first membership).
"""

from orientation.organisations.models import Membership
from orientation.organisations.selectors import active_memberships

SESSION_KEY = "organisations.current_membership"


def current_membership(request) -> Membership | None:
    user = getattr(request, "user", None)
    memberships = active_memberships(user)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0]


def current_membership_set(request, membership_id: int) -> Membership | None:
    """Remember the choice if the membership is one of the user's active ones; else change nothing."""
    for membership in active_memberships(request.user):
        if membership.pk == membership_id:
            request.session[SESSION_KEY] = membership.pk
            return membership
    return None
