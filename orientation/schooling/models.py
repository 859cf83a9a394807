"""Models: see the package docstring."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.schooling.enums import ActivityKind, Level, PupilSex, SchoolActivityKind
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
    form_teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="form_classes",
        null=True,
        blank=True,
        verbose_name="professeur principal",
    )
    guidance_psychologist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="guided_classes",
        null=True,
        blank=True,
        verbose_name="psychologue de l'Éducation nationale",
    )

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


class Pupil(TimeStampedModel):
    """What is kept about a pupil beyond their account (names and birth year are on the user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="pupil"
    )
    ine = models.CharField("INE", max_length=11, blank=True, help_text="Identifiant national de l'élève.")
    sex = models.CharField("sexe", max_length=1, choices=PupilSex.choices, blank=True)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="pupils_on_roster", null=True, blank=True
    )
    siecle_id = models.CharField("identifiant SIECLE", max_length=20, blank=True)

    class Meta:
        verbose_name = "élève"
        constraints = [
            models.UniqueConstraint(
                fields=["ine"],
                condition=~Q(ine=""),
                name="pupil_ine_unique",
                violation_error_message="Un élève porte déjà cet INE.",
            ),
            models.UniqueConstraint(
                fields=["establishment", "siecle_id"],
                condition=~Q(siecle_id=""),
                name="pupil_siecle_id_unique",
                violation_error_message="Un élève de cet établissement porte déjà cet identifiant SIECLE.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class EnrolmentQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ends_on__isnull=True)

    def on(self, day):
        return self.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day)
        )


class Enrolment(TimeStampedModel):
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="enrolments")
    starts_on = models.DateField("début", null=True, blank=True)
    ends_on = models.DateField("fin", null=True, blank=True, help_text="Vide tant que l'élève est dans la classe.")

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = "inscription en classe"
        constraints = [
            models.UniqueConstraint(
                fields=["pupil", "school_class"],
                name="enrolment_unique",
                violation_error_message="Cet élève est déjà inscrit dans cette classe.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="enrolment_dates_ordered",
                violation_error_message="La fin de l'inscription ne peut pas précéder son début.",
            ),
        ]
        indexes = [models.Index(fields=["school_class", "ends_on"])]


class StatutoryHours(models.Model):
    """Annual orientation hours of a level, from a school year on (R7). Data, versioned."""

    from_year = models.PositiveSmallIntegerField("à partir de la rentrée")
    level = models.CharField("niveau", max_length=12, choices=Level.choices)
    hours = models.DecimalField("heures par an", max_digits=5, decimal_places=1, null=True, blank=True)
    note = models.CharField("précision", max_length=200, blank=True)

    class Meta:
        verbose_name = "volume horaire réglementaire"
        verbose_name_plural = "volumes horaires réglementaires"
        ordering = ["level", "-from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_year", "level"],
                name="statutory_hours_unique",
                violation_error_message="Ce niveau a déjà un volume horaire pour cette rentrée.",
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0),
                name="statutory_hours_positive",
                violation_error_message="Un volume horaire est positif.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} dès {self.from_year} : {self.hours}"


class ActivityRecord(TimeStampedModel):
    """One line of the orientation-activity ledger, credited to a class or to one pupil."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="activities")
    # Indexed only where set (see Meta): an index holding the class credits' NULLs would be chosen by
    # SQLite's planner for "pupil IS NULL" and read every class credit of the region.
    pupil = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="activities",
        null=True,
        blank=True,
        db_index=False,
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
        indexes = [
            models.Index(fields=["school_class", "occurred_on"]),
            models.Index(
                fields=["pupil", "occurred_on"], condition=Q(pupil__isnull=False), name="activity_pupil_credit_idx"
            ),
            models.Index(
                fields=["school_class", "hours"], condition=Q(pupil__isnull=True), name="activity_class_credit_idx"
            ),
        ]


class SchoolActivity(TimeStampedModel):
    """An orientation activity staff led inside the school, for a class and the pupils present."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.PROTECT, related_name="school_activities")
    kind = models.CharField("nature", max_length=20, choices=SchoolActivityKind.choices)
    title = models.CharField("intitulé", max_length=200)
    occurred_on = models.DateField("date")
    hours = models.DecimalField("durée (heures)", max_digits=4, decimal_places=1)
    absent_pupils = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    declared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "action d'orientation dans l'établissement"
        ordering = ["-occurred_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=40),
                name="school_activity_hours_range",
                violation_error_message="La durée d'une action est comprise entre 0 et 40 heures.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PlannedActivity(TimeStampedModel):
    """An activity planned for a class this year: its hours count in the projection until done."""

    school_class = models.ForeignKey(SchoolClass, on_delete=models.CASCADE, related_name="planned_activities")
    title = models.CharField("intitulé", max_length=200)
    planned_on = models.DateField("date prévue")
    hours = models.DecimalField("durée prévue (heures)", max_digits=4, decimal_places=1)
    done_as = models.OneToOneField(
        SchoolActivity, on_delete=models.SET_NULL, related_name="planned", null=True, blank=True
    )
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "action prévue"
        ordering = ["planned_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=40),
                name="planned_activity_hours_range",
                violation_error_message="La durée prévue est comprise entre 0 et 40 heures.",
            )
        ]
        indexes = [models.Index(fields=["school_class", "done_as"])]

    def __str__(self) -> str:
        return self.title


class RosterManager(TimeStampedModel):
    """A staff member the head allows to load the establishment's roster."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="roster_managers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "personne autorisée à charger la liste des élèves"
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "user"],
                name="roster_manager_unique",
                violation_error_message="Cette personne peut déjà charger la liste des élèves.",
            )
        ]


class RosterUpload(TimeStampedModel):
    """A roster file kept between its preview and its confirmation."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="roster_uploads")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField("fichier", max_length=255)
    content = models.BinaryField("contenu")
    applied_at = models.DateTimeField("appliqué le", null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    summary = models.JSONField("résumé", default=dict, blank=True)

    class Meta:
        verbose_name = "chargement de la liste des élèves"
        ordering = ["-created_at"]
