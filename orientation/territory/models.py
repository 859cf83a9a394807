from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.territory.enums import (
    EstablishmentKind,
    Ministry,
    OutlineLevel,
    PriorityNetwork,
    Sector,
    UrbanClass,
)


class Region(TimeStampedModel):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    is_demo = models.BooleanField("territoire de démonstration", default=False)

    class Meta:
        verbose_name = "région"

    def __str__(self) -> str:
        return self.name


class Academy(TimeStampedModel):
    code = models.CharField("code", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="academies")
    holiday_zone = models.CharField(
        "zone de vacances scolaires",
        max_length=1,
        blank=True,
        choices=[("A", "Zone A"), ("B", "Zone B"), ("C", "Zone C")],
        help_text="Zone du calendrier scolaire national ; vide hors des trois zones métropolitaines.",
    )

    class Meta:
        verbose_name = "académie"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"Académie de {self.name}"


class Department(TimeStampedModel):
    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Basin(TimeStampedModel):
    """France Travail employment area (bassin d'emploi, BE19/BE25), used by the BMO survey."""

    code = models.CharField("code", max_length=6, unique=True)
    name = models.CharField("nom", max_length=150)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="basins")
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="basins",
        null=True,
        blank=True,
        help_text="Département principal du bassin (celui de la majorité de ses communes).",
    )

    class Meta:
        verbose_name = "bassin d'emploi"
        verbose_name_plural = "bassins d'emploi"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EmploymentZone(TimeStampedModel):
    """INSEE employment zone (zone d'emploi 2020)."""

    code = models.CharField("code", max_length=6, unique=True)
    name = models.CharField("nom", max_length=150, blank=True)

    class Meta:
        verbose_name = "zone d'emploi"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name or self.code


class Commune(TimeStampedModel):
    insee_code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=150)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    postal_codes = models.JSONField("codes postaux", default=list, blank=True)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    basin = models.ForeignKey(Basin, on_delete=models.PROTECT, related_name="communes", null=True, blank=True)
    employment_zone = models.ForeignKey(
        EmploymentZone, on_delete=models.PROTECT, related_name="communes", null=True, blank=True
    )
    urban_unit_size = models.PositiveSmallIntegerField(
        "taille de l'unité urbaine (TUU2017)",
        null=True,
        blank=True,
        help_text="0 = commune rurale hors unité urbaine ; 1 à 8 = unités urbaines de taille croissante.",
    )
    urban_class = models.CharField(
        "caractère urbain ou rural", max_length=8, choices=UrbanClass.choices, default=UrbanClass.UNKNOWN
    )

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(insee_code__regex=r"^[0-9][0-9AB][0-9]{3}$"),
                name="commune_insee_code_format",
                violation_error_message="Le code INSEE d'une commune compte 5 caractères (ex. 02001, 2A004).",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.insee_code})"


PRIORITY_BADGES = {
    PriorityNetwork.REP: ("rep", "réseau d'éducation prioritaire"),
    PriorityNetwork.REP_PLUS: ("rep-plus", "réseau d'éducation prioritaire renforcé"),
}


class Establishment(TimeStampedModel):
    uai = models.CharField("UAI", max_length=8, unique=True)
    name = models.CharField("nom", max_length=255)
    kind = models.CharField("type", max_length=20, choices=EstablishmentKind.choices)
    sector = models.CharField("secteur", max_length=20, choices=Sector.choices)
    ministry = models.CharField(
        "ministère de tutelle", max_length=20, choices=Ministry.choices, default=Ministry.EDUCATION
    )
    priority_network = models.CharField(
        "éducation prioritaire", max_length=10, choices=PriorityNetwork.choices, default=PriorityNetwork.NONE
    )
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="establishments")
    address = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    pupils = models.PositiveIntegerField("élèves", null=True, blank=True)
    pupils_school_year = models.PositiveSmallIntegerField("rentrée des effectifs", null=True, blank=True)
    ips = models.DecimalField("indice de position sociale", max_digits=5, decimal_places=1, null=True, blank=True)
    ips_school_year = models.PositiveSmallIntegerField("rentrée de l'IPS", null=True, blank=True)
    has_general_track = models.BooleanField("voie générale", null=True, blank=True)
    siret = models.CharField("SIRET", max_length=14, blank=True)

    class Meta:
        verbose_name = "établissement"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind", "sector", "priority_network"]),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(uai__regex=r"^[0-9]{7}[A-Z]$"),
                name="establishment_uai_format",
                violation_error_message="Un UAI compte 7 chiffres suivis d'une lettre majuscule (ex. 0593667R).",
            ),
            models.CheckConstraint(
                condition=Q(priority_network="NONE") | Q(kind__in=["COLLEGE", "SEGPA"]),
                name="establishment_priority_network_college_only",
                violation_error_message="Seuls les collèges peuvent appartenir à un réseau d'éducation prioritaire.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.uai})"

    @property
    def priority_badge(self) -> tuple[str, str] | None:
        """(badge style, words) of its priority-education network; None outside priority education."""
        return PRIORITY_BADGES.get(self.priority_network)

    @property
    def department_code(self) -> str:
        return self.uai[1:3] if self.uai.startswith("0") else self.uai[:3]


class EstablishmentHeadcount(models.Model):
    """Pupils of one establishment, one school year (rentrée), one level, by sex."""

    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, related_name="headcounts")
    school_year = models.PositiveSmallIntegerField("rentrée")
    level = models.CharField("niveau", max_length=80)
    position = models.PositiveSmallIntegerField("ordre d'affichage", default=0)
    girls = models.PositiveIntegerField("filles", null=True, blank=True)
    boys = models.PositiveIntegerField("garçons", null=True, blank=True)
    total = models.PositiveIntegerField("total")

    class Meta:
        verbose_name = "effectif par niveau"
        ordering = ["establishment", "school_year", "position", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["establishment", "school_year", "level"],
                name="headcount_unique_level",
                violation_error_message="Cet effectif existe déjà pour ce niveau et cette rentrée.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.establishment_id} {self.school_year} {self.level}: {self.total}"


class Outline(models.Model):
    """The outline of a place for the base maps, projected and simplified once at import time.

    Paths are SVG path data in map units (100 m, Lambert-93, y southwards: see ``geometry``); ``path``
    is drawn on maps of a region or a département, ``path_detail`` (finer) on maps of a few communes.
    ``code`` is the official code of the place (INSEE for région, département, commune; basin code).
    """

    level = models.CharField("niveau", max_length=10, choices=OutlineLevel.choices)
    code = models.CharField("code", max_length=6)
    name = models.CharField("nom", max_length=150)
    path = models.TextField("contour simplifié")
    path_detail = models.TextField("contour détaillé")
    min_x = models.FloatField()
    min_y = models.FloatField()
    max_x = models.FloatField()
    max_y = models.FloatField()
    label_x = models.FloatField("position du nom (x)")
    label_y = models.FloatField("position du nom (y)")

    class Meta:
        verbose_name = "contour"
        ordering = ["level", "code"]
        indexes = [models.Index(fields=["level", "min_x", "max_x"])]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                name="outline_unique_level_code",
                violation_error_message="Ce contour existe déjà.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.name} ({self.code})"
