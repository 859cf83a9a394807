"""The five status logs adopted the common fields by renaming their columns: their rows are kept."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

RENAMED = {
    ("ambassadors", "0002_status_log_common_fields"): [("reason", "note"), ("at", "created_at")],
    ("interventions", "0003_status_log_common_fields"): [("reason", "note"), ("at", "created_at")],
    ("internships", "0002_status_log_common_fields"): [("message", "note"), ("at", "created_at")],
    ("events", "0002_status_log_common_fields"): [("at", "created_at")],
}


@pytest.mark.parametrize(("app", "migration"), sorted(RENAMED))
def test_columns_are_renamed_never_dropped(app, migration):
    out = StringIO()
    call_command("sqlmigrate", app, migration, stdout=out)
    sql = out.getvalue()
    for old, new in RENAMED[(app, migration)]:
        assert f'RENAME COLUMN "{old}" TO "{new}"' in sql
        assert f'DROP COLUMN "{old}"' not in sql
