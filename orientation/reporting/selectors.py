"""Reads for the steering pages, scoped to the viewer (``scope.resolve_scope`` answers 404 outside)."""

from django.http import Http404

from orientation.reporting.models import AnnualReport
from orientation.reporting.scope import Scope, can_steer, resolve_scope


def report_for(user, pk: int) -> AnnualReport:
    """A report the viewer may read: one of a scope they may steer (404 otherwise, as for a missing one)."""
    if not can_steer(user):
        raise Http404
    report = AnnualReport.objects.filter(pk=pk).first()
    if report is None:
        raise Http404
    resolve_scope(user, {report.scope_kind: report.scope_code})
    return report


def reports_of_scope(scope: Scope, limit: int = 10):
    return (
        AnnualReport.objects.filter(scope_kind=scope.kind, scope_code=scope.code)
        .defer("html", "pdf", "xlsx")
        .order_by("-created_at")[:limit]
    )
