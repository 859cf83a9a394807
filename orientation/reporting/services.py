"""Writes of the reporting app: only the annual report's own state (the figures are never written)."""

from django.db import transaction
from django.utils import timezone

from orientation.core.background import enqueue_on_commit
from orientation.core.validation import validate
from orientation.reporting.models import AnnualReport, ReportStatus
from orientation.reporting.scope import Period, Scope


@transaction.atomic
def annual_report_request(*, actor, scope: Scope, period: Period) -> AnnualReport:
    """Queue the generation of a report; the actor must already have been allowed the scope (``resolve_scope``)."""
    report = AnnualReport(
        scope_kind=scope.kind,
        scope_code=scope.code,
        scope_label=scope.label,
        school_year=period.school_year,
        requested_by=actor,
        step="En attente d'un processus de calcul",
    )
    validate(report)
    report.save()
    from orientation.reporting.tasks import annual_report_generate

    enqueue_on_commit(annual_report_generate, report.pk)
    return report


def annual_report_progress(report: AnnualReport, *, progress: int, step: str) -> None:
    """Record the progress in its own short write, visible at once to the page that polls it."""
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=progress, step=step, updated_at=timezone.now()
    )


def annual_report_finish(report: AnnualReport, *, html: str, pdf: bytes, xlsx: bytes) -> None:
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY,
        progress=100,
        step="Terminé",
        html=html,
        pdf=pdf,
        xlsx=xlsx,
        error="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def annual_report_fail(report: AnnualReport, *, error: str) -> None:
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatus.FAILED, step="Échec", error=error[:2000], updated_at=timezone.now()
    )
