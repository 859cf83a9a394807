"""Models: see the package docstring."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.catalog.models import Job, Training
from orientation.core.models import TimeStampedModel
from orientation.schooling.models import ActivityRecord


class SavedItem(TimeStampedModel):
    """A job or a training a pupil added to their pathway."""

    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_items")
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="+", null=True, blank=True)

    class Meta:
        verbose_name = "métier ou formation ajouté au parcours"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(job__isnull=False, training__isnull=True) | Q(job__isnull=True, training__isnull=False),
                name="saved_item_one_target",
                violation_error_message="On ajoute au parcours soit un métier, soit une formation.",
            ),
            models.UniqueConstraint(
                fields=["pupil", "job"],
                condition=Q(job__isnull=False),
                name="saved_item_unique_job",
                violation_error_message="Ce métier est déjà dans le parcours.",
            ),
            models.UniqueConstraint(
                fields=["pupil", "training"],
                condition=Q(training__isnull=False),
                name="saved_item_unique_training",
                violation_error_message="Cette formation est déjà dans le parcours.",
            ),
        ]

    @property
    def target(self):
        return self.job or self.training


class Reflection(TimeStampedModel):
    """What the pupil wrote after one of their activities (optional, short, deletable)."""

    activity = models.OneToOneField(ActivityRecord, on_delete=models.CASCADE, related_name="reflection")
    text = models.TextField("ce que j'en retiens", max_length=1000)

    class Meta:
        verbose_name = "réflexion après une activité"
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="reflection_not_empty",
                violation_error_message="Écrivez quelques mots ou supprimez la réflexion.",
            )
        ]
