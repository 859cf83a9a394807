"""Accounts: the single user model, sign-in, lockout, password reset and change.

- ``User``: identified by email (case-insensitive, unique); no username. A person's roles
  are ``organisations.Membership`` rows, not fields of the user.
- Sign-in (``backends.LockoutBackend``, used by the site and the administration) locks an
  account for ``ORIENTATION_LOGIN_LOCKOUT_MINUTES`` after ``ORIENTATION_LOGIN_MAX_FAILURES``
  consecutive failures; the counter is updated in one SQL statement; a success or a new
  password set through the reset link clears it.
- Invitations (the way staff and coordinators get an account) live in ``organisations``,
  which owns the roles they grant.
"""
