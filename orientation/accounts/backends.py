from django.contrib.auth.backends import ModelBackend

from orientation.accounts import services
from orientation.accounts.models import User


class ThrottledBackend(ModelBackend):
    """Email + password sign-in (case-insensitive email), throttled per network and per address.

    Living in the backend, the throttle applies to every sign-in path (site and administration).
    Once a network used up its tries for an address (or in all), the password is not even checked;
    failures are counted whether the address has an account or not, so nothing tells them apart.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        username = username.strip()
        if request is not None and services.signin_throttled(request=request, email=username):
            User().set_password(password)  # the same work as a real check: timing tells nothing
            return None
        try:
            user = User._default_manager.get_by_natural_key(username)
        except User.DoesNotExist:
            # Same hashing work as for a real account, so response time reveals nothing.
            User().set_password(password)
            user = None
        if user is not None and user.check_password(password) and self.user_can_authenticate(user):
            if request is not None:
                services.signin_success_record(request=request, email=username)
            return user
        if request is not None:
            services.signin_failure_record(request=request, email=username)
        return None
