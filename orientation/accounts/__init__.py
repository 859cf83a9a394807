"""Accounts: the single user model, sign-in, lockout, password reset, invitations.

- ``User``: identified by email (case-insensitive, unique); no username. A person's roles
  are ``organisations.Membership`` rows, not fields of the user.
- Sign-in locks an account for ``ORIENTATION_LOGIN_LOCKOUT_MINUTES`` after
  ``ORIENTATION_LOGIN_MAX_FAILURES`` consecutive failures.
"""
