"""The status log takes the field names every workflow log shares (core.StatusLog); rows are kept."""

from orientation.core.status_log_migration import status_log_migration
from django.db import migrations, models

# The log is reached as ``application.status_log``, like every other status log.
related_name = migrations.AlterField(
    "applicationstatuslog", "application", models.ForeignKey(on_delete=models.CASCADE, related_name="status_log", to="internships.application")
)
Migration = status_log_migration(
    ("internships", "0001_initial"),
    {"model_name": "applicationstatuslog", "renames": {"message": "note", "at": "created_at"}, "verbose_name": "étape d'une candidature"},
    extra=[related_name],
)
