"""The indexed vocabulary, cached in each process, for typo correction.

Loaded once per process (one query, through the search backend the caller passes in) and kept
for ``CACHE_SECONDS``; the rebuild service drops the cache of its own process, other processes
pick the new vocabulary up when it expires. This module never imports the backends: they sit
beside it, and the caller (``search.selectors``) hands each the other.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from orientation.search.text import edit_distance, prefix_run

CACHE_SECONDS = 600


@dataclass(frozen=True)
class Suggestion:
    term: str
    display: str
    distance: int


def max_typos(term: str) -> int:
    """How many edits a word of this length may carry: none under 4 letters, 1 up to 5, then 2."""
    if len(term) < 4:
        return 0
    return 1 if len(term) <= 5 else 2


class Vocabulary:
    def __init__(self, rows: list[tuple], backend) -> None:
        """``rows``: (term, display, document count[, lexemes]): the database's own lexemes of
        the term where its backend indexes them (PostgreSQL); ``backend`` proposes typo candidates."""
        self._backend = backend
        self.terms = sorted(row[0] for row in rows)
        self.info = {row[0]: (row[1], row[2]) for row in rows}
        self.lexemes: dict[str, tuple[str, ...]] = {row[0]: row[3] for row in rows if len(row) > 3}
        self._closest: dict[str, Suggestion | None] = {}

    def starting_with(self, prefix: str) -> list[str]:
        """The indexed terms that begin with ``prefix`` (a run of the sorted terms)."""
        return self.terms[prefix_run(self.terms, prefix)]

    def knows(self, term: str, *, prefix: bool = False) -> bool:
        if term in self.info:
            return True
        if not prefix:
            return False
        run = prefix_run(self.terms, term)
        return run.start < run.stop

    def frequency(self, alternatives) -> int:
        """At most how many documents have one of these alternatives (the rarer, the more a word says).

        A word counts its documents, a prefix those of every word it begins, a phrase those of
        its rarest word; 0 when the index has none of them.
        """
        total = 0
        for alternative in alternatives:
            counts = []
            for word in alternative.words:
                if alternative.prefix:
                    counts.append(sum(self.info[term][1] for term in self.starting_with(word)))
                else:
                    counts.append(self.info.get(word, ("", 0))[1])
            total += min(counts, default=0)
        return total

    def closest(self, term: str) -> Suggestion | None:
        """The indexed term nearest to ``term`` (remembered: a misspelling comes back often)."""
        if term not in self._closest:
            if len(self._closest) > 5000:
                self._closest.clear()
            self._closest[term] = self._find_closest(term)
        return self._closest[term]

    def _find_closest(self, term: str) -> Suggestion | None:
        limit = max_typos(term)
        if limit == 0:
            return None
        best: tuple[int, int, str] | None = None
        for candidate in self._backend.typo_candidates(term, self.terms):
            if candidate not in self.info:
                continue
            distance = edit_distance(term, candidate, limit)
            if distance > limit:
                continue
            key = (distance, -self.info[candidate][1], candidate)
            if best is None or key < best:
                best = key
        if best is None:
            return None
        return Suggestion(best[2], self.info[best[2]][0], best[0])


_lock = threading.Lock()
_cached: tuple[float, Vocabulary] | None = None


def get_vocabulary(backend) -> Vocabulary:
    """This process's vocabulary, read through ``backend`` when the cache is empty or stale."""
    global _cached
    with _lock:
        now = time.monotonic()
        if _cached is None or now - _cached[0] > CACHE_SECONDS:
            _cached = (now, Vocabulary(backend.vocabulary_rows(), backend))
        return _cached[1]


def forget_vocabulary() -> None:
    global _cached
    with _lock:
        _cached = None
