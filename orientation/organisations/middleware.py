from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse

from orientation.organisations.permissions import is_coordinator
from orientation.organisations.selectors import is_administrator

SESSION_KEY = "two_factor_required"


def two_factor_required(user) -> bool:
    """Coordinators, administrators and whoever reaches the Django admin confirm with a second factor."""
    return user.is_staff or is_administrator(user) or is_coordinator(user)


class TwoFactorRequiredMiddleware:
    """Until a person who must use two factors has confirmed this sign-in, every page leads to the
    two-factor page (enrolment the first time), the Django admin included; the API treats them as
    signed out (401), so a session that only passed the password reaches nothing.

    Whether the person must is computed once per session (their memberships), not on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if settings.ORIENTATION_TWO_FACTOR_REQUIRED and user.is_authenticated and not user.is_verified():
            if SESSION_KEY not in request.session:
                request.session[SESSION_KEY] = two_factor_required(user)
            if request.session[SESSION_KEY]:
                exempt = reverse("accounts:two_factor"), reverse("accounts:logout"), settings.STATIC_URL
                if request.path.startswith("/api/"):
                    request.user = AnonymousUser()
                elif not request.path.startswith(exempt):
                    return redirect(f"{reverse('accounts:two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)
