from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel


class ReportStatus(models.TextChoices):
    QUEUED = "QUEUED", "En attente"
    RUNNING = "RUNNING", "En cours"
    READY = "READY", "Prêt"
    FAILED = "FAILED", "Échec"


class AnnualReport(TimeStampedModel):
    """One annual report (R11) being generated in the background, then its three files."""

    scope_kind = models.CharField("type de territoire", max_length=12)
    scope_code = models.CharField("code du territoire", max_length=10)
    scope_label = models.CharField("territoire", max_length=200)
    school_year = models.CharField("année scolaire", max_length=9)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("état", max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    step = models.CharField("étape en cours", max_length=200, blank=True)
    html = models.TextField("rapport (HTML)", blank=True)
    pdf = models.BinaryField("rapport (PDF)", null=True, blank=True)
    xlsx = models.BinaryField("rapport (XLSX)", null=True, blank=True)
    error = models.TextField("erreur", blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "bilan annuel"
        verbose_name_plural = "bilans annuels"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="annual_report_progress_range",
                violation_error_message="L'avancement va de 0 à 100 %.",
            ),
            models.CheckConstraint(
                condition=~Q(status="READY") | Q(progress=100, finished_at__isnull=False),
                name="annual_report_ready_complete",
                violation_error_message="Un bilan prêt est complet.",
            ),
        ]

    def __str__(self) -> str:
        return f"Bilan {self.school_year} — {self.scope_label}"

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.READY, ReportStatus.FAILED)
