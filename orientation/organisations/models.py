from django.conf import settings
from django.db import models
from django.db.models import Q

from orientation.core.models import TimeStampedModel
from orientation.organisations.enums import ESTABLISHMENT_ROLES, Role
from orientation.territory.models import Academy, Commune, Department, Establishment, Region


class Company(TimeStampedModel):
    name = models.CharField("raison sociale", max_length=255)
    siret = models.CharField("SIRET", max_length=14, blank=True)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="companies", null=True, blank=True)
    address = models.CharField("adresse", max_length=255, blank=True)
    is_branch = models.BooleanField("branche professionnelle", default=False)

    class Meta:
        verbose_name = "entreprise"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"],
                condition=~Q(siret=""),
                name="company_siret_unique",
                violation_error_message="Une entreprise avec ce SIRET existe déjà.",
            ),
            models.CheckConstraint(
                condition=Q(siret="") | Q(siret__regex=r"^[0-9]{14}$"),
                name="company_siret_format",
                violation_error_message="Un SIRET compte 14 chiffres.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Membership(TimeStampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="memberships", null=True, blank=True
    )
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="memberships", null=True, blank=True)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    child = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        related_name="parents",
        null=True,
        blank=True,
        help_text="Pour un parent : l'inscription de son enfant.",
    )
    is_active = models.BooleanField("active", default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "rattachement"
        constraints = [
            models.CheckConstraint(
                name="membership_target_matches_role",
                violation_error_message="Le rattachement ne correspond pas au rôle choisi.",
                condition=(
                    Q(
                        role__in=[r.value for r in ESTABLISHMENT_ROLES],
                        establishment__isnull=False,
                        company__isnull=True,
                        department__isnull=True,
                        academy__isnull=True,
                        region__isnull=True,
                        child__isnull=True,
                    )
                    | Q(
                        role=Role.COMPANY_MEMBER,
                        company__isnull=False,
                        establishment__isnull=True,
                        department__isnull=True,
                        academy__isnull=True,
                        region__isnull=True,
                        child__isnull=True,
                    )
                    | Q(
                        role=Role.PARENT,
                        child__isnull=False,
                        establishment__isnull=True,
                        company__isnull=True,
                        department__isnull=True,
                        academy__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role=Role.COORDINATOR,
                        establishment__isnull=True,
                        company__isnull=True,
                        child__isnull=True,
                    )
                    & (
                        Q(department__isnull=False, academy__isnull=True, region__isnull=True)
                        | Q(department__isnull=True, academy__isnull=False, region__isnull=True)
                        | Q(department__isnull=True, academy__isnull=True, region__isnull=False)
                    )
                    | Q(
                        role__in=[Role.AMBASSADOR, Role.ADMINISTRATOR],
                        establishment__isnull=True,
                        company__isnull=True,
                        department__isnull=True,
                        academy__isnull=True,
                        region__isnull=True,
                        child__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "establishment"],
                condition=Q(establishment__isnull=False),
                name="membership_unique_establishment_role",
                violation_error_message="Cette personne a déjà ce rôle dans cet établissement.",
            ),
            models.UniqueConstraint(
                fields=["user", "company"],
                condition=Q(company__isnull=False),
                name="membership_unique_company",
                violation_error_message="Cette personne est déjà membre de cette entreprise.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.label}"

    @property
    def target(self):
        return self.establishment or self.company or self.department or self.academy or self.region or self.child

    @property
    def label(self) -> str:
        target = self.target
        return f"{self.get_role_display()} — {target}" if target else self.get_role_display()
