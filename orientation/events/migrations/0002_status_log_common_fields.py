"""The status logs take the field names every workflow log shares (core.StatusLog); rows are kept."""

from orientation.core.status_log_migration import status_log_migration

Migration = status_log_migration(
    ("events", "0001_initial"),
    {"model_name": "eventstatuslog", "renames": {"at": "created_at"}, "verbose_name": "changement de statut d'un événement"},
    {"model_name": "registrationstatuslog", "renames": {"at": "created_at"}, "verbose_name": "changement de statut d'une inscription", "add_note": True},
)
