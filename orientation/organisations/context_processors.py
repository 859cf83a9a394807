from django.utils.functional import SimpleLazyObject

from orientation.organisations.current import current_membership
from orientation.organisations.selectors import active_memberships


def memberships(request):
    """``my_memberships`` and ``current_membership`` for templates, computed only when used."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"my_memberships": [], "current_membership": None}
    return {
        "my_memberships": SimpleLazyObject(lambda: active_memberships(user)),
        "current_membership": SimpleLazyObject(lambda: current_membership(request)),
    }
