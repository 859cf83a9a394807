"""The migration operations that bring an existing status log to ``core.models.StatusLog``.

Used by the migrations that adopted the common fields; like any migration code it must keep
producing the same operations (a later change of ``StatusLog`` gets its own migrations)."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def adopt_status_log(model_name: str, *, renames: dict[str, str], verbose_name: str, add_note: bool = False):
    """Rename the fields (rows kept), then give every field the common definition."""
    operations = [migrations.RenameField(model_name, old, new) for old, new in renames.items()]
    operations.append(
        migrations.AlterModelOptions(
            name=model_name, options={"ordering": ["created_at", "pk"], "verbose_name": verbose_name}
        )
    )
    note = models.TextField(blank=True, verbose_name="motif")
    operations.append(
        migrations.AddField(model_name, "note", note) if add_note else migrations.AlterField(model_name, "note", note)
    )
    fields = {
        "actor": models.ForeignKey(
            blank=True, null=True, on_delete=models.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL
        ),
        "created_at": models.DateTimeField(default=timezone.now, verbose_name="le"),
        "from_status": models.CharField(blank=True, max_length=20, verbose_name="avant"),
        "to_status": models.CharField(max_length=20, verbose_name="après"),
    }
    operations += [migrations.AlterField(model_name, name, field) for name, field in fields.items()]
    return operations


def status_log_migration(previous: tuple[str, str], *logs: dict, extra=()):
    """The whole migration: ``Migration = status_log_migration(("app", "0001_x"), {"model_name": …, …})``,
    each dict the arguments of :func:`adopt_status_log` for one log of the app."""
    operations = [operation for log in logs for operation in adopt_status_log(**log)]
    return type(
        "Migration",
        (migrations.Migration,),
        {"dependencies": [previous], "operations": [*operations, *extra], "__module__": __name__},
    )
