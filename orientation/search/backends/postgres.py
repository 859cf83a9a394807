from __future__ import annotations

import re

from django.db import connection

from orientation.search.backends.base import SearchBackend
from orientation.search.query import Alternative, TermGroup

# ts_rank_cd weights for {D, C, B, A}: keywords (C), other titles (B), title (A).
RANK_WEIGHTS = "{0.0, 0.1, 0.4, 1.0}"

# Each indexed term with the lexemes PostgreSQL made of it (``to_tsvector``: unaccent, then the
# French stemmer), in the order of their positions.
VOCABULARY_SQL = (
    "SELECT term, display, document_count, to_tsvector('orientation_fr', term)::text FROM search_searchterm"
)
_LEXEME = re.compile(r"'((?:[^']|'')+)':(\d+)")


def lexemes_of(vector: str) -> tuple[str, ...]:
    """The lexemes of a ``tsvector``'s text (``'boulang':1``), in the order of their positions."""
    found = sorted((int(position), lexeme.replace("''", "'")) for lexeme, position in _LEXEME.findall(vector))
    return tuple(lexeme for _, lexeme in found)


def _quoted(lexemes: tuple[str, ...]) -> str:
    quoted = [("'" + lexeme.replace("'", "''") + "'") for lexeme in lexemes]
    return quoted[0] if len(quoted) == 1 else "(" + " <-> ".join(quoted) + ")"


def _alternative(alt: Alternative, vocabulary) -> list[str]:
    """The alternative as tsquery operands over the index's own lexemes (none if the vocabulary
    has no such term).

    A prefix stands for every indexed term that begins with it (as on SQLite: the prefix of the
    analysed word, not of PostgreSQL's shorter stem — "compta*" finds "comptabilite", not
    "compteur"), each by its exact lexemes: the GIN index then looks entries up instead of
    scanning ranges of them, and no dictionary runs on every search.
    """
    lexemes = vocabulary.lexemes
    if len(alt.words) > 1:
        parts = [lexemes.get(word) for word in alt.words]
        if any(not part for part in parts):
            return []
        return [_quoted(tuple(lexeme for part in parts for lexeme in part))]
    if not alt.prefix:
        found = lexemes.get(alt.words[0])
        return [_quoted(found)] if found else []
    return sorted({_quoted(lexemes[term]) for term in vocabulary.starting_with(alt.words[0]) if lexemes.get(term)})


def _stemmed(alt: Alternative) -> str:
    """The alternative for ``to_tsquery`` (PostgreSQL stems it)."""
    if len(alt.words) > 1:
        return "(" + " <-> ".join(f"'{w}'" for w in alt.words) + ")"
    return f"'{alt.words[0]}':*" if alt.prefix else f"'{alt.words[0]}'"


def tsquery_expressions(groups: list[TermGroup], vocabulary, *, require_all: bool) -> tuple[str, str]:
    """The groups as a tsquery of the index's lexemes and, for the groups none of whose words
    this process's vocabulary knows (a word that a rebuild in another process has just added),
    as text for ``to_tsquery``; the two are joined by AND (``require_all``) or OR."""
    known, unknown = [], []
    for group in groups:
        alternatives = SearchBackend._clean_alternatives(group)
        operands = sorted({operand for alt in alternatives for operand in _alternative(alt, vocabulary)})
        if operands:
            known.append("(" + " | ".join(operands) + ")")
        elif alternatives:
            unknown.append("(" + " | ".join(_stemmed(alt) for alt in alternatives) + ")")
    joint = " & " if require_all else " | "
    return joint.join(known), joint.join(unknown)


def _condition(groups: list[TermGroup], vocabulary, *, require_all: bool) -> tuple[str, list[str]]:
    """The SQL tsquery of the match and its parameters ("" when there is nothing to look for)."""
    lexemes, stemmed = tsquery_expressions(groups, vocabulary, require_all=require_all)
    if lexemes and stemmed:
        joint = "&&" if require_all else "||"
        return f"(CAST(%s AS tsquery) {joint} to_tsquery('orientation_fr', %s))", [lexemes, stemmed]
    if lexemes:
        return "CAST(%s AS tsquery)", [lexemes]
    if stemmed:
        return "to_tsquery('orientation_fr', %s)", [stemmed]
    return "", []


class PostgresBackend(SearchBackend):
    name = "postgresql"

    def vocabulary_rows(self) -> list[tuple[str, str, int, tuple[str, ...]]]:
        with connection.cursor() as cursor:
            cursor.execute(VOCABULARY_SQL)
            return [(term, display, count, lexemes_of(vector)) for term, display, count, vector in cursor.fetchall()]

    def match(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        query, params = _condition(groups, vocabulary, require_all=require_all)
        if not query:
            return []
        sql = f"SELECT d.id FROM search_searchdocument d WHERE d.search_vector @@ {query} LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit])
            return [row[0] for row in cursor.fetchall()]

    def match_ranked(self, groups: list[TermGroup], vocabulary, *, require_all: bool, limit: int) -> list[int]:
        query, params = _condition(groups, vocabulary, require_all=require_all)
        if not query:
            return []
        sql = (
            f"SELECT d.id FROM search_searchdocument d, {query} q "  # noqa: S608 (the query's shape only)
            "WHERE d.search_vector @@ q ORDER BY ts_rank_cd(%s::float4[], d.search_vector, q) DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, RANK_WEIGHTS, limit])
            return [row[0] for row in cursor.fetchall()]

    def typo_candidates(self, term: str, vocabulary_terms: list[str]) -> list[str]:
        # Trigram similarity (GIN index) proposes; the caller keeps the smallest edit distance.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM search_searchterm WHERE term %% %s ORDER BY similarity(term, %s) DESC LIMIT 30",
                [term, term],
            )
            return [row[0] for row in cursor.fetchall()]
