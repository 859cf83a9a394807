"""Full-text structures, one set per database (the model table is shared).

SQLite: an FTS5 external-content table over the analysed columns.
PostgreSQL: unaccent + pg_trgm, the ``orientation_fr`` text search configuration (French
Snowball stemmer without stop words, behind unaccent), a generated weighted tsvector with a
GIN index, and a trigram index on the vocabulary.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, alt_terms, body_terms,
        content='search_searchdocument', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3 4'
    )
    """,
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Snowball French without its stop-word list: "son" (sound) or "mer" must stay searchable.
    "CREATE TEXT SEARCH DICTIONARY orientation_fr_stem (TEMPLATE = snowball, LANGUAGE = french)",
    "CREATE TEXT SEARCH CONFIGURATION orientation_fr (COPY = french)",
    """
    ALTER TEXT SEARCH CONFIGURATION orientation_fr
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
        WITH unaccent, orientation_fr_stem
    """,
    """
    ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('orientation_fr'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('orientation_fr'::regconfig, alt_terms), 'B')
        || setweight(to_tsvector('orientation_fr'::regconfig, body_terms), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS orientation_fr",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS orientation_fr_stem",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
