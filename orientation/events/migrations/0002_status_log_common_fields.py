from django.conf import settings
from django.db import migrations

from orientation.core.status_log_migration import adopt_status_log


class Migration(migrations.Migration):
    """The status logs take the field names every workflow log shares (core.StatusLog); rows are kept."""

    dependencies = [
        ("events", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *adopt_status_log(
            "eventstatuslog", renames={"at": "created_at"}, verbose_name="changement de statut d'un événement"
        ),
        *adopt_status_log(
            "registrationstatuslog",
            renames={"at": "created_at"},
            verbose_name="changement de statut d'une inscription",
            add_note=True,
        ),
    ]
