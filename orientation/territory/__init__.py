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
- ``Outline``: the outline of the région, a département, a basin or a commune for the base maps
  (IGN ADMIN EXPRESS 2018), projected (Lambert-93, map units of 100 m) and simplified along shared
  borders ONCE, by the import (``geometry``, ``importers.outlines``); a commune merged since 2018 is the
  union of its former outlines (joined through ``anciensCodes``), a basin the union of its communes.

Maps (server-side SVG, no JavaScript, CSP-safe: classes only, no style attribute):
- ``svgmap.render_map(points, title=, description=, basemap=…)`` draws establishments, offers, events…
  on a base layer; ``basemaps.region_basemap()``, ``department_basemap(code, focus_commune=)``,
  ``local_basemap(lat, lon, radius_km)`` and ``around_points(coordinates)`` build that layer from the
  stored outlines (the largest towns named), or return None on a territory without outlines (the demo):
  the map is then drawn on a plain background. Each page keeps the same data as a table beside the map.
- ``svgmap.choropleth(outlines, values_by_code, title=, description=, classes=4 | breaks=[…],
  value_label=, borders=, names=)`` colours outlines (``basemaps.outlines(level, …)``, e.g. the communes
  of a département or the région's basins) by a value per code, in up to 5 classes light to dark, each
  with its own colour AND pattern (the pattern contrasts 3:1 with its colour; outlines with no value are
  white and dashed). It returns ``.svg`` (``role="img"``, the title and description as text alternative)
  and ``.legend``: rows (label « de 10 à 19 », low, high, count, swatch icon) for the HTML legend. The page
  must still give the values as a table.

Nothing region-specific lives in code: ``settings.ORIENTATION_REGION_CODE`` and the imported
data decide. Counts per establishment, département and académie (the annual report, R11)
come from ``selectors``.
"""
