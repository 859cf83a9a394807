"""The status log takes the field names every workflow log shares (core.StatusLog); rows are kept."""

from orientation.core.status_log_migration import status_log_migration

Migration = status_log_migration(
    ("interventions", "0002_booking_no_double_booking"),
    {"model_name": "bookingstatuslog", "renames": {"reason": "note", "at": "created_at"}, "verbose_name": "étape d'une réservation"},
)
