import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The status log takes the field names every workflow log shares (core.StatusLog); rows are kept."""

    dependencies = [
        ("ambassadors", "0001_ambassadors_profiles_charter_training"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("ambassadorstatuslog", "reason", "note"),
        migrations.RenameField("ambassadorstatuslog", "at", "created_at"),
        migrations.AlterModelOptions(
            name='ambassadorstatuslog',
            options={'ordering': ['created_at', 'pk'], 'verbose_name': "changement de statut d'un ambassadeur"},
        ),
        migrations.AlterField(
            model_name='ambassadorstatuslog',
            name='actor',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='ambassadorstatuslog',
            name='from_status',
            field=models.CharField(blank=True, max_length=20, verbose_name='avant'),
        ),
        migrations.AlterField(
            model_name='ambassadorstatuslog',
            name='to_status',
            field=models.CharField(max_length=20, verbose_name='après'),
        ),
    ]
