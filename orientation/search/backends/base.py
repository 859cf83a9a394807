from __future__ import annotations

from typing import NamedTuple

from orientation.search.query import Alternative, TermGroup

# Enough for facet counts on any realistic query; the rest of a huge set is of no use to anyone.
MATCH_LIMIT = 1500


class Match(NamedTuple):
    """A matching document: its id and the backend's text score (bigger is better).

    Backends may return plain ``(id, score)`` tuples: they read alike. Everything else the ranking and the facets need is per-document data the selectors keep in
    memory (``search.selectors``), so the per-search SQL only moves two numbers per row.
    """

    id: int
    text_score: float


class SearchBackend:
    name = "base"

    def match(self, groups: list[TermGroup], *, require_all: bool, limit: int = MATCH_LIMIT) -> list[Match]:
        raise NotImplementedError

    def typo_candidates(self, term: str, vocabulary_terms: list[str]) -> list[str]:
        """Indexed terms that may be what ``term`` was meant to be (the caller picks the closest)."""
        raise NotImplementedError

    @staticmethod
    def _clean_alternatives(group: TermGroup) -> list[Alternative]:
        return [alt for alt in group.alternatives if all(w.isalnum() and w.isascii() for w in alt.words)]
