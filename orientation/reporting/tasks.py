"""Background tasks of the reporting app."""

import logging

from orientation.core.background import background_task
from orientation.reporting import report, services
from orientation.reporting.models import AnnualReport, ReportStatus
from orientation.reporting.scope import parse_period, scope_from

logger = logging.getLogger("orientation")


@background_task(max_attempts=2)
def annual_report_generate(report_id: int) -> str:
    """Build the three files of a queued report; idempotent (a retried run starts again from the figures)."""
    annual = AnnualReport.objects.filter(pk=report_id).defer("html", "pdf", "xlsx").first()
    if annual is None or annual.status == ReportStatus.READY:
        return "nothing to do"
    scope = scope_from(annual.scope_kind, annual.scope_code)
    try:
        html, pdf, xlsx = report.build(
            scope,
            parse_period(annual.school_year),
            progress=lambda p, step: services.annual_report_progress(annual, progress=p, step=step),
        )
    except Exception as exc:
        services.annual_report_fail(annual, error=f"{type(exc).__name__}: {exc}")
        raise
    services.annual_report_progress(annual, progress=95, step="Enregistrement")
    services.annual_report_finish(annual, html=html, pdf=pdf, xlsx=xlsx)
    return "ready"
