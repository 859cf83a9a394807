from django.db import models


class ModerationStatus(models.TextChoices):
    PENDING = "PENDING", "À examiner"
    APPROVED = "APPROVED", "Accepté"
    REJECTED = "REJECTED", "Refusé"
