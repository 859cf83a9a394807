"""An ambassador is never booked twice at the same time, enforced by the database.

PostgreSQL: an exclusion constraint on (ambassador, tstzrange(start, end)) using btree_gist.
SQLite: BEFORE INSERT/UPDATE triggers that abort on an overlapping blocking booking (SQLite
serialises writers, so the check cannot race).
"""

from django.db import migrations

BLOCKING = "('PROPOSED', 'ACCEPTED', 'CONFIRMED', 'DONE', 'EVALUATED')"

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE interventions_booking ADD CONSTRAINT booking_no_double_booking
        EXCLUDE USING gist (ambassador_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (ambassador_id IS NOT NULL AND status IN {BLOCKING})""",
]
PG_BACKWARD = ["ALTER TABLE interventions_booking DROP CONSTRAINT IF EXISTS booking_no_double_booking"]

_SQLITE_CHECK = f"""
    WHEN NEW.ambassador_id IS NOT NULL AND NEW.status IN {BLOCKING} AND EXISTS (
        SELECT 1 FROM interventions_booking other
        WHERE other.ambassador_id = NEW.ambassador_id
          AND other.id <> NEW.id
          AND other.status IN {BLOCKING}
          AND other.starts_at < NEW.ends_at
          AND NEW.starts_at < other.ends_at)
    BEGIN SELECT RAISE(ABORT, 'booking_no_double_booking'); END
"""
SQLITE_FORWARD = [
    f"CREATE TRIGGER booking_no_double_booking_insert BEFORE INSERT ON interventions_booking {_SQLITE_CHECK}",
    f"CREATE TRIGGER booking_no_double_booking_update BEFORE UPDATE ON interventions_booking {_SQLITE_CHECK}",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS booking_no_double_booking_insert",
    "DROP TRIGGER IF EXISTS booking_no_double_booking_update",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("interventions", "0001_catalogue_requests_bookings"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        ),
    ]
