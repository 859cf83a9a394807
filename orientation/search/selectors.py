"""Reads: the search itself (public data, no viewer scope), shared by the page and the API.

``search()`` = query understanding (``search.query``) → the backend's match (one SQL query: the
ids of the documents having every word) → ranking, distances, filters and facet counts on arrays
each process prepares once (``search.ranking``, ``_load_documents``), the same for both backends.
One query per search once the process caches are warm.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from django.conf import settings
from django.db import connection

from orientation.search import ranking
from orientation.search.backends import MATCH_LIMIT, get_backend
from orientation.search.enums import LEVEL_LABELS, DocumentType, Modality
from orientation.search.places import Place
from orientation.search.query import DIPLOMA_WORDS, ParsedQuery, TermGroup, correct_typos, parse
from orientation.search.vocabulary import forget_vocabulary, get_vocabulary
from orientation.territory.models import Department

PER_PAGE = 20
MAX_PAGE = 50
PLACE_DEFAULT_RADIUS_KM = 30
TYPE_PRIOR = {DocumentType.JOB: 0.15, DocumentType.TRAINING: 0.1, DocumentType.OFFER: 0.0}
TYPE_LABELS = dict(DocumentType.choices)
MODALITY_LABELS = dict(Modality.choices)
FACETS = ("type", "level", "modality", "department", "recruits")
RESULT_CACHE_SIZE = 2000
RESULT_CACHE_SECONDS = 600


@dataclass
class SearchParams:
    q: str = ""
    place: Place | None = None
    radius_km: float | None = None
    types: list[str] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)
    modality: str = ""
    department: str = ""
    recruits: bool = False
    page: int = 1
    per_page: int = 0
    """0 = the default page size (``PER_PAGE``)."""


class FacetValue(NamedTuple):
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    params: SearchParams
    parsed: ParsedQuery
    place: Place | None
    radius_km: float | None
    results: list[Result]
    total: int
    page: int
    num_pages: int
    facets: dict[str, list[FacetValue]]
    ignored: list[str] = field(default_factory=list)
    """Words left out because no document had them all (``_relax``): the results are approximate."""

    @property
    def approximate(self) -> bool:
        return bool(self.ignored)

    @property
    def corrections(self) -> list[tuple[str, str]]:
        return self.parsed.corrections

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.params.per_page + 1

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


class _Doc(NamedTuple):
    """What a result shows of one indexed document, prepared once per process (``_load_documents``)."""

    id: int
    type: str
    type_label: str
    code: str
    title: str
    summary: str
    url: str
    commune_name: str
    level: int | None
    level_label: str
    recruits: bool
    little_known: bool
    json: str
    """The query-independent fields of an API result, JSON-encoded once (see ``search.api``)."""


class Result(NamedTuple):
    """One result: a document, its score and, when a place was given, its distance."""

    doc: _Doc
    score: float
    distance_km: float | None

    id = property(lambda self: self.doc.id)
    type = property(lambda self: self.doc.type)
    type_label = property(lambda self: self.doc.type_label)
    code = property(lambda self: self.doc.code)
    title = property(lambda self: self.doc.title)
    summary = property(lambda self: self.doc.summary)
    url = property(lambda self: self.doc.url)
    commune_name = property(lambda self: self.doc.commune_name)
    level = property(lambda self: self.doc.level)
    level_label = property(lambda self: self.doc.level_label)
    recruits = property(lambda self: self.doc.recruits)
    little_known = property(lambda self: self.doc.little_known)
    json = property(lambda self: self.doc.json)
    """Every field but the score and the distance, JSON-encoded (prepared once per document)."""


class _Index(NamedTuple):
    """Everything a search needs beyond the backend's match, prepared once per process."""

    loaded_at: float
    terms: list[str]
    """Every analysed word of the titles and names, sorted (a word's id is its position)."""
    arrays: ranking.RankingArrays
    by_row: list[_Doc]
    """The documents in the order of the ranking arrays' rows."""
    signature_facets: list[dict[str, tuple[str, ...]]]
    """Each distinct combination of facet values, as the values of each facet: a document's
    facets are its signature (``arrays.signature``), so facets count signatures, not values."""
    facet_matrix: np.ndarray
    """1 where a signature (row) has a facet value (column): counts are one product."""
    facet_columns: list[tuple[str, str]]
    facet_labels: dict[str, list[tuple[str, str]]]
    """Per facet, every value the documents have (and those a person may select), with its
    label, in the order shown."""


_DOC_COLUMNS = (
    "id, type, title_terms, names, latitude, longitude, boost, level, by_school, by_apprenticeship, "
    "departments, recruits, code, title, summary, url, commune_name, little_known"
)
DOCUMENTS_SECONDS = 600
_docs_lock = threading.Lock()
_index: _Index | None = None


def _load_documents() -> _Index:
    """Every indexed document's ranking, facet and display data, from one query.

    The index only changes at import (a rebuild in this process drops it at once, other processes
    reload it within ``DOCUMENTS_SECONDS`` or as soon as a search returns an id they do not know):
    splitting names, building facet values and the like is then done once, not on every search.
    """
    vocabulary: set[str] = set()

    def words_of(text: str) -> tuple[str, ...]:
        found = tuple(text.split())
        vocabulary.update(found)
        return found

    text_keys: dict[tuple[str, str], int] = {}
    texts: dict[int, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
    ranking_rows: list[tuple[int, int, float, float | None, float | None, str, int, bool]] = []
    signatures: dict[tuple[tuple[str, str], ...], int] = {}
    by_id: dict[int, _Doc] = {}
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_DOC_COLUMNS} FROM search_searchdocument")  # noqa: S608 (constants only)
        rows = cursor.fetchall()
    for (
        id_,
        type_,
        title_terms,
        names,
        latitude,
        longitude,
        boost,
        level,
        by_school,
        by_apprenticeship,
        departments,
        recruits,
        code,
        title,
        summary,
        url,
        commune_name,
        little_known,
    ) in rows:
        modalities = []
        if by_school:
            modalities.append(Modality.SCHOOL.value)
        if by_apprenticeship:
            modalities.append(Modality.APPRENTICESHIP.value)
        facets = {
            "type": (str(type_),),
            "level": (str(level),) if level else (),
            "modality": tuple(modalities),
            "department": tuple(d for d in departments.split(",") if d),
            "recruits": ("1",) if recruits else (),
        }
        facet_keys = tuple((name, value) for name, values in facets.items() for value in values)
        text_key = text_keys.get((title_terms, names))
        if text_key is None:
            text_key = text_keys[(title_terms, names)] = len(text_keys)
            name_words = tuple(sorted((words_of(n) for n in names.split("|")), key=len)) if names else ()
            texts[text_key] = (words_of(title_terms), name_words)
        signature = signatures.setdefault(facet_keys, len(signatures))
        prior = 0.5 * boost + TYPE_PRIOR.get(type_, 0.0)
        ranking_rows.append(
            (id_, text_key, prior, latitude, longitude, title_terms, signature, type_ == DocumentType.OFFER)
        )
        static = {
            "type": str(type_),
            "code": code,
            "title": title,
            "summary": summary,
            "url": url,
            "commune": commune_name or None,
            "level": level,
            "recruits": bool(recruits),
            "little_known": bool(little_known),
        }
        by_id[id_] = _Doc(
            id=id_,
            type=str(type_),
            type_label=TYPE_LABELS.get(type_, str(type_)),
            code=code,
            title=title,
            summary=summary,
            url=url,
            commune_name=commune_name,
            level=level,
            level_label=LEVEL_LABELS.get(level or 0, ""),
            recruits=bool(recruits),
            little_known=bool(little_known),
            json=encode(static)[1:-1],
        )
    terms = sorted(vocabulary)
    arrays = ranking.build_arrays(ranking_rows, texts, terms)
    by_row = [by_id[doc_id] for doc_id in arrays.ids.tolist()]
    signature_facets = [{name: tuple(v for n, v in keys if n == name) for name in FACETS} for keys in signatures]
    columns = sorted({key for keys in signatures for key in keys})
    column_of = {key: i for i, key in enumerate(columns)}
    matrix = np.zeros((len(signatures), len(columns)), np.int64)
    for row, keys in enumerate(signatures):
        matrix[row, [column_of[key] for key in keys]] = 1
    departments = sorted(value for name, value in columns if name == "department")
    department_names = dict(Department.objects.filter(code__in=departments).values_list("code", "name"))
    labels = {
        "type": list(TYPE_LABELS.items()),
        "level": [(str(level), label) for level, label in LEVEL_LABELS.items()],
        "modality": list(MODALITY_LABELS.items()),
        "department": [(code, f"{department_names.get(code, code)} ({code})") for code in departments],
        "recruits": [("1", "Métiers qui recrutent")],
    }
    return _Index(time.monotonic(), terms, arrays, by_row, signature_facets, matrix, columns, labels)


def _current_index(*, reload: bool = False) -> _Index:
    """The prepared documents; ``reload``: a search met an id this process does not know (a
    rebuild in another process), so they are read again."""
    global _index
    with _docs_lock:
        if reload or _index is None or time.monotonic() - _index.loaded_at > DOCUMENTS_SECONDS:
            _index = _load_documents()
            gc.collect()
            # Some 300,000 long-lived objects (no reference cycles: the previous index is freed
            # by reference counting): keep the cycle collector from walking them again and again.
            gc.freeze()
        return _index


def _filter_active(params: SearchParams, name: str) -> bool:
    return bool(
        {
            "type": params.types,
            "level": params.levels,
            "modality": params.modality,
            "department": params.department,
            "recruits": params.recruits,
        }[name]
    )


def _passes_one(values: dict[str, list[str]], params: SearchParams, name: str) -> bool:
    if name == "type":
        return not params.types or not set(params.types).isdisjoint(values["type"])
    if name == "level":
        return not params.levels or not {str(v) for v in params.levels}.isdisjoint(values["level"])
    if name == "modality":
        return not params.modality or params.modality in values["modality"]
    if name == "department":
        return not params.department or params.department in values["department"]
    return not params.recruits or bool(values["recruits"])


def _facets(
    signatures: np.ndarray, params: SearchParams, index: _Index
) -> tuple[dict[str, list[FacetValue]], np.ndarray]:
    """Facet counts over the rows' facet ``signatures``, and which rows pass the filters.

    A row counts in every facet when it passes every filter, and only in facet F when F's filter
    is the one it fails (so a pupil sees what switching that facet would give). Rows with the
    same signature have the same facet values: each signature is looked at once.
    """
    filtering = [name for name in FACETS if _filter_active(params, name)]
    signature_count = len(index.signature_facets)
    per_signature = np.bincount(signatures, minlength=signature_count)
    matrix, columns = index.facet_matrix, index.facet_columns
    passing = np.ones(signature_count, np.bool_)
    if not filtering:  # every row counts in every facet
        totals = (per_signature @ matrix).tolist()
    else:
        only_failed = {name: np.zeros(signature_count, np.bool_) for name in filtering}
        for signature in np.flatnonzero(per_signature).tolist():
            values = index.signature_facets[signature]
            failed = [name for name in filtering if not _passes_one(values, params, name)]
            if failed:
                passing[signature] = False
                if len(failed) == 1:
                    only_failed[failed[0]][signature] = True
        every = (per_signature * passing) @ matrix
        totals = every.tolist()
        for name, failed_here in only_failed.items():
            extra = (per_signature * failed_here) @ matrix
            for i, (column, _) in enumerate(columns):
                if column == name:
                    totals[i] += int(extra[i])
    count = dict(zip(columns, totals, strict=True))
    # Per facet: the values selected, and whether a selected value without results is still
    # offered (to unselect it); a département without results is not.
    selected = {
        "type": (set(params.types), True),
        "level": ({str(v) for v in params.levels}, True),
        "modality": ({params.modality}, True),
        "department": ({params.department}, False),
        "recruits": ({"1"} if params.recruits else set(), True),
    }
    facets = {}
    for name, (chosen, keep_chosen) in selected.items():
        values = []
        for value, label in index.facet_labels[name]:
            n = count.get((name, value), 0)
            if n or (keep_chosen and value in chosen):
                values.append(FacetValue(value, label, n, value in chosen))
        facets[name] = values
    return facets, passing[signatures]


_cache_lock = threading.Lock()
_cache: OrderedDict[tuple, tuple[float, SearchResults]] = OrderedDict()


def forget_results() -> None:
    global _index
    with _cache_lock:
        _cache.clear()
    with _docs_lock:
        _index = None


def _cache_key(params: SearchParams) -> tuple:
    return (
        params.q.strip(),
        params.place.insee_code if params.place else None,
        params.radius_km,
        tuple(sorted(params.types)),
        tuple(sorted(params.levels)),
        params.modality,
        params.department,
        params.recruits,
        params.page,
        params.per_page,
    )


def search(params: SearchParams) -> SearchResults:
    """Search, remembering recent answers in this process.

    The index only changes when the open data is imported again, and pupils type the same few
    hundred words: an answer is kept ``RESULT_CACHE_SECONDS`` (and dropped at once by a rebuild
    in this process), at most ``SEARCH_RESULT_CACHE_SIZE`` answers (setting; 0 turns it off).
    """
    params.per_page = params.per_page or PER_PAGE
    size = getattr(settings, "SEARCH_RESULT_CACHE_SIZE", RESULT_CACHE_SIZE)
    if not size:
        return _search(params)
    key = _cache_key(params)
    now = time.monotonic()
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and now - hit[0] < RESULT_CACHE_SECONDS:
            _cache.move_to_end(key)
            return hit[1]
    found = _search(params)
    with _cache_lock:
        _cache[key] = (now, found)
        while len(_cache) > size:
            _cache.popitem(last=False)
    return found


def _match(backend, vocabulary, groups: list[TermGroup]) -> list[int]:
    """The documents having every group; when very common words match too many, the backend's best."""
    ids = backend.match(groups, vocabulary, require_all=True, limit=MATCH_LIMIT + 1)
    if len(ids) > MATCH_LIMIT:
        ids = backend.match_ranked(groups, vocabulary, require_all=True, limit=MATCH_LIMIT)
    return ids


def _relax(parsed: ParsedQuery, backend, vocabulary) -> tuple[ParsedQuery, list[int], list[str]]:
    """When no document has every word, leave words out one at a time until some match.

    Words the index does not know go first (they are why nothing matched), then words naming a
    kind of diploma ("BUT animaux": nothing of the kind, but the animals are what matters), then
    the most common words, which say the least ("master" goes before "petite enfance").
    Returns the query that matched, the matches and the words left out (lower case, without
    accents; nothing if none matched).
    """

    def order(group: TermGroup) -> tuple[bool, bool, int]:
        frequency = vocabulary.frequency(group.alternatives)
        return (frequency > 0, group.original not in DIPLOMA_WORDS, -frequency)

    groups = sorted(parsed.groups, key=order)
    ignored = []
    while len(groups) > 1:
        left_out = groups.pop(0)
        ignored.append(left_out.original)
        kept = [g for g in parsed.groups if g in groups]
        ids = _match(backend, vocabulary, kept)
        if ids:
            return dataclasses.replace(parsed, groups=kept), ids, ignored
    return parsed, [], []


def _search(params: SearchParams) -> SearchResults:
    parsed = parse(params.q)
    place = params.place or parsed.place
    radius = params.radius_km
    if radius is None and params.place is None and parsed.place is not None:
        radius = PLACE_DEFAULT_RADIUS_KM
    if parsed.is_empty:
        return SearchResults(params, parsed, place, radius, [], 0, 1, 0, {name: [] for name in FACETS})
    backend = get_backend()
    vocabulary = get_vocabulary(backend)
    correct_typos(parsed, vocabulary)
    ids = _match(backend, vocabulary, parsed.groups)
    ranked, ignored = parsed, []
    if not ids and len(parsed.groups) > 1:
        ranked, ids, ignored = _relax(parsed, backend, vocabulary)
    location = (place.latitude, place.longitude) if place is not None else None

    def rank(index: _Index) -> ranking.RankedRows:
        bits = ranking.query_bits(index.arrays, index.terms, ranked.groups)
        return ranking.rank(index.arrays, bits, len(ranked.groups), ids, location, radius)

    index = _current_index()
    found = rank(index)
    if found.unknown:  # documents written by a rebuild in another process: read them, rank again
        forget_vocabulary()  # and the words they brought, for the next searches
        index = _current_index(reload=True)
        found = rank(index)
    facets, selected = _facets(index.arrays.signature[found.rows], params, index)
    best_first = ranking.order(index.arrays, found, selected)
    total = len(best_first)
    num_pages = max(1, math.ceil(total / params.per_page))
    page = min(max(params.page, 1), num_pages)
    window = best_first[(page - 1) * params.per_page : page * params.per_page].tolist()
    rows = found.rows[window].tolist()
    scores = (-found.negative_score[window]).tolist()
    distances = found.distance[window].tolist()
    by_row = index.by_row
    results = [
        Result(by_row[row], round(score, 4), None if math.isnan(distance) else round(distance, 1))
        for row, score, distance in zip(rows, scores, distances, strict=True)
    ]
    return SearchResults(
        params=params,
        parsed=parsed,
        place=place,
        radius_km=radius,
        results=results,
        total=total,
        page=page,
        num_pages=num_pages if total else 0,
        facets=facets,
        ignored=ignored,
    )
