from django.contrib.auth.backends import ModelBackend

from orientation.accounts import services
from orientation.accounts.models import User


class LockoutBackend(ModelBackend):
    """Email + password sign-in (case-insensitive email) with a lock after repeated failures.

    Living in the backend, the lock applies to every sign-in path (site and administration).
    A locked account is refused even with the right password, and the attempt is not counted.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        try:
            user = User._default_manager.get_by_natural_key(username.strip())
        except User.DoesNotExist:
            # Same hashing work as for a real account, so response time reveals nothing.
            User().set_password(password)
            return None
        if user.is_locked():
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            services.login_success_record(user=user)
            return user
        services.login_failure_record(user=user)
        return None
