from __future__ import annotations

from orientation.search.query import Alternative, TermGroup

# The most rows the ranking sees. A query matching more (a handful of very common words) is cut
# to the best of them by the backend's own relevance, so the cut keeps what matters.
MATCH_LIMIT = 1500


class SearchBackend:
    """Matching only: which documents contain the query's term groups.

    - ``vocabulary`` (``search.vocabulary.Vocabulary``), passed in by the caller: the indexed
      terms and, on PostgreSQL, their lexemes (a backend never imports the vocabulary module).
    - ``match``: the ids of the matching documents, in no particular order, at most ``limit``
      (asking for ``MATCH_LIMIT + 1`` tells whether there are more). No relevance is computed:
      the ranking is done once, in Python, from per-document data (``search.selectors``), the
      same on both databases, so the database only has to find the rows.
    - ``match_ranked``: the best ``limit`` matches by the backend's own relevance (bm25 on
      SQLite, ``ts_rank_cd`` on PostgreSQL), best first: it chooses which rows the ranking
      sees when a query matches more than ``MATCH_LIMIT`` documents.
    """

    name = "base"

    def vocabulary_rows(self) -> list[tuple]:
        """The indexed vocabulary (term, display, document count), for ``search.vocabulary``."""
        from orientation.search.models import SearchTerm

        return list(SearchTerm.objects.values_list("term", "display", "document_count"))

    def match(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        raise NotImplementedError

    def match_ranked(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        raise NotImplementedError

    def typo_candidates(self, term: str, vocabulary_terms: list[str]) -> list[str]:
        """Indexed terms that may be what ``term`` was meant to be (the caller picks the closest)."""
        raise NotImplementedError

    @staticmethod
    def _clean_alternatives(group: TermGroup) -> list[Alternative]:
        return [alt for alt in group.alternatives if all(w.isalnum() and w.isascii() for w in alt.words)]
