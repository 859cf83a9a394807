"""Catalogue of jobs and training, with the labour-market figures that say where they recruit.

Models (``models.py``), all keyed on the official identifiers the importers upsert on:

- ``GrandDomain`` → ``ProfessionalDomain`` → ``Job`` (ROME 4 fiche, ``rome_code`` unique,
  ``rome_v3_parent`` joins data still coded in ROME v3; ``definition`` and ``access`` are the ROME
  texts joined sentence by sentence; RIASEC major/minor; transition / regulated / managerial tags;
  ``is_little_known``, see ``Job``).
- ``Appellation`` (job titles, masculine / feminine, principal, rarely used), ``InterestCentre`` ↔
  ``Job`` through ``JobInterest``, ``JobMobility`` (ROME job-to-job moves, ranked).
- ``OnisepJob`` (Onisep job sheets; M2M to the ROME 4 jobs whose ``rome_v3_parent`` is the sheet's
  ROME v3 code, narrowed to the children whose title shares a word with the sheet when some do).
- ``Training`` (Onisep IDEO catalogue, plus vocational-lycée and Parcoursup programmes no Onisep
  entry matches), ``TrainingOffer`` (training × establishment × modality, with girls / boys when the
  source counts them), ``JobTraining`` (training that leads to a job).
- ``FapFamily`` (FAP-2021, FAP228 level), ``RomeFapLink`` (DARES ROME v3 × qualification → FAP),
  ``RecruitmentNeed`` (BMO 2025 per FAP × bassin; masked ``*`` figures are NULL),
  ``TensionIndicator`` (ROME v3 × bassin, 2021), ``InsertionRate`` (InserJeunes per establishment).

Job ↔ training method (``importers/links.py``): titles are normalised (lower case, no accents, no
stop words, no diploma words, masculine/feminine pairs split), then a training leads to a job when a
significant word of the training title (≥ 4 letters, compared on its first 5 letters so
« boulangerie » meets « boulanger ») is a word of one of the job's appellations; when the training
and an Onisep sheet of that job share an Onisep sub-domain the link is stronger
(``TITLE_IN_DOMAIN``), otherwise it is a plain ``TITLE`` link. Coverage is printed in the import
report (jobs with at least one training, trainings with at least one job).
"""
