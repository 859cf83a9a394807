"""Steering pages: the indicators of a scope and period, the records behind each, exports, the annual report."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from orientation.reporting import charts, exports, records, selectors, services
from orientation.reporting.indicators import (
    NETWORK_LABELS,
    NETWORKS,
    URBAN_CLASSES,
    URBAN_LABELS,
    compute,
    equity_table,
)
from orientation.reporting.models import ReportStatus
from orientation.reporting.report import key_figures, not_reached_map, not_reached_table
from orientation.reporting.scope import KIND_LABELS, ScopeError, parse_period, resolve_scope
from orientation.territory.enums import PriorityNetwork, UrbanClass


def _scope_and_period(request):
    scope = resolve_scope(request.user, request.GET)
    period = parse_period(request.GET.get("school_year"), request.GET.get("from"), request.GET.get("to"))
    return scope, period


def _query(scope, period, **extra) -> str:
    return urlencode({**scope.as_params(), **period.as_params(), **extra})


def _steering(request):
    try:
        scope, period = _scope_and_period(request)
    except ScopeError as exc:
        return None, exc
    return compute(scope, period), None


def _all_tables(steering):
    return [key_figures(steering), equity_table(steering), *steering.tables, not_reached_table(steering)]


def steering_page(request):
    steering, error = _steering(request)
    if error:
        return render(request, "reporting/error.html", {"message": str(error)}, status=400)
    scope, period = steering.scope, steering.period
    query = _query(scope, period)
    records_url = reverse("reporting:records", args=["_code_"])
    cards = [
        {
            "indicator": i,
            "url": records_url.replace("_code_", i.records) + "?" + query if i.records else "",
            "splits": [(NETWORK_LABELS[k], i.by_priority_network.get(k, 0), {"network": k}) for k in NETWORKS]
            + [(URBAN_LABELS[k], i.by_urban_class.get(k, 0), {"urban": k}) for k in URBAN_CLASSES[:2]],
        }
        for i in steering.indicators
    ]
    for card in cards:
        card["split_links"] = [
            (
                label,
                value,
                records_url.replace("_code_", card["indicator"].records) + "?" + _query(scope, period, **extra),
            )
            if card["indicator"].records
            else (label, value, "")
            for label, value, extra in card.pop("splits")
        ]
    by_status = steering.table("interventions_by_status")
    context = {
        "steering": steering,
        "scope": scope,
        "period": period,
        "query": query,
        "kind_label": KIND_LABELS[scope.kind],
        "cards": cards,
        "equity": equity_table(steering),
        "tables": steering.tables,
        "not_reached": not_reached_table(steering),
        "not_reached_url": reverse("reporting:records", args=["establishments_not_reached"]) + "?" + query,
        "map_svg": not_reached_map(steering),
        "status_chart": charts.bar_chart(
            [(row[0], row[1]) for row in by_status.rows], title=by_status.title, dom_id="graphique-etapes"
        ),
        "children": [(child, _query(child, period)) for child in scope.children()],
        "reports": selectors.reports_of_scope(scope),
        "print_view": request.GET.get("impression") == "1",
    }
    return render(request, "reporting/steering.html", context)


def steering_export(request, slug: str, fmt: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404
    steering, error = _steering(request)
    if error:
        return render(request, "reporting/error.html", {"message": str(error)}, status=400)
    tables = _all_tables(steering)
    name = f"pilotage-{steering.scope.kind}-{steering.scope.code}-{steering.period.school_year}"
    if slug == "tout" and fmt == "xlsx":
        content = exports.tables_xlsx([(t.title, [t]) for t in tables])
    else:
        table = next((t for t in tables if t.slug == slug), None)
        if table is None:
            raise Http404
        name += f"-{slug}"
        content = exports.table_csv(table) if fmt == "csv" else exports.tables_xlsx([(table.title, [table])])
    content_type = "text/csv; charset=utf-8" if fmt == "csv" else exports.XLSX_TYPE
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def records_page(request, code: str):
    try:
        scope, period = _scope_and_period(request)
    except ScopeError as exc:
        return render(request, "reporting/error.html", {"message": str(exc)}, status=400)
    network = request.GET.get("network", "")
    urban = request.GET.get("urban", "")
    if network not in ("", *PriorityNetwork.values) or urban not in ("", *UrbanClass.values):
        raise Http404
    listing = records.record_list(code, scope, period, network=network, urban=urban)
    if listing is None:
        raise Http404
    page = Paginator(listing.queryset, 50).get_page(request.GET.get("page"))
    filters = {"network": network, "urban": urban}
    context = {
        "listing": listing,
        "rows": [listing.row(obj) for obj in page.object_list],
        "page": page,
        "scope": scope,
        "period": period,
        "filter_label": NETWORK_LABELS.get(network) or URBAN_LABELS.get(urban, ""),
        "back_url": reverse("reporting:steering") + "?" + _query(scope, period),
        "page_query": _query(scope, period, **{k: v for k, v in filters.items() if v}),
    }
    return render(request, "reporting/records.html", context)


@require_POST
def report_start(request):
    try:
        scope, period = _scope_and_period(request)
    except ScopeError as exc:
        return render(request, "reporting/error.html", {"message": str(exc)}, status=400)
    report = services.annual_report_request(actor=request.user, scope=scope, period=period)
    messages.success(
        request, "Le bilan annuel est en préparation. Vous pouvez quitter cette page et revenir plus tard."
    )
    return redirect("reporting:report", pk=report.pk)


def report_page(request, pk: int):
    report = selectors.report_for(request.user, pk)
    context = {
        "report": report,
        "ready": report.status == ReportStatus.READY,
        "failed": report.status == ReportStatus.FAILED,
    }
    if request.headers.get("HX-Request"):
        return render(request, "reporting/report_progress.html", context)
    return render(request, "reporting/report.html", context)


def report_download(request, pk: int, fmt: str):
    if fmt not in ("pdf", "xlsx", "html"):
        raise Http404
    report = selectors.report_for(request.user, pk)
    if report.status != ReportStatus.READY:
        raise Http404
    name = f"bilan-{report.school_year}-{report.scope_kind}-{report.scope_code}"
    content, content_type = {
        "pdf": (bytes(report.pdf or b""), "application/pdf"),
        "xlsx": (bytes(report.xlsx or b""), exports.XLSX_TYPE),
        "html": (report.html.encode("utf-8"), "text/html; charset=utf-8"),
    }[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
