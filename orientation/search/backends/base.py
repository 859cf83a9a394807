from __future__ import annotations

from typing import NamedTuple

from orientation.search.query import Alternative, TermGroup

# Columns every backend returns, in this order (joined with the backend's score).
MATCH_COLUMNS = (
    "d.id, d.type, d.level, d.by_school, d.by_apprenticeship, d.departments, d.recruits, "
    "d.latitude, d.longitude, d.boost, d.title_terms, d.names"
)
# Enough for facet counts on any realistic query; the rest of a huge set is of no use to anyone.
MATCH_LIMIT = 1500


class Match(NamedTuple):
    id: int
    type: str
    level: int | None
    by_school: bool
    by_apprenticeship: bool
    departments: str
    recruits: bool
    latitude: float | None
    longitude: float | None
    boost: float
    title_terms: str
    names: str
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
