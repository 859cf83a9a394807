from __future__ import annotations

from django.db import connection

from orientation.search.backends.base import SearchBackend
from orientation.search.query import Alternative, TermGroup

# ts_rank_cd weights for {D, C, B, A}: keywords (C), other titles (B), title (A).
RANK_WEIGHTS = "{0.0, 0.1, 0.4, 1.0}"


def _alternative(alt: Alternative) -> str:
    if len(alt.words) > 1:
        return "(" + " <-> ".join(f"'{w}'" for w in alt.words) + ")"
    return f"'{alt.words[0]}':*" if alt.prefix else f"'{alt.words[0]}'"


def tsquery_expression(groups: list[TermGroup], *, require_all: bool) -> str:
    parts = []
    for group in groups:
        alternatives = SearchBackend._clean_alternatives(group)
        if alternatives:
            parts.append("(" + " | ".join(_alternative(a) for a in alternatives) + ")")
    return (" & " if require_all else " | ").join(parts)


class PostgresBackend(SearchBackend):
    name = "postgresql"

    def match(self, groups: list[TermGroup], *, require_all: bool, limit: int) -> list[int]:
        expression = tsquery_expression(groups, require_all=require_all)
        if not expression:
            return []
        sql = (
            "SELECT d.id FROM search_searchdocument d "
            "WHERE d.search_vector @@ to_tsquery('orientation_fr', %s) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, limit])
            return [row[0] for row in cursor.fetchall()]

    def match_ranked(self, groups: list[TermGroup], *, require_all: bool, limit: int) -> list[int]:
        expression = tsquery_expression(groups, require_all=require_all)
        if not expression:
            return []
        sql = (
            "SELECT d.id FROM search_searchdocument d, to_tsquery('orientation_fr', %s) q "
            "WHERE d.search_vector @@ q ORDER BY ts_rank_cd(%s::float4[], d.search_vector, q) DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, RANK_WEIGHTS, limit])
            return [row[0] for row in cursor.fetchall()]

    def typo_candidates(self, term: str, vocabulary_terms: list[str]) -> list[str]:
        # Trigram similarity (GIN index) proposes; the caller keeps the smallest edit distance.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s ORDER BY similarity(term, %s) DESC LIMIT 30",
                [term, term],
            )
            return [row[0] for row in cursor.fetchall()]
