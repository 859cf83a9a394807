"""The catalogue: jobs (ROME 4), training, where it is offered, labour-market figures.

Official identifiers are the natural keys every importer upserts on (``rome_code``, ``ogr_code``,
Onisep ``code``, FAP codes…); figures keyed by a territory (basin, département, establishment) keep
the code as published next to a nullable foreign key, so a figure whose territory is not loaded is
still counted, and reported as unjoined by the importer.
"""

from django.db import models
from django.db.models import Q

from orientation.catalog.enums import (
    InsertionPopulation,
    InsertionSource,
    JobTrainingMethod,
    Modality,
    OfferSource,
    Riasec,
    TrainingSource,
    TransitionEco,
)
from orientation.core.models import TimeStampedModel
from orientation.territory.models import Basin, Department, Establishment

ROME_CODE_REGEX = r"^[A-N][0-9]{4}$"
TENSION_LABELS = {1: "très faible", 2: "faible", 3: "moyenne", 4: "forte", 5: "très forte"}


class GrandDomain(models.Model):
    """ROME 'grand domaine' (one letter, A…N)."""

    code = models.CharField("code", max_length=1, unique=True)
    label = models.CharField("libellé", max_length=200)

    class Meta:
        verbose_name = "grand domaine"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class ProfessionalDomain(models.Model):
    """ROME 'domaine professionnel' (letter + 2 digits, e.g. A11)."""

    code = models.CharField("code", max_length=3, unique=True)
    label = models.CharField("libellé", max_length=200)
    grand_domain = models.ForeignKey(GrandDomain, on_delete=models.PROTECT, related_name="domains")

    class Meta:
        verbose_name = "domaine professionnel"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label


class InterestCentre(models.Model):
    """ROME 'centre d'intérêt' (e.g. « J'ai envie de créer, construire, rénover »)."""

    code = models.PositiveSmallIntegerField("code", unique=True)
    label = models.CharField("libellé", max_length=200)
    definition = models.TextField("définition", blank=True)

    class Meta:
        verbose_name = "centre d'intérêt"
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class JobQuerySet(models.QuerySet):
    def public(self):
        """Every job is public; kept so views read through one named entry point."""
        return self


class Job(TimeStampedModel):
    """A ROME 4 fiche métier.

    ``is_little_known`` (R1) is computed by the importer: a job is little known when **no Onisep
    job sheet maps to it** (Onisep publishes what pupils read about jobs, so a fiche they never
    describe is one a pupil rarely meets) **and** it has at most three current titles
    (appellations not flagged « peu usité »): a job few people can name in several ways.
    """

    rome_code = models.CharField("code ROME", max_length=5, unique=True)
    ogr_code = models.PositiveIntegerField("code OGR", null=True, blank=True)
    title = models.CharField("intitulé", max_length=255)
    rome_v3_parent = models.CharField(
        "fiche ROME v3 d'origine",
        max_length=5,
        db_index=True,
        help_text="Code ROME v3 dont cette fiche est issue (code_rome_parent) : joint les données encore en ROME v3.",
    )
    domain = models.ForeignKey(ProfessionalDomain, on_delete=models.PROTECT, related_name="jobs", null=True, blank=True)
    definition = models.TextField("définition", blank=True)
    access = models.TextField("accès au métier", blank=True)
    transition_eco = models.CharField(
        "transition écologique", max_length=10, choices=TransitionEco.choices, default=TransitionEco.UNKNOWN
    )
    is_digital_transition = models.BooleanField("transition numérique", null=True, blank=True)
    is_demographic_transition = models.BooleanField("transition démographique", null=True, blank=True)
    is_regulated = models.BooleanField("emploi réglementé", null=True, blank=True)
    is_managerial = models.BooleanField("emploi cadre", null=True, blank=True)
    riasec_major = models.CharField("profil RIASEC majeur", max_length=1, choices=Riasec.choices, blank=True)
    riasec_minor = models.CharField("profil RIASEC mineur", max_length=1, choices=Riasec.choices, blank=True)
    is_little_known = models.BooleanField("métier peu connu", default=False)
    interests = models.ManyToManyField(InterestCentre, through="JobInterest", related_name="jobs", blank=True)
    related_jobs = models.ManyToManyField(
        "self", through="JobMobility", symmetrical=False, related_name="related_from", blank=True
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = "métier"
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rome_code__regex=ROME_CODE_REGEX),
                name="job_rome_code_format",
                violation_error_message="Un code ROME compte une lettre (A à N) suivie de 4 chiffres (ex. D1102).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.rome_code})"

    @property
    def serves_ecological_transition(self) -> bool:
        """A green job, or one strategic for the ecological transition (shown as a tag)."""
        return self.transition_eco in (TransitionEco.GREEN, TransitionEco.STRATEGIC)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("catalog:job", args=[self.rome_code])


class Appellation(models.Model):
    """A job title of a ROME fiche, often masculine / feminine (« Boulanger / Boulangère »)."""

    ogr_code = models.PositiveIntegerField("code OGR", unique=True)
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="appellations")
    long_label = models.CharField("intitulé long", max_length=255)
    short_label = models.CharField("intitulé court", max_length=255)
    is_principal = models.BooleanField("appellation principale", default=False)
    is_rarely_used = models.BooleanField("peu usitée", default=False)

    class Meta:
        verbose_name = "appellation"
        ordering = ["long_label"]

    def __str__(self) -> str:
        return self.long_label


class JobInterest(models.Model):
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="interest_links")
    centre = models.ForeignKey(InterestCentre, on_delete=models.CASCADE, related_name="job_links")
    is_principal = models.BooleanField("principal", default=False)

    class Meta:
        verbose_name = "centre d'intérêt d'un métier"
        constraints = [
            models.UniqueConstraint(
                fields=["job", "centre"],
                name="job_interest_unique",
                violation_error_message="Ce centre d'intérêt est déjà rattaché à ce métier.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.job_id} ↔ {self.centre_id}"


class JobMobility(models.Model):
    """ROME mobility link: from ``source`` one can move to ``target`` (rank = ROME order)."""

    source = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="mobilities_from")
    target = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="mobilities_to")
    rank = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "mobilité entre métiers"
        ordering = ["source", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target"],
                name="job_mobility_unique",
                violation_error_message="Ce lien de mobilité existe déjà.",
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")),
                name="job_mobility_not_self",
                violation_error_message="Un métier ne peut pas être lié à lui-même.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} → {self.target_id}"


class OnisepJob(models.Model):
    """An Onisep job sheet (IDEO « Métiers »), linked to ROME 4 jobs through its ROME v3 code."""

    code = models.CharField("identifiant Onisep", max_length=20, unique=True)
    title = models.CharField("intitulé", max_length=255)
    url = models.URLField("fiche Onisep", max_length=300)
    rome_v3_code = models.CharField("code ROME v3", max_length=5, blank=True, db_index=True)
    domains = models.TextField("domaines / sous-domaines", blank=True)
    jobs = models.ManyToManyField(Job, related_name="onisep_jobs", blank=True)

    class Meta:
        verbose_name = "fiche métier Onisep"
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Training(TimeStampedModel):
    """A training programme (a diploma or certificate), whatever the establishment.

    ``code`` is the official identifier of the source: the Onisep id (``FOR.6913``) for the
    national catalogue; for a vocational-lycée training that no Onisep entry matches, ``MEF.`` +
    the MEF code without its year digit; for a Parcoursup programme that no Onisep entry
    matches, ``PSUP.`` + a stable digest of its label.
    """

    code = models.CharField("identifiant", max_length=40, unique=True)
    source = models.CharField("source", max_length=12, choices=TrainingSource.choices)
    kind_acronym = models.CharField("sigle du type de diplôme", max_length=30, blank=True)
    kind_label = models.CharField("type de diplôme", max_length=150, blank=True)
    title = models.CharField("intitulé", max_length=300)
    acronym = models.CharField("sigle", max_length=60, blank=True)
    duration = models.CharField("durée", max_length=60, blank=True)
    rncp_code = models.CharField("code RNCP", max_length=20, blank=True)
    rncp_level = models.PositiveSmallIntegerField("niveau RNCP", null=True, blank=True)
    rncp_level_label = models.CharField("niveau", max_length=100, blank=True)
    url = models.URLField("fiche Onisep", max_length=300, blank=True)
    domains = models.TextField("domaines / sous-domaines", blank=True)
    mef_codes = models.JSONField("codes MEF rattachés", default=list, blank=True)
    jobs = models.ManyToManyField(Job, through="JobTraining", related_name="trainings", blank=True)

    class Meta:
        verbose_name = "formation"
        ordering = ["title"]
        indexes = [models.Index(fields=["kind_acronym"]), models.Index(fields=["rncp_level"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(rncp_level__isnull=True) | Q(rncp_level__lte=8),
                name="training_rncp_level_range",
                violation_error_message="Le niveau RNCP va de 0 (non inscrit) à 8 (doctorat).",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("catalog:training", args=[self.pk])


class JobTraining(models.Model):
    """A training that leads to a job; ``score`` ranks several trainings for one job."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="training_links")
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="job_links")
    method = models.CharField("méthode", max_length=20, choices=JobTrainingMethod.choices)
    score = models.PositiveSmallIntegerField("force du lien", default=0)

    class Meta:
        verbose_name = "formation menant à un métier"
        constraints = [
            models.UniqueConstraint(
                fields=["job", "training"],
                name="job_training_unique",
                violation_error_message="Cette formation est déjà rattachée à ce métier.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.training_id} → {self.job_id}"


class TrainingOffer(TimeStampedModel):
    """A training taught in one establishment, in one modality, as one source reports it."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="offers")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="training_offers")
    modality = models.CharField("modalité", max_length=16, choices=Modality.choices, default=Modality.SCHOOL)
    source = models.CharField("source", max_length=12, choices=OfferSource.choices)
    raw_label = models.CharField("libellé dans la source", max_length=300, blank=True)
    school_year = models.PositiveSmallIntegerField("rentrée", null=True, blank=True)
    girls = models.PositiveIntegerField("filles", null=True, blank=True)
    boys = models.PositiveIntegerField("garçons", null=True, blank=True)
    total = models.PositiveIntegerField("élèves", null=True, blank=True)

    class Meta:
        verbose_name = "formation dans un établissement"
        constraints = [
            models.UniqueConstraint(
                fields=["training", "establishment", "modality", "source"],
                name="training_offer_unique",
                violation_error_message="Cette formation est déjà proposée par cet établissement dans cette modalité.",
            ),
            models.CheckConstraint(
                condition=Q(total__isnull=True)
                | Q(girls__isnull=True)
                | Q(boys__isnull=True)
                | Q(total__gte=models.F("girls") + models.F("boys")),
                name="training_offer_headcount_consistent",
                violation_error_message="Le nombre de filles et de garçons dépasse le total des élèves.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.training_id} @ {self.establishment_id}"


class FapFamily(models.Model):
    """A FAP-2021 detailed job family (FAP228, 5 characters) — the unit of the BMO survey."""

    code = models.CharField("code FAP228", max_length=5, unique=True)
    label = models.CharField("intitulé", max_length=255)
    fap86_code = models.CharField("code FAP86", max_length=3, blank=True)
    fap86_label = models.CharField("famille agrégée", max_length=255, blank=True)
    fap22_code = models.CharField("code FAP22", max_length=1, blank=True)
    fap22_label = models.CharField("domaine", max_length=255, blank=True)

    class Meta:
        verbose_name = "famille professionnelle (FAP)"
        verbose_name_plural = "familles professionnelles (FAP)"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.label} ({self.code})"


class RomeFapLink(models.Model):
    """DARES table: ROME v3 × qualification level → FAP-2021 family (FAP341, rolled up to FAP228)."""

    rome_v3_code = models.CharField("code ROME v3", max_length=5, db_index=True)
    qualification = models.PositiveSmallIntegerField("niveau de qualification")
    fap341_code = models.CharField("code FAP341", max_length=6)
    family = models.ForeignKey(FapFamily, on_delete=models.PROTECT, related_name="rome_links")

    class Meta:
        verbose_name = "correspondance ROME ↔ FAP"
        constraints = [
            models.UniqueConstraint(
                fields=["rome_v3_code", "qualification"],
                name="rome_fap_unique",
                violation_error_message="Cette correspondance ROME × qualification existe déjà.",
            ),
            models.CheckConstraint(
                condition=Q(qualification__lte=9),
                name="rome_fap_qualification_range",
                violation_error_message="Le niveau de qualification va de 0 à 9.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rome_v3_code}/{self.qualification} → {self.family_id}"


class RecruitmentNeed(models.Model):
    """BMO survey: recruitment projects of one FAP family in one employment area (bassin).

    Figures masked by statistical secrecy (``*``) are stored as NULL: never summed as zero.
    """

    year = models.PositiveSmallIntegerField("année")
    family = models.ForeignKey(FapFamily, on_delete=models.PROTECT, related_name="recruitment_needs")
    basin_code = models.CharField("code du bassin", max_length=6)
    basin_name = models.CharField("bassin (libellé de l'enquête)", max_length=150)
    basin = models.ForeignKey(Basin, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    department_code = models.CharField("code du département", max_length=3, db_index=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    projects = models.PositiveIntegerField("projets de recrutement", null=True, blank=True)
    difficult = models.PositiveIntegerField("projets jugés difficiles", null=True, blank=True)
    seasonal = models.PositiveIntegerField("projets saisonniers", null=True, blank=True)

    class Meta:
        verbose_name = "besoin de main-d'œuvre"
        indexes = [models.Index(fields=["year", "basin_code"])]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "family", "basin_code"],
                name="recruitment_need_unique",
                violation_error_message="Ce besoin existe déjà pour cette famille, ce bassin et cette année.",
            ),
            models.CheckConstraint(
                condition=Q(projects__isnull=True) | Q(difficult__isnull=True) | Q(difficult__lte=models.F("projects")),
                name="recruitment_need_difficult_le_projects",
                violation_error_message="Les projets jugés difficiles ne peuvent dépasser le nombre de projets.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_id} @ {self.basin_code} ({self.year}): {self.projects}"


class TensionIndicator(models.Model):
    """Labour-market tension of one ROME v3 job in one bassin (classes 1 = very low … 5 = very high)."""

    year = models.PositiveSmallIntegerField("année")
    rome_v3_code = models.CharField("code ROME v3", max_length=5, db_index=True)
    basin_code = models.CharField("code du bassin", max_length=6)
    basin = models.ForeignKey(Basin, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    offers = models.FloatField("offres d'emploi (indicateur)", null=True, blank=True)
    jobseekers = models.FloatField("demandeurs d'emploi (A, B, C)", null=True, blank=True)
    tension = models.PositiveSmallIntegerField("tension")
    hiring_intensity = models.PositiveSmallIntegerField("intensité d'embauche", null=True, blank=True)
    labour_shortage = models.PositiveSmallIntegerField("manque de main-d'œuvre", null=True, blank=True)
    lasting_employment = models.PositiveSmallIntegerField("emploi durable", null=True, blank=True)
    working_conditions = models.PositiveSmallIntegerField("conditions de travail", null=True, blank=True)
    geographic_mismatch = models.PositiveSmallIntegerField("inadéquation géographique", null=True, blank=True)
    training_specificity = models.PositiveSmallIntegerField("spécificité de la formation", null=True, blank=True)

    class Meta:
        verbose_name = "indicateur de tension"
        constraints = [
            models.UniqueConstraint(
                fields=["year", "rome_v3_code", "basin_code"],
                name="tension_unique",
                violation_error_message="Cet indicateur existe déjà pour ce métier, ce bassin et cette année.",
            ),
            models.CheckConstraint(
                condition=Q(tension__gte=1, tension__lte=5),
                name="tension_class_range",
                violation_error_message="La tension est une classe de 1 (très faible) à 5 (très forte).",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rome_v3_code} @ {self.basin_code} ({self.year}): {self.tension}"

    @property
    def tension_label(self) -> str:
        return TENSION_LABELS.get(self.tension, "")


class InsertionRate(models.Model):
    """InserJeunes: what leavers of one establishment do 6 (12, 18, 24) months later, in %."""

    uai = models.CharField("UAI", max_length=8)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="insertion_rates", null=True, blank=True
    )
    label = models.CharField("établissement (libellé de la source)", max_length=300, blank=True)
    source = models.CharField("source", max_length=10, choices=InsertionSource.choices)
    period = models.CharField("période", max_length=30)
    population = models.CharField("public", max_length=16, choices=InsertionPopulation.choices)
    further_study_rate = models.FloatField("taux de poursuite d'études", null=True, blank=True)
    employment_rate_6m = models.FloatField("taux d'emploi à 6 mois", null=True, blank=True)
    expected_employment_rate_6m = models.FloatField("taux d'emploi attendu", null=True, blank=True)
    value_added = models.FloatField("valeur ajoutée", null=True, blank=True)
    employment_rate_12m = models.FloatField("taux d'emploi à 12 mois", null=True, blank=True)
    employment_rate_24m = models.FloatField("taux d'emploi à 24 mois", null=True, blank=True)
    interrupted_contracts_share = models.FloatField("contrats d'apprentissage interrompus", null=True, blank=True)

    class Meta:
        verbose_name = "taux d'insertion"
        indexes = [models.Index(fields=["uai"])]
        constraints = [
            models.UniqueConstraint(
                fields=["uai", "source", "period", "population"],
                name="insertion_rate_unique",
                violation_error_message="Ce taux existe déjà pour cet établissement, cette période et ce public.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.uai} {self.period} {self.population}"
