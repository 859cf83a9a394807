"""Pathways: each pupil's parcours Avenir (R8) — it reads the ledger, it never decides or ranks.

- The activities a pupil attended are their credits in ``schooling.ActivityRecord`` (interventions,
  events, placements, in-school activities; absent pupils are not credited), shown on a timeline by
  school year.
- ``SavedItem``: a job or a training the pupil saved from the catalogue ("Ajouter à mon parcours").
- ``Reflection``: a short optional text the pupil writes after one of their activities.
- Parents are linked to their children by ``organisations.Membership`` (role PARENT, ``child`` = the
  pupil's membership): through the guardians file of the roster import or by the school.
- Who reads a pathway: the pupil, their parents, the form teacher and the psy-EN of the pupil's
  current class, the head of its establishment; every staff read is logged (``core.AccessLog``);
  anyone else gets 404. The pupil (or a parent of a minor) downloads it all (JSON, PDF) and deletes
  reflections and saved items.
"""
