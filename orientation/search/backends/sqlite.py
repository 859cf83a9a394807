from __future__ import annotations

from django.db import connection

from orientation.search.backends.base import SearchBackend
from orientation.search.query import Alternative, TermGroup

# bm25 column weights: title, other titles (appellations), keywords.
BM25_WEIGHTS = (10.0, 4.0, 1.0)


def _alternative(alt: Alternative) -> str:
    phrase = '"' + " ".join(alt.words) + '"'
    return phrase + "*" if alt.prefix else phrase


def fts_expression(groups: list[TermGroup], *, require_all: bool) -> str:
    parts = []
    for group in groups:
        alternatives = SearchBackend._clean_alternatives(group)
        if alternatives:
            parts.append("(" + " OR ".join(_alternative(a) for a in alternatives) + ")")
    return (" AND " if require_all else " OR ").join(parts)


class SqliteBackend(SearchBackend):
    name = "sqlite"

    def match(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        expression = fts_expression(groups, require_all=require_all)
        if not expression:
            return []
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT %s", [expression, limit])
            return [row[0] for row in cursor.fetchall()]

    def match_ranked(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        expression = fts_expression(groups, require_all=require_all)
        if not expression:
            return []
        weights = ", ".join(str(w) for w in BM25_WEIGHTS)
        # bm25: smaller is better; the weights are constants.
        sql = f"SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY bm25(search_fts, {weights}), rowid LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, limit])
            return [row[0] for row in cursor.fetchall()]

    def typo_candidates(self, term: str, vocabulary_terms: list[str]) -> list[str]:
        # Same first letter and a close length: the edit distance is then computed on a few hundred words.
        return [t for t in vocabulary_terms if t[:1] == term[:1] and abs(len(t) - len(term)) <= 2]


def refresh_fts() -> None:
    """Rebuild the FTS5 index from the content table (after the documents were rewritten)."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
