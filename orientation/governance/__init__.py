"""Territorial bodies (R10): one per département and the regional steering committee (COPIL).

Design
------
* ``Body``: a territorial body of a département (``kind=DEPARTMENT``) or the regional COPIL.
  ``Member``: a person by R10 category (``enums.MemberCategory``) with their organisation.
* ``Meeting``: twice a year (dates proposed in step with the national orientation calendar:
  ``services.proposed_meeting_dates``), with its agenda and each member's attendance.
* ``Minutes`` are versioned: each new text is a new version; a version is approved at the next
  meeting (``approved_at_meeting``) and is then frozen.
* ``Decision`` of a meeting, with its ``FollowUp`` rows (an owner, a due date; late when overdue and
  not done). A decision becomes public once the minutes of its meeting are approved.
* Agendas and minutes print as PDF; each body has a public page with its composition by category and
  its approved decisions. Other reads (meetings, draft minutes) are for coordinators of the body's
  territory: 404 otherwise.
"""
