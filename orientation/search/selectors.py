"""Reads: the search itself (public data, no viewer scope), shared by the page and the API.

``search()`` = query understanding (``search.query``) → the backend's match (one SQL query) →
re-ranking, distances, filters and facet counts in Python (identical for both backends), from
per-document data each process prepares once (``_documents``). One query per search once the
process caches are warm.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import math
import threading
import time
from bisect import bisect_left
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import chain
from typing import NamedTuple

from django.conf import settings
from django.db import connection

from orientation.core.geo import haversine_km
from orientation.search.backends import MATCH_LIMIT, get_backend
from orientation.search.enums import LEVEL_LABELS, DocumentType, Modality
from orientation.search.places import Place
from orientation.search.query import DIPLOMA_WORDS, ParsedQuery, TermGroup, correct_typos, parse
from orientation.search.vocabulary import get_vocabulary

PER_PAGE = 20
MAX_PAGE = 50
PLACE_DEFAULT_RADIUS_KM = 30
DEPARTMENT_NAMES = {"02": "Aisne", "59": "Nord", "60": "Oise", "62": "Pas-de-Calais", "80": "Somme"}
TYPE_PRIOR = {DocumentType.JOB: 0.15, DocumentType.TRAINING: 0.1, DocumentType.OFFER: 0.0}
TYPE_LABELS = dict(DocumentType.choices)
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


@dataclass
class Result:
    id: int
    type: str
    type_label: str
    code: str
    title: str
    summary: str
    url: str
    score: float
    distance_km: float | None
    commune_name: str
    level: int | None
    level_label: str
    recruits: bool
    little_known: bool
    json: str = ""
    """Every field but the score and the distance, JSON-encoded (prepared once per document)."""


@dataclass
class FacetValue:
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
    """What a search needs of one indexed document, prepared once per process (``_documents``)."""

    id: int
    type: str
    title_terms: str
    text_key: int
    """The same number for documents with the same title and names (their text part of the score is equal)."""
    title_words: tuple[str, ...]
    names: tuple[tuple[str, ...], ...]
    """Each name (title, appellations) as its analysed words, the shortest first."""
    words: tuple[str, ...]
    """Every distinct word of the title and the names."""
    latitude: float | None
    longitude: float | None
    prior: float
    """0.5 × popularity boost + the type prior: the query-independent part of the score."""
    facets: dict[str, tuple[str, ...]]
    facet_signature: int
    """Documents with the same facet values share this number (``_Index.signatures`` gives the
    values as ``(facet, value)`` pairs): without a filter, facets count numbers, not values."""
    code: str
    title: str
    summary: str
    url: str
    commune_name: str
    level: int | None
    recruits: bool
    little_known: bool
    json: str
    """The query-independent fields of an API result, JSON-encoded once (see ``search.api``)."""


class _Index(NamedTuple):
    """Everything a search needs beyond the backend's match, prepared once per process."""

    loaded_at: float
    docs: dict[int, _Doc]
    terms: list[str]
    """Every analysed word of the documents, sorted (see ``_GroupMatcher``)."""
    signatures: list[tuple[tuple[str, str], ...]]


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
    interned: dict[str, str] = {}
    shared: dict[str, tuple[str, ...]] = {}

    def words_of(text: str) -> tuple[str, ...]:
        # The same names and terms recur across thousands of rows: one tuple and one string each,
        # so the ranking's per-query memo finds them by identity-cheap hashing.
        found = shared.get(text)
        if found is None:
            found = shared[text] = tuple(interned.setdefault(w, w) for w in text.split())
        return found

    text_keys: dict[tuple[str, str], int] = {}
    shared_texts: dict[tuple[str, str], tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {}
    signatures: dict[tuple[tuple[str, str], ...], int] = {}
    docs: dict[int, _Doc] = {}
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
        title_words = words_of(title_terms)
        texts = shared_texts.get((title_terms, names))
        if texts is None:
            name_words = tuple(sorted((words_of(n) for n in names.split("|")), key=len)) if names else ()
            all_words = tuple(dict.fromkeys(chain(title_words, *name_words)))
            texts = shared_texts[(title_terms, names)] = (name_words, all_words)
        name_words, all_words = texts
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
        docs[id_] = _Doc(
            id=id_,
            type=str(type_),
            title_terms=interned.setdefault(title_terms, title_terms),
            text_key=text_keys.setdefault((title_terms, names), len(text_keys)),
            title_words=title_words,
            names=name_words,
            words=all_words,
            latitude=latitude,
            longitude=longitude,
            prior=0.5 * boost + TYPE_PRIOR.get(type_, 0.0),
            facets=facets,
            facet_signature=signatures.setdefault(facet_keys, len(signatures)),
            code=code,
            title=title,
            summary=summary,
            url=url,
            commune_name=commune_name,
            level=level,
            recruits=bool(recruits),
            little_known=bool(little_known),
            json=encode(static)[1:-1],
        )
    return _Index(time.monotonic(), docs, sorted(interned), list(signatures))


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


class _Scored(NamedTuple):
    """Ordered as the results are: by score descending, then title, then id (plain tuple comparison)."""

    negative_score: float
    title_terms: str
    id: int
    doc: _Doc
    distance_km: float | None

    @property
    def score(self) -> float:
        return -self.negative_score


class _GroupMatcher:
    """Which query groups an analysed text satisfies, as a bit mask (bit i = group i).

    Built once per query; each distinct text (a title, a name: they repeat across the matched
    rows) and each distinct term is tested once, so ranking a few hundred rows costs a few
    dictionary lookups each.
    """

    def __init__(self, parsed: ParsedQuery, terms: list[str]) -> None:
        # ``terms``: every analysed word of the documents, sorted. Each group's words and prefixes
        # are looked up in it once (a prefix is a contiguous run of the sorted list), so a
        # document word's mask is one dictionary lookup and unmatched words cost nothing more.
        memo: dict[str, int] = {}
        phrases: list[tuple[int, list[frozenset[str]]]] = []
        for i, group in enumerate(parsed.groups):
            bit = 1 << i
            group_phrases = []
            for alternative in group.alternatives:
                if len(alternative.words) > 1:
                    group_phrases.append(frozenset(alternative.words))
                    continue
                word = alternative.words[0]
                if not alternative.prefix:
                    memo[word] = memo.get(word, 0) | bit
                    continue
                j = bisect_left(terms, word)
                while j < len(terms) and terms[j].startswith(word):
                    memo[terms[j]] = memo.get(terms[j], 0) | bit
                    j += 1
            if group_phrases:
                phrases.append((bit, group_phrases))
        self.memo = memo
        self.phrases = phrases
        self.text_memo: dict[tuple[str, ...], int] = {}

    def mask(self, terms: tuple[str, ...]) -> int:
        """The groups the analysed words satisfy (remembered per tuple: names recur across rows)."""
        found = self.text_memo.get(terms)
        if found is not None:
            return found
        get = self.memo.get
        mask = 0
        for term in terms:
            mask |= get(term, 0)
        if self.phrases:
            term_set = set(terms)
            for bit, phrases in self.phrases:
                if any(phrase <= term_set for phrase in phrases):
                    mask |= bit
        self.text_memo[terms] = mask
        return mask


# How much a query word counts by where the document has it: in its title, in another of its
# names (appellations), only in its keywords: the column weights the backends index with.
FIELD_WEIGHTS = (1.0, 0.4, 0.1)


def _rank(ids: list[int], parsed: ParsedQuery, place: Place | None, index: _Index) -> tuple[list[_Scored], int]:
    """One ranking for both backends, from the matched rows only (each has every group of ``parsed``).

    - name fit: the best of the document's names (title, appellations) measured as the share of
      its words the query covers, when it covers every query word: "pompier" fits the name
      "Pompier / Pompière" of the job "Secouriste" perfectly;
    - title coverage and conciseness: the query's words in the title, and how much of the title they are;
    - where each query word is: title, other names, or only keywords (``FIELD_WEIGHTS``, the
      weights of the indexed columns);
    - popularity boost, a small prior by type (jobs, then training, then places), proximity.

    Nothing here depends on the database: both backends rank the same rows the same way.
    Returns the scored rows and how many ids were unknown to this process.
    """
    if not ids:
        return [], 0
    matcher = _GroupMatcher(parsed, index.terms)
    mask = matcher.mask
    get_bits = matcher.memo.get
    exact_words = not matcher.phrases
    wanted = len(parsed.groups)
    every = (1 << wanted) - 1
    coverage_weight = 0.5 / wanted if wanted else 0.0
    title_weight, names_weight, keywords_weight = (0.4 / wanted * w if wanted else 0.0 for w in FIELD_WEIGHTS)
    # The title and names part of the score, once per distinct (title, names): a training's
    # offers all share their training's texts.
    text_parts: dict[int, float] = {}
    scored = []
    append = scored.append
    new = tuple.__new__  # a _Scored without its Python-level constructor (thousands per search)
    get_doc = index.docs.get
    get_part = text_parts.get
    unknown = 0
    for doc_id in ids:
        doc = get_doc(doc_id)
        if doc is None:
            unknown += 1
            continue
        part = get_part(doc.text_key)
        if part is None:
            title_words = doc.title_words
            title_mask = mask(title_words)
            in_title = title_mask.bit_count()
            name_fit = 0.0
            if exact_words:
                # Without phrases a word's groups do not depend on its neighbours: one pass over
                # the distinct words, and the names are read only when they may fit every group.
                names_mask = 0
                for word in doc.words:
                    names_mask |= get_bits(word, 0)
                if names_mask == every:
                    for name in doc.names:  # the shortest first: the first that fits fits best
                        if mask(name) == every:
                            name_fit = wanted / max(len(name), wanted)
                            break
            else:
                names_mask = title_mask
                for name in doc.names:
                    name_mask = mask(name)
                    names_mask |= name_mask
                    if name_mask == every:
                        name_fit = max(name_fit, wanted / max(len(name), wanted))
            in_names = (names_mask | title_mask).bit_count() - in_title
            part = text_parts[doc.text_key] = (
                coverage_weight * in_title
                + 1.2 * name_fit
                + (0.4 if name_fit == 1.0 else 0.0)
                + 0.3 * in_title / max(len(title_words), 1)
                + title_weight * in_title
                + names_weight * in_names
                + keywords_weight * (wanted - in_title - in_names)
            )
        if place is None or doc.latitude is None or doc.longitude is None:
            append(new(_Scored, (-part - doc.prior, doc.title_terms, doc_id, doc, None)))
            continue
        distance = haversine_km(place.latitude, place.longitude, doc.latitude, doc.longitude)
        score = part + doc.prior + 0.4 * max(0.0, 1.0 - distance / 50.0)
        append(new(_Scored, (-score, doc.title_terms, doc_id, doc, distance)))
    return scored, unknown


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


def _passes(values: dict[str, list[str]], params: SearchParams, active: list[str]) -> bool:
    return all(_passes_one(values, params, name) for name in active)


def _facets(
    rows: list[_Scored], params: SearchParams, signatures: list[tuple[tuple[str, str], ...]]
) -> dict[str, list[FacetValue]]:
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    filtering = [name for name in FACETS if _filter_active(params, name)]
    if not filtering:  # every row counts in every facet: one count over the prepared pairs
        for signature, n in Counter([row.doc.facet_signature for row in rows]).items():
            for name, value in signatures[signature]:
                counts[name][value] += n
    for row in rows if filtering else ():
        values = row.doc.facets
        # A row counts in every facet when it passes every filter, and only in facet F when F's
        # filter is the one it fails (so a pupil sees what switching that facet would give).
        failed = [name for name in filtering if not _passes_one(values, params, name)]
        if not failed:
            for name in FACETS:
                counter = counts[name]
                for value in values[name]:
                    counter[value] += 1
        elif len(failed) == 1:
            counter = counts[failed[0]]
            for value in values[failed[0]]:
                counter[value] += 1
    type_labels = TYPE_LABELS
    modality_labels = dict(Modality.choices)
    selected_levels = {str(v) for v in params.levels}
    return {
        "type": [
            FacetValue(v, type_labels[v], counts["type"][v], v in params.types)
            for v in DocumentType.values
            if counts["type"][v] or v in params.types
        ],
        "level": [
            FacetValue(str(v), label, counts["level"][str(v)], str(v) in selected_levels)
            for v, label in LEVEL_LABELS.items()
            if counts["level"][str(v)] or str(v) in selected_levels
        ],
        "modality": [
            FacetValue(v, modality_labels[v], counts["modality"][v], v == params.modality)
            for v in Modality.values
            if counts["modality"][v] or v == params.modality
        ],
        "department": [
            FacetValue(code, f"{DEPARTMENT_NAMES.get(code, code)} ({code})", n, code == params.department)
            for code, n in sorted(counts["department"].items())
        ],
        "recruits": [FacetValue("1", "Métiers qui recrutent", counts["recruits"]["1"], params.recruits)]
        if counts["recruits"]["1"] or params.recruits
        else [],
    }


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


def _match(backend, groups: list[TermGroup]) -> list[int]:
    """The documents having every group; when very common words match too many, the backend's best."""
    ids = backend.match(groups, require_all=True, limit=MATCH_LIMIT + 1)
    if len(ids) > MATCH_LIMIT:
        ids = backend.match_ranked(groups, require_all=True, limit=MATCH_LIMIT)
    return ids


def _relax(parsed: ParsedQuery, backend, vocabulary) -> tuple[ParsedQuery, list[int], list[str]]:
    """When no document has every word, leave words out one at a time until some match.

    Words the index does not know go first (they are why nothing matched), then words naming a
    kind of diploma ("BUT animaux": nothing of the kind, but the animals are what matters), then
    the most common words, which say the least ("petite enfance" is kept before "enfance").
    Returns the query that matched, the matches and the words left out, as typed (nothing if
    none matched).
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
        ids = _match(backend, kept)
        if ids:
            return dataclasses.replace(parsed, groups=kept), ids, ignored
    return parsed, [], []


def _search(params: SearchParams) -> SearchResults:
    parsed = parse(params.q)
    place = params.place or parsed.place
    radius = params.radius_km
    if radius is None and params.place is None and parsed.place is not None:
        radius = PLACE_DEFAULT_RADIUS_KM
    empty = SearchResults(params, parsed, place, radius, [], 0, 1, 0, {name: [] for name in FACETS})
    if parsed.is_empty:
        return empty
    backend = get_backend()
    vocabulary = get_vocabulary()
    correct_typos(parsed, vocabulary)
    ids = _match(backend, parsed.groups)
    ranked, ignored = parsed, []
    if not ids and len(parsed.groups) > 1:
        ranked, ids, ignored = _relax(parsed, backend, vocabulary)
    index = _current_index()
    scored, unknown = _rank(ids, ranked, place, index)
    if unknown:  # documents written by a rebuild in another process: read them, rank again
        index = _current_index(reload=True)
        scored, _ = _rank(ids, ranked, place, index)
    rows = scored
    if radius is not None:
        offer = DocumentType.OFFER.value
        rows = [
            item
            for item in scored
            if (item.distance_km is None or item.distance_km <= radius)
            and not (place is not None and item.doc.type == offer and item.distance_km is None)
        ]
    facets = _facets(rows, params, index.signatures)
    active = [name for name in FACETS if _filter_active(params, name)]
    kept = [item for item in rows if _passes(item.doc.facets, params, active)] if active else rows
    kept.sort()  # ids are unique: the comparison never reaches the document
    total = len(kept)
    num_pages = max(1, math.ceil(total / params.per_page))
    page = min(max(params.page, 1), num_pages)
    window = kept[(page - 1) * params.per_page : page * params.per_page]
    type_labels = TYPE_LABELS
    results = [
        Result(
            id=doc.id,
            type=doc.type,
            type_label=type_labels.get(doc.type, doc.type),
            code=doc.code,
            title=doc.title,
            summary=doc.summary,
            url=doc.url,
            score=round(item.score, 4),
            distance_km=round(item.distance_km, 1) if item.distance_km is not None else None,
            commune_name=doc.commune_name,
            level=doc.level,
            level_label=LEVEL_LABELS.get(doc.level or 0, ""),
            recruits=doc.recruits,
            little_known=doc.little_known,
            json=doc.json,
        )
        for item in window
        for doc in (item.doc,)
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
