"""Ambassadors (R3): professionals who present their job to classes.

An ambassador can be proposed to a class only when all of these hold (see ``Ambassador.is_proposable``):
status ACTIVE (verified by a coordinator), the current charter version accepted, every required
training module completed. Declared interests name the establishments where they must never be
sent (conflict of interest). Free texts (bio) are checked by ``core.neutrality`` and go to the
moderation queue when flagged.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from orientation.ambassadors.enums import (
    ESTABLISHMENT_INTEREST_KINDS,
    AmbassadorStatus,
    CounterStereotype,
    InterestKind,
    Weekday,
)
from orientation.core.models import StatusLog, TimeStampedModel
from orientation.territory.models import Commune, Establishment

ROME_CODE_REGEX = r"^[A-N][0-9]{4}$"


class AmbassadorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=AmbassadorStatus.ACTIVE)

    def proposable(self):
        """Active, with the current charter accepted and every required module completed."""
        current = CharterVersion.objects.current()
        qs = self.active()
        if current is not None:
            qs = qs.filter(charter_acceptances__version=current)
        required = list(TrainingModule.objects.filter(is_required=True).values_list("pk", flat=True))
        for module_id in required:
            qs = qs.filter(completions__module_id=module_id)
        return qs.distinct()


class Ambassador(TimeStampedModel):
    """A professional's ambassador profile (one per user)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ambassador")
    employer_name = models.CharField("employeur", max_length=255)
    employer_siret = models.CharField("SIRET de l'employeur", max_length=14, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="ambassadors")
    travel_radius_km = models.PositiveSmallIntegerField("distance maximale de déplacement (km)", default=30)
    languages = models.JSONField("langues parlées", default=list, blank=True)
    bio = models.TextField("présentation", blank=True)
    bio_is_published = models.BooleanField(
        "présentation publiée", default=False, help_text="Faux tant qu'un texte signalé attend la modération."
    )
    status = models.CharField(
        "statut", max_length=12, choices=AmbassadorStatus.choices, default=AmbassadorStatus.PENDING
    )
    verification_note = models.TextField("preuves de la vérification", blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    verified_at = models.DateTimeField("vérifié le", null=True, blank=True)

    objects = AmbassadorQuerySet.as_manager()

    class Meta:
        verbose_name = "ambassadeur"
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(employer_siret="") | Q(employer_siret__regex=r"^[0-9]{14}$"),
                name="ambassador_siret_format",
                violation_error_message="Un SIRET compte 14 chiffres.",
            ),
            models.CheckConstraint(
                condition=Q(travel_radius_km__gte=1) & Q(travel_radius_km__lte=200),
                name="ambassador_travel_radius_range",
                violation_error_message="La distance de déplacement est comprise entre 1 et 200 km.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["PENDING", "SUSPENDED"]) | Q(verified_at__isnull=False),
                name="ambassador_verified_has_date",
                violation_error_message="Un ambassadeur vérifié ou actif doit avoir une date de vérification.",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def has_current_charter(self) -> bool:
        current = CharterVersion.objects.current()
        return current is None or self.charter_acceptances.filter(version=current).exists()

    def missing_modules(self):
        done = self.completions.values("module_id")
        return TrainingModule.objects.filter(is_required=True).exclude(pk__in=done)

    @property
    def is_active(self) -> bool:
        """Verified and activated by a coordinator (R3)."""
        return self.status == AmbassadorStatus.ACTIVE

    def is_proposable(self) -> bool:
        return self.is_active and self.has_current_charter() and not self.missing_modules().exists()


class AmbassadorJob(TimeStampedModel):
    """A job the ambassador practises, by ROME code (and the appellation they use)."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="jobs")
    rome_code = models.CharField("code ROME", max_length=5)
    appellation = models.CharField("intitulé du métier", max_length=255)

    class Meta:
        verbose_name = "métier d'un ambassadeur"
        ordering = ["rome_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador", "rome_code"],
                name="ambassador_job_unique",
                violation_error_message="Ce métier figure déjà dans votre profil.",
            ),
            models.CheckConstraint(
                condition=Q(rome_code__regex=ROME_CODE_REGEX),
                name="ambassador_job_rome_format",
                violation_error_message="Un code ROME est une lettre suivie de 4 chiffres (ex. D1102).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appellation} ({self.rome_code})"


class AvailabilitySlot(TimeStampedModel):
    """A weekly time slot when the ambassador can intervene (e.g. Tuesday 9:00–12:00)."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField("jour", choices=Weekday.choices)
    starts_at = models.TimeField("de")
    ends_at = models.TimeField("à")

    class Meta:
        verbose_name = "créneau de disponibilité"
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="availability_slot_ordered",
                violation_error_message="L'heure de fin doit suivre l'heure de début.",
            ),
            models.CheckConstraint(
                condition=Q(weekday__lte=5),
                name="availability_slot_weekday",
                violation_error_message="Les interventions ont lieu du lundi au samedi.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class AvailabilityPeriod(TimeStampedModel):
    """A date range when the weekly slots apply. No period at all means "all year"."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="periods")
    starts_on = models.DateField("du")
    ends_on = models.DateField("au")

    class Meta:
        verbose_name = "période de disponibilité"
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="availability_period_ordered",
                violation_error_message="La date de fin doit suivre la date de début.",
            ),
        ]


class CounterStereotypeDeclaration(TimeStampedModel):
    """An optional, explained self-declaration that makes the ambassador a counter-stereotype role model."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="counter_stereotypes")
    kind = models.CharField("situation", max_length=30, choices=CounterStereotype.choices)
    explanation = models.TextField("en quelques mots")

    class Meta:
        verbose_name = "modèle contre les stéréotypes"
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador", "kind"],
                name="counter_stereotype_unique",
                violation_error_message="Vous avez déjà déclaré cette situation.",
            ),
            models.CheckConstraint(
                condition=~Q(explanation=""),
                name="counter_stereotype_explained",
                violation_error_message="Expliquez en quelques mots votre situation.",
            ),
        ]


class AmbassadorStatusLog(StatusLog):
    statuses = AmbassadorStatus

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="status_log")

    class Meta(StatusLog.Meta):
        verbose_name = "changement de statut d'un ambassadeur"


class CharterVersionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(published_at__lte=timezone.now()).order_by("-number").first()


class CharterVersion(TimeStampedModel):
    """A version of the ambassadors' charter. The latest published one must be accepted."""

    number = models.PositiveSmallIntegerField("version", unique=True)
    title = models.CharField("titre", max_length=255)
    body = models.TextField("texte")
    published_at = models.DateTimeField("publiée le", default=timezone.now)

    objects = CharterVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "version de la charte"
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Charte v{self.number}"


class CharterAcceptance(models.Model):
    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="charter_acceptances")
    version = models.ForeignKey(CharterVersion, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField("acceptée le", default=timezone.now)

    class Meta:
        verbose_name = "acceptation de la charte"
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador", "version"],
                name="charter_acceptance_unique",
                violation_error_message="Vous avez déjà accepté cette version de la charte.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ambassador_id} a accepté la charte {self.version_id}"


class TrainingModule(TimeStampedModel):
    """A training module: a few content pages then a short quiz (R3: representations, stereotypes…)."""

    slug = models.SlugField("identifiant", unique=True)
    title = models.CharField("titre", max_length=255)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_required = models.BooleanField("obligatoire", default=True)
    pass_mark = models.PositiveSmallIntegerField("bonnes réponses exigées", default=1)

    class Meta:
        verbose_name = "module de formation"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class TrainingPage(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("titre", max_length=255)
    body = models.TextField("contenu")

    class Meta:
        verbose_name = "page de formation"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class QuizQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    text = models.CharField("question", max_length=500)
    choices = models.JSONField("réponses proposées")
    correct_index = models.PositiveSmallIntegerField("bonne réponse (rang à partir de 0)")

    class Meta:
        verbose_name = "question de quiz"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class ModuleCompletion(models.Model):
    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="completions")
    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="completions")
    score = models.PositiveSmallIntegerField("bonnes réponses")
    completed_at = models.DateTimeField("terminé le", default=timezone.now)

    class Meta:
        verbose_name = "module terminé"
        constraints = [
            models.UniqueConstraint(
                fields=["ambassador", "module"],
                name="module_completion_unique",
                violation_error_message="Ce module est déjà terminé.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ambassador_id} a terminé {self.module_id}"


class InterestDeclarationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=timezone.localdate()))


class InterestDeclaration(TimeStampedModel):
    """A declared interest. Every kind except the employer names an establishment where the
    ambassador must never be proposed."""

    ambassador = models.ForeignKey(Ambassador, on_delete=models.CASCADE, related_name="interests")
    kind = models.CharField("lien", max_length=30, choices=InterestKind.choices)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="declared_interests", null=True, blank=True
    )
    organisation_name = models.CharField("organisme concerné", max_length=255, blank=True)
    details = models.TextField("précisions", blank=True)
    ended_on = models.DateField("lien terminé le", null=True, blank=True)

    objects = InterestDeclarationQuerySet.as_manager()

    class Meta:
        verbose_name = "déclaration d'intérêts"
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=InterestKind.EMPLOYER, organisation_name__gt="")
                | Q(kind__in=[k.value for k in ESTABLISHMENT_INTEREST_KINDS], establishment__isnull=False),
                name="interest_target_matches_kind",
                violation_error_message=(
                    "Indiquez l'établissement concerné (ou, pour votre employeur, le nom de l'entreprise)."
                ),
            ),
        ]
