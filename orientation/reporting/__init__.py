"""Reporting (R11, R12, R16): read-only indicators of what happened, where and for whom.

Design
------
* Nothing here writes domain data: every figure is counted from the other apps' records (the
  schooling ledger, bookings, class registrations, placement applications, ambassadors). The only
  model is ``AnnualReport``, the state of one report being generated in the background.
* ``scope.Scope`` is where: the region, an académie, a département, an employment basin or one
  establishment. It resolves to a set of establishments and is checked against the viewer: a scope
  outside the viewer's answers 404, like a missing page. ``scope.Period`` is when: a school year or
  explicit dates.
* ``indicators.compute(scope, period)`` returns every indicator (code, French label, value, unit,
  the same figure by priority network and by urban/rural commune, and a note saying how it is
  counted). A handful of grouped queries serve all indicators: their number does not grow with the
  territory. ``records`` lists the rows behind each number (the steering page links every number there).
* ``exports`` writes any table as CSV or XLSX (numbers stay numbers). ``report`` assembles the annual
  report (HTML, PDF with WeasyPrint, XLSX with one sheet per section); ``tasks.annual_report_generate``
  builds it in the background and records its progress; ``manage.py annual_report`` writes the three
  files directly.
* Layer: the top of the domain (``… → governance → reporting/api``): it may read every app, none
  reads it.
"""
