from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.moderation.enums import ModerationStatus
from orientation.moderation.registry import kind_for
from orientation.territory.models import Academy, Department


class ModerationItem(TimeStampedModel):
    """A free text flagged by the neutrality check, waiting for a coordinator's decision.

    ``kind`` and ``object_id`` name the text's owner (registered by its app). ``department`` and
    ``academy`` place it in a territory (both empty: the whole region); coordinators see the items of
    their territory only.
    """

    kind = models.CharField("texte", max_length=30)
    object_id = models.PositiveBigIntegerField()
    text = models.TextField("texte soumis")
    reasons = models.JSONField("motifs du signalement", default=list)
    excerpts = models.JSONField("passages signalés", default=list, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="département"
    )
    academy = models.ForeignKey(
        Academy, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="académie"
    )
    status = models.CharField(
        "décision", max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decision_note = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "texte à modérer"
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["kind", "object_id"]), models.Index(fields=["status", "department"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="PENDING") | Q(decided_by__isnull=False, decided_at__isnull=False),
                name="moderation_item_decision_recorded",
                violation_error_message="Une décision de modération indique qui l'a prise et quand.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} n° {self.object_id}"

    @property
    def kind_label(self) -> str:
        kind = kind_for(self.kind)
        return kind.label if kind else "Texte"

    @property
    def held_part(self) -> str:
        kind = kind_for(self.kind)
        return kind.held_part if kind else "votre texte"

    @property
    def is_pending(self) -> bool:
        return self.status == ModerationStatus.PENDING

    @property
    def is_approved(self) -> bool:
        return self.status == ModerationStatus.APPROVED
