"""Public catalogue pages: job, training, jobs that recruit. Read-only, no JavaScript needed."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.urls import reverse

from orientation.catalog import selectors
from orientation.catalog.actions import page_actions
from orientation.catalog.forms import CommuneForm, RecruitingAreaForm
from orientation.territory import basemaps
from orientation.territory.selectors import current_region
from orientation.territory.svgmap import MapPoint, describe, render_map


def _commune_form(request) -> tuple[CommuneForm, object]:
    form = CommuneForm(request.GET or None)
    commune = form.commune_obj if form.is_bound and form.is_valid() else None
    return form, commune


@login_not_required
def job_detail(request, rome_code: str):
    job = selectors.job_detail(rome_code)
    form, commune = _commune_form(request)
    context = {
        "job": job,
        "form": form,
        "commune": commune,
        "recruitment": selectors.job_recruitment(job, commune=commune),
        "tensions": selectors.job_tension(job),
        "trainings": selectors.job_trainings(job, commune=commune),
        "crumbs": [("Métiers qui recrutent", reverse("catalog:recruiting")), (job.title, None)],
        "page_actions": page_actions(),
    }
    return render(request, "catalog/job_detail.html", context)


def _region_name() -> str:
    region = current_region()
    return region.name if region else "la région"


@login_not_required
def training_detail(request, pk: int):
    training = selectors.training_detail(pk)
    form, commune = _commune_form(request)
    rows = selectors.training_offers(training, commune=commune)
    points = [
        MapPoint(r.offer.establishment.latitude, r.offer.establishment.longitude, r.offer.establishment.name)
        for r in rows
        if r.offer.establishment.latitude is not None
    ]
    highlight = None
    if commune is not None and commune.latitude is not None:
        highlight = MapPoint(commune.latitude, commune.longitude, f"{commune.name} (votre commune)")
    map_svg = (
        render_map(
            points,
            title=f"Où suivre la formation « {training.title} »",
            description=describe(points, _region_name()),
            highlight=highlight,
            basemap=basemaps.around_points(
                [(p.latitude, p.longitude) for p in [*points, *([highlight] if highlight else [])]]
            ),
            dom_id="carte-formation",
            width=480,
        )
        if points
        else None
    )
    girls, boys = selectors.gender_shares(r.offer for r in rows)
    context = {
        "girls_share": selectors.share(girls, girls + boys),
        "pupils": girls + boys,
        "training": training,
        "form": form,
        "commune": commune,
        "rows": rows,
        "map_svg": map_svg,
        "crumbs": [(training.title, None)],
        "page_actions": page_actions(),
    }
    return render(request, "catalog/training_detail.html", context)


@login_not_required
def recruiting_jobs(request):
    departments, basins = selectors.area_choices()
    form = RecruitingAreaForm(request.GET or None, departments=departments, basins=basins)
    department_code = basin_code = ""
    area_label = "toute la région"
    if form.is_bound and form.is_valid():
        department_code, basin_code = form.cleaned_data["departement"], form.cleaned_data["bassin"]
        if basin_code:
            area_label = f"le bassin d'emploi de {dict(form.fields['bassin'].choices)[basin_code]}"
        elif department_code:
            area_label = dict(form.fields["departement"].choices)[department_code]
    result = selectors.recruiting_jobs(department_code=department_code, basin_code=basin_code)
    return render(
        request,
        "catalog/recruiting_jobs.html",
        {"form": form, "result": result, "area_label": area_label, "crumbs": [("Métiers qui recrutent", None)]},
    )
