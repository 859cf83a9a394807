"""Public territory pages: overview, académie, département, establishments, basins."""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from orientation.core.errors import DomainError
from orientation.territory import basemaps, selectors, svgmap
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, Sector
from orientation.territory.models import Department, Establishment

ALL = [("", "Tous")]
# Each mark's tooltip gives the name, and the network only when there is one: the map shows where
# and the shape and colour say the network; the table beside the map gives the commune. Hundreds of
# « Lille — hors éducation prioritaire » would make the page too heavy for a phone.
NETWORK_TAGS = {PriorityNetwork.REP: " (REP)", PriorityNetwork.REP_PLUS: " (REP+)"}


def _points(rows) -> list[svgmap.MapPoint]:
    return [
        svgmap.MapPoint(
            latitude=r["latitude"],
            longitude=r["longitude"],
            label=f"{r['name']}{NETWORK_TAGS.get(r['priority_network'], '')}",
            category=r["priority_network"],
        )
        for r in rows
    ]


def _map_context(rows, *, place: str, basemap: svgmap.Basemap | None, dom_id: str = "carte") -> dict:
    points = _points(rows)
    return {
        "map_svg": svgmap.render_map(
            points,
            title=f"Carte des établissements — {place}",
            description=svgmap.describe(points, place),
            basemap=basemap,
            dom_id=dom_id,
        ),
        "map_legend": svgmap.summary_counts(points),
        "map_count": len(points),
    }


def _crumbs(*items) -> list[tuple[str, str | None]]:
    return [("Le territoire", reverse("territory:overview")), *items]


def _list_url(**filters) -> str:
    query = urlencode({k: v for k, v in filters.items() if v})
    return reverse("territory:establishments") + (f"?{query}" if query else "")


@login_not_required
def overview(request):
    stats = selectors.territory_stats()
    colleges = selectors.map_points(selectors.EstablishmentFilters(kind=EstablishmentKind.COLLEGE))
    context = {
        "stats": stats,
        "region": stats["region"],
        "crumbs": [("Le territoire", None)],
        "colleges_list_url": _list_url(kind=EstablishmentKind.COLLEGE),
        **_map_context(
            colleges,
            place=f"collèges de la région {stats['region']['name']}".strip(),
            basemap=basemaps.region_basemap(),
        ),
    }
    return render(request, "territory/overview.html", context)


@login_not_required
def academy(request, code: str):
    found = selectors.academy_stats(code)
    if found is None:
        raise Http404("Académie inconnue")
    figures, stats = found
    departments = [
        {**d, "list_url": _list_url(department=d["code"])} for d in stats["departments"] if d["academy"] == code
    ]
    return render(
        request,
        "territory/academy.html",
        {
            "academy": figures,
            "region": stats["region"],
            "departments": departments,
            "basins": selectors.basin_list(academy=code),
            "crumbs": _crumbs((f"Académie {figures['of_name']}", None)),
        },
    )


@login_not_required
def department(request, code: str):
    found = selectors.department_stats(code)
    if found is None:
        raise Http404("Département inconnu")
    figures, stats = found
    academy = next(a for a in stats["academies"] if a["code"] == figures["academy"])
    rows = selectors.map_points(selectors.EstablishmentFilters(department=code))
    context = {
        "department": figures,
        "academy": academy,
        "region": stats["region"],
        "crumbs": _crumbs(
            (f"Académie {academy['of_name']}", reverse("territory:academy", args=[academy["code"]])),
            (f"{figures['name']} ({figures['code']})", None),
        ),
        "basins": selectors.basin_list(department=code),
        "list_url": _list_url(department=code),
        "rep_list_url": _list_url(department=code, kind=EstablishmentKind.COLLEGE, sector=Sector.PUBLIC),
        **_map_context(rows, place=f"{figures['name']} ({figures['code']})", basemap=basemaps.department_basemap(code)),
    }
    return render(request, "territory/department.html", context)


class EstablishmentFilterForm(forms.Form):
    department = forms.ChoiceField(label="Département", required=False)
    kind = forms.ChoiceField(label="Type", required=False, choices=ALL + list(EstablishmentKind.choices))
    sector = forms.ChoiceField(label="Secteur", required=False, choices=ALL + list(Sector.choices))
    priority_network = forms.ChoiceField(
        label="Éducation prioritaire", required=False, choices=ALL + list(PriorityNetwork.choices)
    )
    commune = forms.CharField(label="Commune", required=False, max_length=150, help_text="Tout ou partie du nom.")

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = ALL + [(d.code, f"{d.name} ({d.code})") for d in departments]


@login_not_required
def establishments(request):
    departments = list(Department.objects.order_by("code"))
    form = EstablishmentFilterForm(request.GET or None, departments=departments)
    filters = selectors.EstablishmentFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.EstablishmentFilters(**{k: v or None for k, v in form.cleaned_data.items()})
    try:
        page = selectors.paginate(
            selectors.establishment_list(filters), page=selectors.parse_page_number(request.GET.get("page"))
        )
    except DomainError as exc:
        raise Http404(exc.message) from None
    return render(
        request,
        "territory/establishment_list.html",
        {
            "form": form,
            "page_obj": page,
            "establishments": page.object_list,
            "filtered": bool(filters.as_query_items()),
            "crumbs": _crumbs(("Établissements", None)),
        },
    )


@login_not_required
def establishment(request, uai: str):
    try:
        item = selectors.establishment_detail(uai)
    except Establishment.DoesNotExist:
        raise Http404("Établissement inconnu") from None
    map_svg = None
    if item.latitude is not None and item.longitude is not None:
        here = svgmap.MapPoint(item.latitude, item.longitude, f"{item.name} (emplacement)", item.priority_network)
        department = item.commune.department
        basemap = basemaps.department_basemap(department.code, focus_commune=item.commune.insee_code)
        context = (
            f"La commune {item.commune.name} est en couleur, dans le département {department.name}."
            if basemap
            else f"Les petits points gris sont les autres établissements du département {department.name}."
        )
        map_svg = svgmap.render_map(
            [],
            title=f"Emplacement de {item.name} dans le département",
            description=(
                f"Le grand rond marque {item.name}, à {item.commune.name} "
                f"(latitude {item.latitude:.4f}, longitude {item.longitude:.4f}). {context}"
            ),
            highlight=here,
            context_coordinates=() if basemap else selectors.neighbour_coordinates(item),
            basemap=basemap,
            dom_id="mini-carte",
            width=360,
        )
    crumbs = _crumbs(("Établissements", reverse("territory:establishments")), (item.name, None))
    return render(
        request, "territory/establishment_detail.html", {"establishment": item, "map_svg": map_svg, "crumbs": crumbs}
    )


@login_not_required
def basins(request):
    department_code = request.GET.get("department") or None
    if department_code and not Department.objects.filter(code=department_code).exists():
        raise Http404("Département inconnu")
    return render(
        request,
        "territory/basin_list.html",
        {
            "basins": selectors.basin_list(department=department_code),
            "department_code": department_code,
            "departments": Department.objects.order_by("code"),
            "crumbs": _crumbs(("Bassins d'emploi", None)),
        },
    )
