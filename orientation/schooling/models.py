from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.schooling.enums import ActivityKind, Level
from orientation.territory.models import Establishment


class SchoolYear(TimeStampedModel):
    label = models.CharField("année scolaire", max_length=9, unique=True)
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    is_current = models.BooleanField("en cours", default=False)

    class Meta:
        verbose_name = "année scolaire"
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="school_year_dates_ordered",
                violation_error_message="La fin de l'année scolaire doit suivre son début.",
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="school_year_single_current",
                violation_error_message="Une seule année scolaire peut être en cours.",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SchoolClass(TimeStampedModel):
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="classes")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="classes")
    name = models.CharField("nom de la classe", max_length=50)
    level = models.CharField("niveau", max_length=12, choices=Level.choices)
    size = models.PositiveSmallIntegerField("effectif")

    class Meta:
        verbose_name = "classe"
        ordering = ["establishment", "level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "school_year", "name"],
                name="class_unique_name",
                violation_error_message="Une classe porte déjà ce nom cette année dans cet établissement.",
            ),
            models.CheckConstraint(
                condition=Q(size__gte=1) & Q(size__lte=60),
                name="class_size_range",
                violation_error_message="L'effectif d'une classe est compris entre 1 et 60 élèves.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.establishment.name}"


class Enrolment(TimeStampedModel):
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="enrolments")

    class Meta:
        verbose_name = "inscription en classe"
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "school_class"],
                name="enrolment_unique",
                violation_error_message="Cet élève est déjà inscrit dans cette classe.",
            )
        ]


class ActivityRecord(TimeStampedModel):
    """One line of the orientation-activity ledger, credited to a class or to one pupil."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="activities")
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="activities", null=True, blank=True
    )
    kind = models.CharField("nature", max_length=20, choices=ActivityKind.choices)
    title = models.CharField("intitulé", max_length=255)
    occurred_on = models.DateField("date")
    hours = models.DecimalField("heures", max_digits=5, decimal_places=2)
    source = models.CharField("origine", max_length=50, help_text="ex. interventions.Booking")
    source_id = models.PositiveBigIntegerField("identifiant d'origine")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "activité d'orientation"
        ordering = ["-occurred_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=200),
                name="activity_hours_range",
                violation_error_message="La durée d'une activité est comprise entre 0 et 200 heures.",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id", "school_class"],
                condition=Q(pupil__isnull=True),
                name="activity_unique_class_credit",
                violation_error_message="Cette activité est déjà comptée pour cette classe.",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id", "pupil"],
                condition=Q(pupil__isnull=False),
                name="activity_unique_pupil_credit",
                violation_error_message="Cette activité est déjà comptée pour cet élève.",
            ),
        ]
        indexes = [models.Index(fields=["school_class", "occurred_on"])]
