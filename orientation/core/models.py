from django.conf import settings
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


class AccessLog(models.Model):
    """Who read whose personal data, when (minors' data are logged when staff read them)."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject_user_id = models.BigIntegerField("personne consultée")
    what = models.CharField("donnée consultée", max_length=200)
    at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "consultation de données personnelles"
        indexes = [models.Index(fields=["subject_user_id", "at"])]

    def __str__(self) -> str:
        return f"{self.viewer_id} → {self.subject_user_id} : {self.what}"
