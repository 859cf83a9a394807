from django.db import migrations, models


def fill_zones(apps, schema_editor):
    """Académies already imported get their zone from the Ministry's calendar (a re-import does too)."""
    from orientation.territory.calendar import zone_of_academy

    Academy = apps.get_model("territory", "Academy")
    for academy in Academy.objects.all():
        academy.holiday_zone = zone_of_academy(academy.code)
        academy.save(update_fields=["holiday_zone"])


class Migration(migrations.Migration):
    dependencies = [
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="academy",
            name="holiday_zone",
            field=models.CharField(
                blank=True,
                choices=[("A", "Zone A"), ("B", "Zone B"), ("C", "Zone C")],
                help_text="Zone du calendrier scolaire national ; vide hors des trois zones métropolitaines.",
                max_length=1,
                verbose_name="zone de vacances scolaires",
            ),
        ),
        migrations.RunPython(fill_zones, migrations.RunPython.noop),
    ]
