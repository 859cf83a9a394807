"""Schooling: school years, classes, pupils and enrolments, statutory hours and the activity ledger.

- ``SchoolYear``: "2026-2027", from ``starts_on`` to ``ends_on``; one is current.
- ``SchoolClass`` → Establishment, SchoolYear: a name ("3e B"), a ``level`` (enums.Level), a size
  (its pupils when a roster was loaded), its form teacher and psy-EN (who may read its pupils' pathways).
- ``Pupil``: what is kept about a pupil beyond the account (names and birth year live on the user):
  sex (equity figures), INE (to match the State's pupil sign-in later; never shown to companies or
  ambassadors), the SIECLE ``ELEVE_ID`` of their establishment (to match re-imports of pupils without INE).
  Nothing else from a roster file is stored.
- ``Enrolment``: a pupil in a class, from ``starts_on`` to ``ends_on`` (empty while enrolled). A roster
  re-import closes the enrolment of a pupil who moved class or left, and opens the new one: nothing
  credited to the pupil is lost.
- ``StatutoryHours``: the annual orientation hours per level (R7), **data versioned by school year**:
  a row applies from ``from_year`` (the first year of a school year) until a later version of the same
  level. ``hours`` empty: no statutory volume (6e, 5e, higher education) or hours "à l'initiative de
  l'établissement" (agricultural diplomas). Loaded by a data migration from ``data/statutory_hours.csv``;
  a new version is added with ``manage.py load_statutory_hours``.
- ``ActivityRecord``: **the one ledger of orientation activities** (R7, R8). Every app that
  delivers something to a class (an intervention, an event, a placement) writes here through
  ``services.activity_record`` — never directly — with the hours, the date, what it was and
  where it came from (``source`` + ``source_id``, unique per class and pupil so that
  recording twice changes nothing). A row credits a class (``pupil`` empty) or one pupil. A class
  credit is followed by one credit for each pupil enrolled in the class that day, except those
  marked absent: a pupil's pathway reads their own credits.
- ``SchoolActivity``: an activity staff declare inside the school (a psy-EN workshop, a CIO visit, an
  orientation lesson, preparing a forum) for a class, with the pupils absent; it is credited to the
  ledger when declared.
- ``PlannedActivity``: the year's plan per class; planned hours count in the projection until an
  activity declared fulfils them.
- ``RosterUpload``: a roster file a head (or a staff member they allow, ``RosterManager``) loaded, kept
  between the preview and the confirmation, with who applied it and when.
"""
