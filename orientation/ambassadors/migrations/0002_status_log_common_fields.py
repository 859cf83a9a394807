"""The status log takes the field names every workflow log shares (core.StatusLog); rows are kept."""

from orientation.core.status_log_migration import status_log_migration

Migration = status_log_migration(
    ("ambassadors", "0001_ambassadors_profiles_charter_training"),
    {"model_name": "ambassadorstatuslog", "renames": {"reason": "note", "at": "created_at"}, "verbose_name": "changement de statut d'un ambassadeur"},
)
