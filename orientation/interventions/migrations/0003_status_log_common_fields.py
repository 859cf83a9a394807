from django.conf import settings
from django.db import migrations

from orientation.core.status_log_migration import adopt_status_log


class Migration(migrations.Migration):
    """The status log takes the field names every workflow log shares (core.StatusLog); rows are kept."""

    dependencies = [
        ("interventions", "0002_booking_no_double_booking"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *adopt_status_log(
            "bookingstatuslog", renames={"reason": "note", "at": "created_at"}, verbose_name="étape d'une réservation"
        ),
    ]
