"""Interventions (R4): the catalogue of formats, schools' requests, proposals and the booking workflow.

A school asks for an intervention (``InterventionRequest``, with the time windows that suit the
class); the same transaction opens its ``Booking``, the workflow object whose allowed status changes
are the ``BOOKING`` table in ``workflow.py``, each logged in ``BookingStatusLog``. The matcher writes
ranked ``Proposal`` rows with their reasons; when a coordinator proposes one, the booking gets the
ambassador and a time. An ambassador is never booked twice at the same time: on PostgreSQL an
exclusion constraint (btree_gist, ``tstzrange`` overlap), on SQLite an equivalent trigger — both in
migration 0002 — for bookings in ``BLOCKING_STATUSES``.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.ambassadors.models import Ambassador
from orientation.core.models import StatusLog, TimeStampedModel
from orientation.interventions.enums import (
    Axis,
    BookingStatus,
    EntrepreneurshipLabel,
    FormatKind,
    Objective,
    Place,
    SurveyAnswer,
    WishKind,
)
from orientation.schooling.models import SchoolClass
from orientation.territory.models import Establishment


class InterventionFormat(TimeStampedModel):
    """One entry of the regional intervention catalogue."""

    code = models.SlugField("identifiant", unique=True)
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type", max_length=20, choices=FormatKind.choices)
    description = models.TextField("description")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)")
    target_levels = models.JSONField("niveaux concernés", default=list)
    axis = models.CharField("axe stratégique", max_length=1, choices=Axis.choices)
    objective = models.CharField("objectif", max_length=3, choices=Objective.choices)
    label = models.CharField(
        "label entrepreneuriat", max_length=10, choices=EntrepreneurshipLabel.choices, default="", blank=True
    )
    is_active = models.BooleanField("proposé", default=True)

    class Meta:
        verbose_name = "format d'intervention"
        ordering = ["axis", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=30) & Q(duration_minutes__lte=480),
                name="format_duration_range",
                violation_error_message="Une intervention dure entre 30 minutes et 8 heures.",
            ),
            models.CheckConstraint(
                condition=Q(label="") | Q(kind="ENTREPRENEURSHIP"),
                name="format_label_entrepreneurship_only",
                violation_error_message="Seuls les ateliers entrepreneuriat portent un label IDEE ou PEPITE.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def hours(self):
        from decimal import Decimal

        return (Decimal(self.duration_minutes) / Decimal(60)).quantize(Decimal("0.01"))


class InterventionRequest(TimeStampedModel):
    """What a school asks for one class."""

    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="intervention_requests")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="intervention_requests")
    format = models.ForeignKey(InterventionFormat, on_delete=models.PROTECT, related_name="requests")
    wish_kind = models.CharField("souhait", max_length=20, choices=WishKind.choices, default=WishKind.JOBS)
    rome_codes = models.JSONField("métiers souhaités (codes ROME)", default=list, blank=True)
    sector = models.CharField("secteur souhaité", max_length=255, blank=True)
    place = models.CharField("lieu", max_length=12, choices=Place.choices, default=Place.SCHOOL)
    place_detail = models.CharField("précisions sur le lieu", max_length=255, blank=True)
    description = models.TextField("message pour l'ambassadeur", blank=True)
    description_is_published = models.BooleanField("message publié", default=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "demande d'intervention"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(wish_kind="SECTOR") | ~Q(sector=""),
                name="request_sector_given",
                violation_error_message="Indiquez le secteur souhaité.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.format} — {self.school_class}"


class RequestWindow(models.Model):
    """A time window that suits the class; the intervention starts at the window's start."""

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="windows")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin")

    class Meta:
        verbose_name = "créneau souhaité"
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="request_window_ordered",
                violation_error_message="La fin du créneau doit suivre son début.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} → {self.ends_at:%H:%M}"


class BookingQuerySet(models.QuerySet):
    def blocking(self):
        from orientation.interventions.enums import BLOCKING_STATUSES

        return self.filter(status__in=BLOCKING_STATUSES, ambassador__isnull=False)


def _survey_token() -> str:
    return secrets.token_urlsafe(12)


class Booking(TimeStampedModel):
    """The workflow of one request: status, the proposed ambassador and the agreed time."""

    request = models.OneToOneField(InterventionRequest, on_delete=models.CASCADE, related_name="booking")
    status = models.CharField(
        "état", max_length=12, choices=BookingStatus.choices, default=BookingStatus.REQUESTED, db_index=True
    )
    ambassador = models.ForeignKey(Ambassador, on_delete=models.PROTECT, related_name="bookings", null=True, blank=True)
    starts_at = models.DateTimeField("début", null=True, blank=True)
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    cancel_reason = models.TextField("motif d'annulation", blank=True)
    survey_token = models.CharField(max_length=32, unique=True, default=_survey_token)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = "réservation"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ambassador__isnull=True, starts_at__isnull=True, ends_at__isnull=True)
                | Q(ambassador__isnull=False, starts_at__isnull=False, ends_at__gt=models.F("starts_at")),
                name="booking_ambassador_has_time",
                violation_error_message="Une intervention attribuée a un ambassadeur, un début et une fin.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["REQUESTED", "APPROVED", "CANCELLED"]) | Q(ambassador__isnull=False),
                name="booking_status_needs_ambassador",
                violation_error_message="Cette étape demande un ambassadeur.",
            ),
            models.CheckConstraint(
                condition=~Q(status="CANCELLED") | ~Q(cancel_reason=""),
                name="booking_cancel_has_reason",
                violation_error_message="Indiquez le motif de l'annulation.",
            ),
        ]
        indexes = [models.Index(fields=["ambassador", "starts_at"])]

    @property
    def survey_is_open(self) -> bool:
        """The pupils' anonymous questionnaire opens once the intervention took place."""
        return self.status in (BookingStatus.DONE, BookingStatus.EVALUATED)

    def __str__(self) -> str:
        return f"{self.request} ({self.get_status_display()})"


class BookingStatusLog(StatusLog):
    statuses = BookingStatus

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="status_log")
    ambassador = models.ForeignKey(Ambassador, on_delete=models.PROTECT, related_name="+", null=True, blank=True)

    class Meta(StatusLog.Meta):
        verbose_name = "étape d'une réservation"


class Proposal(TimeStampedModel):
    """A ranked candidate for a request, with the reasons of its rank."""

    request = models.ForeignKey(InterventionRequest, on_delete=models.CASCADE, related_name="proposals")
    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="proposals")
    rank = models.PositiveSmallIntegerField("rang")
    score = models.FloatField("score")
    distance_km = models.FloatField("distance (km)")
    starts_at = models.DateTimeField("début proposé")
    reasons = models.JSONField("raisons", default=list)
    from_batch = models.BooleanField("issue d'un appariement groupé", default=False)

    class Meta:
        verbose_name = "proposition"
        ordering = ["request", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "ambassador"],
                name="proposal_unique",
                violation_error_message="Cet ambassadeur est déjà proposé pour cette demande.",
            )
        ]


class Evaluation(TimeStampedModel):
    """The teacher's evaluation after the intervention."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="evaluation")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField("appréciation générale (1 à 5)")
    met_objective = models.BooleanField("l'objectif a été atteint")
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "évaluation"
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5),
                name="evaluation_rating_range",
                violation_error_message="L'appréciation va de 1 à 5.",
            )
        ]


class PupilSurveyResponse(models.Model):
    """An anonymous pupil answer (three questions). No user is stored."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="survey_responses")
    learned = models.PositiveSmallIntegerField("j'ai appris des choses", choices=SurveyAnswer.choices)
    interested = models.PositiveSmallIntegerField("ce métier m'intéresse", choices=SurveyAnswer.choices)
    changed_view = models.PositiveSmallIntegerField("j'ai changé d'avis sur ce métier", choices=SurveyAnswer.choices)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "réponse d'élève"
        constraints = [
            models.CheckConstraint(
                condition=Q(learned__gte=1, learned__lte=4)
                & Q(interested__gte=1, interested__lte=4)
                & Q(changed_view__gte=1, changed_view__lte=4),
                name="survey_answers_range",
                violation_error_message="Chaque réponse va de 1 à 4.",
            )
        ]

    def __str__(self) -> str:
        return f"Réponse anonyme {self.pk}"
