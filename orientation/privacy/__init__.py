"""Privacy: personal data of young people kept to the minimum and purged when no longer needed.

No model of its own: it reads across apps (top layer), so it sits beside ``demo`` and ``urls``.

``services.personal_data_purge`` (command ``purge_personal_data``, dry run by default):
- a learner (pupil, apprentice, student) whose last enrolment belongs to a school year that ended
  more than ``ORIENTATION_RETENTION_YEARS`` ago, and who holds no other kind of role, is
  **anonymised**: name, e-mail and birth year erased, password unusable, account closed, memberships
  deactivated; the free text of their placement applications (motivation) is erased. The rows
  themselves stay, without identity, so that the class's hours and the annual report's counts (R7,
  R11) do not change;
- a parent account whose only role was towards such a learner is anonymised the same way;
- staff reads of personal data (``core.AccessLog``) older than the retention period are deleted;
- invitations that were used, revoked or expired more than 90 days ago are deleted (they hold an
  e-mail address).
"""
