"""One search interface, two implementations (SQLite FTS5, PostgreSQL full text).

``get_backend()`` picks the one matching the default database. A backend only *matches*:
given the analysed term groups it returns the matching documents' ids (and, when asked, the
best of them by its own relevance). Query understanding (``search.query``), re-ranking, facets and distances are
done once, in ``search.selectors``, for both.
"""

from __future__ import annotations

from django.db import connection

from orientation.search.backends.base import MATCH_LIMIT, SearchBackend


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from orientation.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from orientation.search.backends.sqlite import SqliteBackend

    return SqliteBackend()


__all__ = ["MATCH_LIMIT", "SearchBackend", "get_backend"]
