"""PostgreSQL: no planner statistics on the search vector.

A full-text match has one sensible plan here (the GIN index), but with statistics on the tsvector
the planner decompressed its most-common-lexeme array on every search to estimate the match's
selectivity (a tenth of the database's time per search), and for a few very common words
("bac pro") it even chose to read the whole table, ten times slower. Without them it uses a
default selectivity: always the index, and no decompression. Nothing to do on SQLite.
"""

from django.db import migrations


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_names")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": ["ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STATISTICS 0"]}),
            _run({"postgresql": ["ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STATISTICS -1"]}),
        )
    ]
