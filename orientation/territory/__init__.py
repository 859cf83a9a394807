"""Territory: the region the platform serves, from official open data.

Models (all keyed by their official identifier):
- ``Region`` (INSEE code, e.g. "32"); ``is_demo`` marks a demo territory built by our own code.
- ``Academy`` (code of the académie, "09" Lille, "20" Amiens) → Region; ``holiday_zone`` (A, B or C)
  from the Ministry's school calendar (``data/academy_holiday_zones.csv``), read by ``calendar``:
  the one service that says whether a school is open on a day, and why not.
- ``Department`` (INSEE code "02", "59"…) → Academy.
- ``Basin``: France Travail *bassin d'emploi* (BE19/BE25 code "3216"), used by the BMO survey.
- ``EmploymentZone``: INSEE *zone d'emploi* 2020 ("3201").
- ``Commune`` (INSEE code, 5 characters, leading zero kept) → Department, Basin, EmploymentZone;
  postal codes, legal population, centroid, ``urban_class`` from INSEE's urban-unit size (TUU2017:
  0 = rural commune outside any urban unit).
- ``Establishment`` (UAI) → Commune: kind, sector, ministry, priority network (REP / REP+),
  coordinates, pupils, IPS.
- ``EstablishmentHeadcount``: pupils of an establishment for a school year, by level and sex.

Nothing region-specific lives in code: ``settings.ORIENTATION_REGION_CODE`` and the imported
data decide. Counts per establishment, département and académie (the annual report, R11)
come from ``selectors``.
"""
