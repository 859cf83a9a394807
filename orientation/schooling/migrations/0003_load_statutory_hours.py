from django.db import migrations

from orientation.schooling.enums import Level
from orientation.schooling.importers import statutory


def load_table(apps, schema_editor):
    model = apps.get_model("schooling", "StatutoryHours")
    statutory.load(model, statutory.DEFAULT_TABLE.read_text(encoding="utf-8"), set(Level.values))


class Migration(migrations.Migration):
    dependencies = [("schooling", "0002_pupils_enrolments_hours_activities")]

    operations = [migrations.RunPython(load_table, migrations.RunPython.noop)]
