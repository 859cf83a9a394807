"""Organisations: who acts for which establishment, company or territory.

- ``Company``: a company, professional branch or other employer (SIRET when known).
- ``Membership``: one role of one user in one place. A person can hold several
  (a teacher in two schools, a parent who is also an ambassador). The target depends on
  the role: establishment roles (pupil, apprentice, student, head, form teacher, guidance
  psychologist, other staff) point to an ``Establishment``; company members to a
  ``Company``; coordinators to exactly one of Department / Academy / Region; parents to the
  pupil's membership (``child``); ambassadors and administrators to nothing.
  Database constraints enforce this shape.
- The *current* membership is chosen by the user and remembered in the session
  (``organisations.current``).
- Scope: ``selectors.establishments_visible_to(user)`` etc. decide what a viewer may read;
  anything outside answers 404. ``permissions`` holds the ``can_*`` predicates.
- ``Invitation``: an emailed, expiring link (only its hash is stored) by which a head
  invites staff to their establishment and an administrator invites coordinators;
  ``services.invitation_create`` / ``invitation_accept`` / ``invitation_revoke``.
"""
