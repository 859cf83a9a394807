"""Schooling: school years, classes, enrolments, statutory hours and the activity ledger.

- ``SchoolYear``: "2026-2027", from ``starts_on`` to ``ends_on``; one is current.
- ``SchoolClass`` → Establishment, SchoolYear: a name ("3e B"), a ``level`` (enums.Level) and a size.
- ``Enrolment``: a pupil (user) in a class for the year.
- ``enums.STATUTORY_HOURS``: the annual orientation hours per level (R7).
- ``ActivityRecord``: **the one ledger of orientation activities** (R7, R8). Every app that
  delivers something to a class (an intervention, an event, a placement) writes here through
  ``services.activity_record`` — never directly — with the hours, the date, what it was and
  where it came from (``source`` + ``source_id``, unique per class and pupil so that
  recording twice changes nothing). A row credits a class (``pupil`` empty) or one pupil.
  Counts per establishment, département and académie follow from the class's establishment.
"""
