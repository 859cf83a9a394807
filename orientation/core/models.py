from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


class StatusLog(models.Model):
    """One row per status change of a workflow (``core.workflow``): from, to, who, why, when.

    Each log adds the foreign key to what changed and names its statuses (``statuses``, a
    ``TextChoices``). ``actor`` is empty when someone without an account acted (a parent's link)."""

    statuses: ClassVar[type[models.TextChoices]]

    from_status = models.CharField("avant", max_length=20, blank=True)
    to_status = models.CharField("après", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    note = models.TextField("motif", blank=True)
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '∅'} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return self.statuses(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return self.statuses(self.to_status).label


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


class ThrottleCounter(models.Model):
    """How many times a key (an address, a network, a person) did something in the current window.

    Shared by every app server through the database, so a limit holds across processes and
    machines. The key is stored hashed: no address nor IP is kept in clear.
    """

    scope = models.CharField("usage limité", max_length=40)
    key = models.CharField("clé (empreinte)", max_length=64)
    count = models.PositiveIntegerField("nombre", default=0)
    window_ends_at = models.DateTimeField("fin de la période")

    class Meta:
        verbose_name = "compteur de limitation"
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="throttle_scope_key_unique")]
        indexes = [models.Index(fields=["window_ends_at"])]

    def __str__(self) -> str:
        return f"{self.scope} : {self.count}"


class WorkerHeartbeat(models.Model):
    """A background worker's sign of life: a task claimed by a worker that stopped beating is run again."""

    worker_id = models.CharField("identifiant du processus", max_length=64, primary_key=True)
    hostname = models.CharField("machine", max_length=255)
    pid = models.PositiveIntegerField("processus")
    started_at = models.DateTimeField("démarré le", auto_now_add=True)
    seen_at = models.DateTimeField("dernier signe de vie")

    class Meta:
        verbose_name = "processus de tâches de fond"
        verbose_name_plural = "processus de tâches de fond"
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"
