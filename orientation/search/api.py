"""``GET /api/v1/search``: the same search as the page, as JSON.

The operation is declared on the ninja router (parameters, responses and errors in the OpenAPI
schema), but the URL is served by ``search_view``, a plain Django view placed before the API's
URLs (``orientation.urls``): the most requested route of the platform then skips ninja's
per-request machinery (a fifth of the endpoint's time), while validating the query string with
the same model, answering the same errors in the same shape, and computing the same body
(``_answer``, shared by both; a test compares them).
"""

from __future__ import annotations

import json

import pydantic
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt
from ninja import Query, Router, Schema
from pydantic import BaseModel, ConfigDict, Field

from orientation.core.api_contract import documented, one_of
from orientation.core.errors import DomainError
from orientation.search.forms import validated_params
from orientation.search.selectors import MAX_PAGE, search

router = Router(tags=["Recherche"])


class ErrorOut(Schema):
    detail: str


def _declare_q_required(schema: dict) -> None:
    schema["properties"]["q"].pop("default", None)
    # ``q`` defaults to "" so that its absence gets the French 400 message rather than a bare 422;
    # the schema still says it is required, as it is.
    schema["required"] = ["q", *schema.get("required", [])]


class SearchIn(BaseModel):
    """The query string (a plain pydantic model: nothing to read from an ORM object, so lighter than ``Schema``)."""

    model_config = ConfigDict(json_schema_extra=_declare_q_required)

    q: str = Field("", json_schema_extra=lambda schema: schema.update(minLength=1, maxLength=200, pattern=r"\S"))
    commune: str | None = Field(None, json_schema_extra=documented(maxLength=150))
    radius_km: int | None = Field(
        None, json_schema_extra=lambda schema: schema["anyOf"][0].update(minimum=1, maximum=200)
    )
    type: str | None = Field(
        None, json_schema_extra=documented(pattern=r"^((job|training|offer)(,(job|training|offer))*)?$")
    )
    level: str | None = Field(None, json_schema_extra=documented(pattern=r"^([3-8](,[3-8])*)?$"))
    modality: str | None = Field(None, json_schema_extra=documented(**one_of(["school", "apprenticeship"])))
    department: str | None = Field(
        None, json_schema_extra=documented(pattern=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])?$")
    )
    recruits: bool = False
    page: int = Field(1, json_schema_extra=lambda schema: schema.update(minimum=1, maximum=MAX_PAGE))


class ResultOut(Schema):
    type: str
    code: str
    title: str
    summary: str
    url: str
    score: float
    distance_km: float | None
    commune: str | None
    level: int | None
    recruits: bool
    little_known: bool


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class CorrectionOut(Schema):
    original: str
    corrected: str


class PlaceOut(Schema):
    insee_code: str
    name: str


class SearchOut(Schema):
    query: str
    corrections: list[CorrectionOut]
    approximate: bool
    ignored: list[str]
    commune: PlaceOut | None
    radius_km: float | None
    total: int
    page: int
    pages: int
    per_page: int
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


@router.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut, 422: ErrorOut},
    summary="Chercher des métiers, des formations et des lieux de formation",
    description=(
        "Recherche plein texte tolérante (accents, pluriels, féminins, abréviations, fautes de frappe) ; "
        "« près d'Arras » dans `q` ou `commune=<code INSEE>` donnent la distance (`distance_km`) aux lieux "
        "de formation, `radius_km` les limite. `type` (job, training, offer) et `level` (3 à 8) acceptent "
        "plusieurs valeurs séparées par des virgules ; `modality` : school ou apprenticeship ; "
        "`department` : code du département ; `recruits=true` : métiers qui recrutent. "
        "Les compteurs de `facets` ignorent le filtre de leur propre facette. "
        "Quand aucun résultat ne contient tous les mots, les moins parlants sont laissés de côté "
        "(`approximate` vrai, `ignored` : les mots écartés). "
        "400 : paramètre invalide (message en français) ; 422 : paramètre mal typé."
    ),
)
def search_endpoint(request, filters: Query[SearchIn]):
    return _answer(filters)


def _answer(filters: SearchIn) -> HttpResponse:
    if not filters.q.strip():
        raise DomainError("Le paramètre q (ce que vous cherchez) est obligatoire.")
    data = {
        "q": filters.q,
        "commune": filters.commune or "",
        "radius_km": filters.radius_km if filters.radius_km is not None else "",
        "type": _split(filters.type),
        "level": _split(filters.level),
        "modality": filters.modality or "",
        "department": filters.department or "",
        "recruits": filters.recruits,
        "page": filters.page,
    }
    params = validated_params(data)
    if isinstance(params, str):
        raise DomainError(params)
    body = search_body(search(params)).encode()
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _error(status: int, payload: dict) -> HttpResponse:
    # The same bytes as the API's error handlers (``orientation.api.urls``) write.
    return HttpResponse(json.dumps(payload), status=status, content_type="application/json; charset=utf-8")


@login_not_required
@csrf_exempt  # read-only (GET only): another method gets its 405, not the CSRF middleware's 403
def search_view(request):
    """``GET /api/v1/search`` itself (see the module's description)."""
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    try:
        filters = SearchIn.model_validate({key: request.GET[key] for key in request.GET})
    except pydantic.ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            error.pop("input", None)
            error["loc"] = ["query", *error["loc"]]
            if isinstance(error.get("ctx", {}).get("error"), Exception):
                error["ctx"]["error"] = str(error["ctx"]["error"])
            errors.append(error)
        return _error(422, {"detail": "Paramètres invalides.", "errors": errors})
    try:
        return _answer(filters)
    except DomainError as exc:
        return _error(403 if exc.code == "forbidden" else 400, {"detail": exc.message})


_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_facet_heads: dict[tuple[str, str], str] = {}


def _facet_value(value: str, label: str, count: int, selected: bool) -> str:
    head = _facet_heads.get((value, label))
    if head is None:  # a facet value's value and label are the same on every search
        head = _facet_heads[(value, label)] = f'{{"value":{_encode(value)},"label":{_encode(label)},"count":'
    return f'{head}{count},"selected":{"true" if selected else "false"}}}'


def search_body(found) -> str:
    """``SearchOut`` as JSON, written directly rather than validated by pydantic on every call
    (that took a third of the API's time); a test checks the body against the schema.

    Each result's fields other than its score and distance were encoded once per document, and
    each facet value's value and label once per process.
    """
    head = _encode(
        {
            "query": found.parsed.raw,
            "corrections": [{"original": o, "corrected": c} for o, c in found.corrections],
            "approximate": found.approximate,
            "ignored": found.ignored,
            "commune": {"insee_code": found.place.insee_code, "name": found.place.name} if found.place else None,
            "radius_km": found.radius_km,
            "total": found.total,
            "page": found.page,
            "pages": found.num_pages,
            "per_page": found.params.per_page,
        }
    )
    facets = ",".join(
        f'"{name}":[' + ",".join(_facet_value(f.value, f.label, f.count, f.selected) for f in values) + "]"
        for name, values in found.facets.items()
    )
    results = ",".join(
        f'{{"score":{r.score!r},"distance_km":{"null" if r.distance_km is None else repr(r.distance_km)},{r.json}}}'
        for r in found.results
    )
    return f'{head[:-1]},"facets":{{{facets}}},"results":[{results}]}}'
