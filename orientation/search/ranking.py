"""The ranking of the matched documents, computed on arrays (numpy) prepared once per process.

A search matches from a few to 1,500 documents; ranking them one Python object at a time cost
more than everything else in a search. Here each step is one operation over all the matched rows:

- ``RankingArrays`` (built with the prepared documents, ``search.selectors``): per document its
  row, text key, popularity prior, coordinates, title order and facet signature; per distinct
  text (a title and its names, shared by a training and its places) the word ids of its title
  (one padded row of a matrix) and of its names (one run of a flat array, each name starting
  where ``name_begins`` says);
- ``query_bits()``: the query's groups as one bit per group on every word id (a prefix is a
  contiguous run of ids, the vocabulary being sorted);
- ``rank()``: the groups of each matched row's title and names by one ``bitwise_or`` reduction
  each, then its score from those masks, its prior and its distance.

The formula is the one documented on ``rank()``; both backends only decide *which* rows.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from orientation.core.geo import EARTH_RADIUS_KM
from orientation.search.query import TermGroup
from orientation.search.text import prefix_run

# How much a query word counts by where the document has it: in its title, in another of its
# names (appellations), only in its keywords: the column weights the backends index with.
FIELD_WEIGHTS = (1.0, 0.4, 0.1)
_PHRASE_WORDS_PER_PASS = 62


class RankingArrays(NamedTuple):
    row_of_id: np.ndarray
    """int64 by document id: its row, -1 for an id this process does not know (and one -1 past
    the last id, where larger ids are clipped)."""
    ids: np.ndarray
    text_key: np.ndarray
    prior: np.ndarray
    latitude: np.ndarray
    """float64, NaN without coordinates (as ``longitude``)."""
    longitude: np.ndarray
    title_order: np.ndarray
    """The rank of the row's analysed title among all titles: ties on the score sort by title."""
    signature: np.ndarray
    is_offer: np.ndarray
    # By text key: its title's words and its names (the shortest first).
    title_words: np.ndarray
    """One row of word ids per text key, padded with the id ``len(terms)`` (no group has it)."""
    title_conciseness: np.ndarray
    """0.3 / max(number of title words, 1): a query word in a short title counts more."""
    names_count: np.ndarray
    names_words_start: np.ndarray
    """Where the words of the text's names begin in ``words`` (its names are one run)."""
    names_words_count: np.ndarray
    words: np.ndarray
    """Word ids (positions in the sorted vocabulary) of every name, one after the other."""
    name_begins: np.ndarray
    """True at the first word of each name, in ``words``."""
    name_length_at: np.ndarray
    """float64: at the first word of each name, the number of its words."""
    term_id: dict[str, int]


class RankedRows(NamedTuple):
    """The matched rows that passed the place radius, with their scores and distances."""

    rows: np.ndarray
    negative_score: np.ndarray
    distance: np.ndarray
    """float64, NaN where unknown or without a place."""
    unknown: int
    """How many matched ids this process does not know (documents of a newer rebuild)."""


def build_arrays(
    documents: list[tuple[int, int, float, float | None, float | None, str, int, bool]],
    texts: dict[int, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]],
    terms: list[str],
) -> RankingArrays:
    """``documents``: (id, text key, prior, latitude, longitude, analysed title, facet signature,
    is an offer) per document; ``texts``: text key → (title words, names' words, shortest first)."""
    term_id = {term: i for i, term in enumerate(terms)}
    padding = len(terms)
    count = len(documents)
    ids = np.fromiter((d[0] for d in documents), np.int64, count)
    row_of_id = np.full(int(ids.max()) + 2 if count else 1, -1, np.int64)
    row_of_id[ids] = np.arange(count)
    title_rank = {title: i for i, title in enumerate(sorted({d[5] for d in documents}))}
    keys = len(texts)
    width = max((len(texts[key][0]) for key in range(keys)), default=0) or 1
    title_words = np.full((keys, width), padding, np.int64)
    title_count = np.zeros(keys, np.int64)
    names_count = np.zeros(keys, np.int64)
    names_words_start = np.zeros(keys, np.int64)
    names_words_count = np.zeros(keys, np.int64)
    words: list[int] = []
    begins: list[int] = []
    lengths: list[int] = []
    for key in range(keys):
        title, names = texts[key]
        title_words[key, : len(title)] = [term_id[w] for w in title]
        title_count[key] = len(title)
        names = [name for name in names if name]
        names_count[key] = len(names)
        names_words_start[key] = len(words)
        for name in names:
            begins.append(len(words))
            lengths.append(len(name))
            words.extend(term_id[w] for w in name)
        names_words_count[key] = len(words) - names_words_start[key]
    name_begins = np.zeros(len(words), np.bool_)
    name_begins[begins] = True
    name_length_at = np.zeros(len(words), np.float64)
    name_length_at[begins] = lengths
    return RankingArrays(
        row_of_id=row_of_id,
        ids=ids,
        text_key=np.fromiter((d[1] for d in documents), np.int64, count),
        prior=np.fromiter((d[2] for d in documents), np.float64, count),
        latitude=np.fromiter((np.nan if d[3] is None else d[3] for d in documents), np.float64, count),
        longitude=np.fromiter((np.nan if d[4] is None else d[4] for d in documents), np.float64, count),
        title_order=np.fromiter((title_rank[d[5]] for d in documents), np.int64, count),
        signature=np.fromiter((d[6] for d in documents), np.int64, count),
        is_offer=np.fromiter((d[7] for d in documents), np.bool_, count),
        title_words=title_words,
        title_conciseness=0.3 / np.maximum(title_count, 1),
        names_count=names_count,
        names_words_start=names_words_start,
        names_words_count=names_words_count,
        words=np.array(words, np.int64),
        name_begins=name_begins,
        name_length_at=name_length_at,
        term_id=term_id,
    )


def _segments(starts: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of the segments ``[start, start + count)`` one after the other, and where
    each segment begins among them."""
    offsets = np.cumsum(counts) - counts
    positions = np.repeat(starts - offsets, counts) + np.arange(int(counts.sum()))
    return positions, offsets


def _reduce(ufunc: np.ufunc, values: np.ndarray, offsets: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``ufunc`` over each segment of ``values``; 0 for an empty segment."""
    if not len(offsets):
        return np.zeros(0, values.dtype)
    if offsets[-1] >= len(values):  # empty segments at the end start past the last value
        values = np.append(values, np.zeros(1, values.dtype))
    reduced = ufunc.reduceat(values, offsets)
    return reduced if counts.all() else np.where(counts > 0, reduced, 0)


class QueryBits(NamedTuple):
    """The query's groups on the vocabulary: bit i of ``bits[w]`` = word w satisfies group i."""

    bits: np.ndarray
    phrases: list[tuple[np.ndarray, list[tuple[int, int]]]]
    """Per pass of at most 62 phrase words: the phrase bit of each word id, and per phrase
    (its group's bit, the phrase bits of its words): a text satisfies the phrase's group when
    it has every word of the phrase."""


def query_bits(arrays: RankingArrays, terms: list[str], groups: list[TermGroup]) -> QueryBits:
    """The query's groups on the vocabulary ``terms`` (sorted: a word's id is its position).

    A whole word sets its id's bit, a prefix the contiguous run of ids of the words it begins;
    a phrase alternative is satisfied by a title or a name having all of its words.
    """
    size = len(terms) + 1
    bits = np.zeros(size, np.int64)
    term_id = arrays.term_id
    phrases: list[tuple[int, frozenset[str]]] = []
    for i, group in enumerate(groups):
        bit = 1 << i
        for alternative in group.alternatives:
            if len(alternative.words) > 1:
                phrases.append((bit, frozenset(alternative.words)))
            elif alternative.prefix:
                word = alternative.words[0]
                bits[prefix_run(terms, word)] |= bit
            elif (found := term_id.get(alternative.words[0])) is not None:
                bits[found] |= bit
    passes = []
    while phrases:
        word_bits: dict[str, int] = {}
        taken = []
        while phrases and len(word_bits.keys() | phrases[0][1]) <= _PHRASE_WORDS_PER_PASS:
            bit, phrase = phrases.pop(0)
            required = 0
            for word in phrase:
                required |= word_bits.setdefault(word, 1 << len(word_bits))
            taken.append((bit, required))
        phrase_bits = np.zeros(size, np.int64)
        for word, bit in word_bits.items():
            if (found := term_id.get(word)) is not None:
                phrase_bits[found] = bit
        passes.append((phrase_bits, taken))
    return QueryBits(bits, passes)


def _masks(query: QueryBits, words: np.ndarray, offsets: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The groups each segment of word ids satisfies, as bit masks."""
    masks = _reduce(np.bitwise_or, query.bits[words], offsets, counts)
    for phrase_bits, phrases in query.phrases:
        present = _reduce(np.bitwise_or, phrase_bits[words], offsets, counts)
        for group_bit, required in phrases:
            masks |= np.where((present & required) == required, group_bit, 0)
    return masks


def rank(
    arrays: RankingArrays,
    query: QueryBits,
    groups: int,
    ids: list[int],
    place: tuple[float, float] | None,
    radius_km: float | None,
) -> RankedRows:
    """Score the matched documents (each has every one of the ``groups`` query groups).

    - name fit: the best of the document's names (title, appellations) measured as the share of
      its words the query covers, when it covers every query word: "pompier" fits the name
      "Pompier / Pompière" of the job "Secouriste" perfectly (+ 0.4 when it is the whole name);
    - title coverage and conciseness: the query's words in the title, and how much of the title they are;
    - where each query word is: title, other names, or only keywords (``FIELD_WEIGHTS``);
    - popularity boost and a small prior by type (jobs, then training, then places), then
      proximity to ``place`` (latitude, longitude). With both a place and ``radius_km``, rows
      farther away are dropped, and so are places of training without coordinates.
    """
    empty = np.zeros(0, np.int64)
    if not ids:
        return RankedRows(empty, np.zeros(0), np.zeros(0), 0)
    # An id past the last one known (a newer rebuild) lands on the final -1.
    rows = arrays.row_of_id.take(np.fromiter(ids, np.int64, len(ids)), mode="clip")
    missing = rows < 0
    unknown = int(missing.sum())
    if unknown:
        rows = rows[~missing]
    # Rows sharing a text (a training and its places) repeat its computation: on arrays that is
    # cheaper than finding the distinct texts first.
    keys = arrays.text_key[rows]

    every = (1 << groups) - 1
    title_words = arrays.title_words[keys]
    title_mask = np.bitwise_or.reduce(query.bits[title_words], axis=1)
    for phrase_bits, phrases in query.phrases:
        present = np.bitwise_or.reduce(phrase_bits[title_words], axis=1)
        for group_bit, required in phrases:
            title_mask |= np.where((present & required) == required, group_bit, 0)
    # A text's names are stored one after the other: its words are one run of ``words``, and a
    # name begins wherever ``name_begins`` says so (every name has at least one word).
    names_count = arrays.names_count[keys]
    positions, _ = _segments(arrays.names_words_start[keys], arrays.names_words_count[keys])
    offsets = np.flatnonzero(arrays.name_begins[positions])
    name_mask = _masks(query, arrays.words[positions], offsets, np.ones(len(offsets), np.int64))
    lengths = arrays.name_length_at[positions[offsets]]
    fit = np.where(name_mask == every, groups / np.maximum(lengths, groups), 0.0)
    name_offsets = np.cumsum(names_count) - names_count
    name_fit = _reduce(np.maximum, fit, name_offsets, names_count)
    names_mask = _reduce(np.bitwise_or, name_mask, name_offsets, names_count) | title_mask
    in_title = np.bitwise_count(title_mask).astype(np.int64)
    in_names = np.bitwise_count(names_mask).astype(np.int64) - in_title
    coverage_weight = 0.5 / groups
    title_weight, names_weight, keywords_weight = (0.4 / groups * w for w in FIELD_WEIGHTS)
    part = (
        coverage_weight * in_title
        + 1.2 * name_fit
        + np.where(name_fit == 1.0, 0.4, 0.0)
        + in_title * arrays.title_conciseness[keys]
        + title_weight * in_title
        + names_weight * in_names
        + keywords_weight * (groups - in_title - in_names)
    )
    score = part + arrays.prior[rows]
    distance = np.full(len(rows), np.nan)
    if place is not None:
        latitude, longitude = arrays.latitude[rows], arrays.longitude[rows]
        p1, p2 = np.radians(place[0]), np.radians(latitude)
        a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(longitude - place[1]) / 2) ** 2
        distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))
        located = ~np.isnan(distance)
        score = score + np.where(located, 0.4 * np.maximum(0.0, 1.0 - distance / 50.0), 0.0)
        if radius_km is not None:
            keep = np.where(located, distance <= radius_km, ~arrays.is_offer[rows])
            rows, score, distance = rows[keep], score[keep], distance[keep]
    return RankedRows(rows, -score, distance, unknown)


def order(arrays: RankingArrays, ranked: RankedRows, selected: np.ndarray) -> np.ndarray:
    """Positions (into ``ranked``) of the ``selected`` rows, best first: score, then title, then id."""
    rows = ranked.rows[selected]
    sorted_positions = np.lexsort((arrays.ids[rows], arrays.title_order[rows], ranked.negative_score[selected]))
    return np.flatnonzero(selected)[sorted_positions]
