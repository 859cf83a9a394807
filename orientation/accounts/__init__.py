"""Accounts: the single user model, sign-in, its throttle, password reset and change.

- ``User``: identified by email (case-insensitive, unique); no username. A person's roles
  are ``organisations.Membership`` rows, not fields of the user.
- Sign-in (``backends.ThrottledBackend``, used by the site and the administration) is throttled
  per network and per (network, address) (``core.throttle``, limits ``signin-ip`` and
  ``signin-account``): the answer is the same whether the address has an account or not, and
  failures from one network never lock the person out from another.
- Invitations (the way staff and coordinators get an account) live in ``organisations``,
  which owns the roles they grant.
"""
