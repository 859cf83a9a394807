from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from orientation.search.forms import SearchForm
from orientation.search.selectors import search

EXAMPLES = ["boulangère", "infirmier", "BTS compta", "travailler avec les animaux", "mécanicien auto près d'Arras"]


@login_not_required
@require_GET
def results(request):
    """The search page; with ``HX-Request`` only the results part (facets, list, pagination)."""
    form = SearchForm(request.GET)
    partial = bool(request.headers.get("HX-Request"))
    if partial and not form.is_valid():
        # htmx does not swap error responses: load the full page, which shows the errors by their fields.
        return HttpResponse(status=200, headers={"HX-Redirect": request.get_full_path()})
    found = search(form.params()) if form.is_valid() else None
    context = {"form": form, "found": found, "examples": EXAMPLES}
    context["oob"] = partial
    template = "search/_results.html" if partial else "search/results.html"
    response = render(request, template, context, status=200 if form.is_valid() else 400)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_not_required
@require_GET
def ping(request):
    """The cheapest page of the app: the benchmark's reference for throughput."""
    return HttpResponse("ok", content_type="text/plain")
