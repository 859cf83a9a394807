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
stop words, no diploma words); each significant word (≥ 4 letters) is compared on its first 5
letters, so « boulangerie » meets « boulanger ». A training leads to a job when they share such
words, each weighted by its rarity among jobs (a word shared by more than 150 jobs counts for
nothing); a word that appears only in a secondary title of the job needs a second shared word or a
shared Onisep sub-domain. A shared Onisep sub-domain (training ↔ the job's Onisep sheets) makes the
link stronger (``TITLE_IN_DOMAIN``, otherwise ``TITLE``); each training keeps its 8 best jobs.
Pages list a job's training offered in the region first, then by strength.

Joins and coverage on the real open data (import report notes, checked by ``test_real_data.py``):

- ROME 4: 1,584 fiches, 13,120 titles, 4,444 interest links, 14,912 mobility links; every ROME v3
  parent (532) reaches a FAP-2021 family through the DARES table.
- BMO 2025: 3,617 rows, all 213 métier codes linked to at least one ROME fiche, all 28 bassins joined
  to the territory (BE25 = BE19 of ``zones/``, imported by the territory); 791 masked project counts
  and 1,627 masked difficult counts stored as NULL.
- Tension 2021: 2,198 rows, all 260 ROME v3 codes reach a ROME 4 fiche.
- Vocational lycées (MEF, rentrée 2024): 230 of 296 trainings matched to an Onisep entry (diploma
  kind + abbreviated title), the other 66 kept as their own trainings; all 304 UAIs joined.
- Parcoursup: 326 of 465 programmes matched to an Onisep entry; UAIs joined when the territory has
  them (it imports Parcoursup's establishments).
- Onisep job sheets: 957 sheets (one per ``MET.`` id), 1,099 ROME 4 fiches with a sheet; 92 sheets
  have no ROME code.
- Job ↔ training: 1,449 of 1,584 fiches have at least one training; 6,146 of 6,296 trainings lead to
  at least one job. 250 fiches are flagged little known.
- InserJeunes: 113 UAIs (mostly CFAs outside the 2021 CFA list) are not in the territory; their rates
  are kept by UAI.
"""
