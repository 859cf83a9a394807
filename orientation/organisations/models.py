from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from orientation.core.models import TimeStampedModel
from orientation.organisations.enums import ESTABLISHMENT_ROLES, STAFF_ROLES, Role
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
        if self.role == Role.PARENT and self.child_id:
            child = self.child
            return f"Parent — {child.user}, {child.get_role_display().lower()} à {child.establishment.name}"
        target = self.target
        return f"{self.get_role_display()} — {target}" if target else self.get_role_display()


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        ).order_by("-created_at")


class Invitation(TimeStampedModel):
    """An emailed link that lets someone take a staff or coordinator role.

    Only a hash of the token is stored: the link itself exists only in the email.
    """

    email = models.EmailField("adresse électronique")
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="invitations", null=True, blank=True
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    academy = models.ForeignKey(Academy, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="invitations_sent", verbose_name="invité par"
    )
    token_hash = models.CharField("empreinte du lien", max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField("expire le")
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    revoked_at = models.DateTimeField("annulée le", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = "invitation"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="invitation_target_matches_role",
                violation_error_message="L'invitation ne correspond pas au rôle choisi.",
                condition=(
                    Q(
                        role__in=[r.value for r in STAFF_ROLES],
                        establishment__isnull=False,
                        department__isnull=True,
                        academy__isnull=True,
                        region__isnull=True,
                    )
                    | Q(role=Role.COORDINATOR, establishment__isnull=True)
                    & (
                        Q(department__isnull=False, academy__isnull=True, region__isnull=True)
                        | Q(department__isnull=True, academy__isnull=False, region__isnull=True)
                        | Q(department__isnull=True, academy__isnull=True, region__isnull=False)
                    )
                ),
            ),
            models.CheckConstraint(
                name="invitation_not_accepted_and_revoked",
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                violation_error_message="Une invitation ne peut pas être à la fois acceptée et annulée.",
            ),
            models.CheckConstraint(
                name="invitation_email_lowercase",
                condition=Q(email=Lower("email")),
                violation_error_message="L'adresse électronique doit être enregistrée en minuscules.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} — {self.get_role_display()} — {self.target}"

    @property
    def target(self):
        return self.establishment or self.department or self.academy or self.region

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"
