"""PostgreSQL: no planner statistics on the search vector.

A full-text match has one sensible plan here (the GIN index), but with statistics on the tsvector
the planner decompressed its most-common-lexeme array on every search to estimate the match's
selectivity (a tenth of the database's time per search), and for a few very common words
("bac pro") it even chose to read the whole table, ten times slower. Without them it uses a
default selectivity: always the index, and no decompression. Nothing to do on SQLite.
"""

from django.db import migrations


def _statistics_target(target: int):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STATISTICS {target}"
            )

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_names")]

    # 0 = none; -1 = the server's default.
    operations = [migrations.RunPython(_statistics_target(0), _statistics_target(-1))]
