import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.governance.enums import BodyKind, MemberCategory
from orientation.territory.models import Department, Region


class Body(TimeStampedModel):
    kind = models.CharField("type", max_length=12, choices=BodyKind.choices)
    name = models.CharField("nom", max_length=200)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="bodies")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="bodies", null=True, blank=True)
    missions = models.TextField("missions", blank=True)

    class Meta:
        verbose_name = "instance territoriale"
        verbose_name_plural = "instances territoriales"
        ordering = ["kind", "department__code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="COPIL", department__isnull=True) | Q(kind="DEPARTMENT", department__isnull=False),
                name="body_department_matches_kind",
                violation_error_message="Une instance départementale a un département ; le comité régional n'en a pas.",
            ),
            models.UniqueConstraint(
                fields=["department"],
                condition=Q(kind="DEPARTMENT"),
                name="body_one_per_department",
                violation_error_message="Ce département a déjà son instance territoriale.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Member(TimeStampedModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    category = models.CharField("collège", max_length=25, choices=MemberCategory.choices)
    full_name = models.CharField("nom", max_length=150)
    organisation = models.CharField("organisation", max_length=200)
    role = models.CharField("fonction", max_length=150, blank=True)
    is_active = models.BooleanField("en fonction", default=True)

    class Meta:
        verbose_name = "membre"
        ordering = ["category", "full_name"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Meeting(TimeStampedModel):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField("date")
    place = models.CharField("lieu", max_length=200, blank=True)
    agenda = models.TextField("ordre du jour")
    attendees = models.ManyToManyField(Member, through="Attendance", related_name="meetings")

    class Meta:
        verbose_name = "réunion"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.body} — {self.held_on:%d/%m/%Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField("présent")

    class Meta:
        verbose_name = "présence"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"],
                name="attendance_unique",
                violation_error_message="La présence de ce membre est déjà notée.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member_id} @ {self.meeting_id}: {'présent' if self.present else 'absent'}"


class Minutes(TimeStampedModel):
    """One version of a meeting's minutes; approved at a later meeting, then frozen."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes")
    version = models.PositiveSmallIntegerField("version")
    text = models.TextField("compte rendu")
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="approved_minutes", null=True, blank=True
    )

    class Meta:
        verbose_name = "compte rendu"
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "version"],
                name="minutes_version_unique",
                violation_error_message="Cette version du compte rendu existe déjà.",
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=Q(approved_at_meeting__isnull=False),
                name="minutes_one_approved",
                violation_error_message="Le compte rendu de cette réunion est déjà approuvé.",
            ),
        ]

    def __str__(self) -> str:
        return f"Compte rendu {self.meeting} (version {self.version})"


class Decision(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField("décision")

    class Meta:
        verbose_name = "décision"
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class FollowUp(TimeStampedModel):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="follow_ups")
    what = models.CharField("suite à donner", max_length=300)
    owner = models.CharField("responsable", max_length=200)
    due_on = models.DateField("échéance")
    done_on = models.DateField("faite le", null=True, blank=True)

    class Meta:
        verbose_name = "suite à donner"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what

    def is_late(self, today: datetime.date) -> bool:
        return self.done_on is None and self.due_on < today
