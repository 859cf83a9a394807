from django.conf import settings
from django.db import models
from django.db.models import F, Q

from orientation.actionplan.enums import ContractStatus
from orientation.core.models import StatusLog, TimeStampedModel
from orientation.interventions.enums import Axis, Objective
from orientation.organisations.models import Company
from orientation.territory.models import Department, Establishment, Region


class ActionPlan(TimeStampedModel):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="action_plans")
    school_year = models.CharField("année scolaire", max_length=9)
    title = models.CharField("intitulé", max_length=200)

    class Meta:
        verbose_name = "plan d'actions"
        verbose_name_plural = "plans d'actions"
        ordering = ["-school_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "school_year"],
                name="action_plan_one_per_year",
                violation_error_message="La région a déjà un plan d'actions pour cette année scolaire.",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Action(TimeStampedModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    objective = models.CharField("objectif", max_length=3, choices=Objective.choices)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("description", blank=True)
    owner = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="plan_actions", verbose_name="porteur (organisation partenaire)"
    )
    publics = models.JSONField("publics", default=list)
    levels = models.JSONField("niveaux", default=list, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        null=True,
        blank=True,
        help_text="Vide : toute la région.",
    )
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")

    class Meta:
        verbose_name = "action du plan"
        verbose_name_plural = "actions du plan"
        ordering = ["objective", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="action_dates_ordered",
                violation_error_message="La fin de l'action ne peut pas précéder son début.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def axis(self) -> Axis:
        return Axis(self.objective[0])


class ActionIndicator(TimeStampedModel):
    """A target, with a value computed from the records (``computed_code``) or entered with its source."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField("indicateur", max_length=200)
    unit = models.CharField("unité", max_length=20, blank=True)
    target = models.DecimalField("cible", max_digits=10, decimal_places=1)
    computed_code = models.CharField("calcul automatique", max_length=40, blank=True)
    entered_value = models.DecimalField("valeur saisie", max_digits=10, decimal_places=1, null=True, blank=True)
    source = models.CharField("source de la valeur saisie", max_length=255, blank=True)

    class Meta:
        verbose_name = "indicateur d'une action"
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gt=0),
                name="action_indicator_target_positive",
                violation_error_message="La cible doit être positive.",
            ),
            models.CheckConstraint(
                condition=~Q(computed_code="") | Q(entered_value__isnull=True) | ~Q(source=""),
                name="action_indicator_entered_has_source",
                violation_error_message="Indiquez la source d'une valeur saisie.",
            ),
            models.CheckConstraint(
                condition=Q(computed_code="") | Q(entered_value__isnull=True),
                name="action_indicator_computed_not_entered",
                violation_error_message="Un indicateur calculé ne se saisit pas.",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Contract(TimeStampedModel):
    """An establishment's orientation contract: its PPO linked to actions of the plan (R9, R14)."""

    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="orientation_contracts")
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="contracts")
    actions = models.ManyToManyField(Action, related_name="contracts", blank=True, verbose_name="actions du plan")
    ppo_summary = models.TextField("programme pluriannuel d'orientation (PPO)")
    commitments = models.TextField("engagements des parties")
    version = models.PositiveSmallIntegerField("version", default=1)
    status = models.CharField("état", max_length=12, choices=ContractStatus.choices, default=ContractStatus.DRAFT)
    signed_by_establishment_at = models.DateTimeField("signé par l'établissement le", null=True, blank=True)
    signed_by_region_at = models.DateTimeField("signé par la Région le", null=True, blank=True)
    starts_on = models.DateField("en vigueur du", null=True, blank=True)
    ends_on = models.DateField("au", null=True, blank=True)
    notice_given_on = models.DateField("préavis de résiliation donné le", null=True, blank=True)
    notice_given_by = models.CharField("préavis donné par", max_length=15, blank=True)
    termination_effective_on = models.DateField("résiliation effective le", null=True, blank=True)
    last_reminded_days = models.PositiveSmallIntegerField(
        "dernier rappel (jours avant l'échéance)", null=True, blank=True
    )
    renewed_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, related_name="renewal", null=True, blank=True, verbose_name="renouvelle"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "contrat d'orientation"
        verbose_name_plural = "contrats d'orientation"
        ordering = ["establishment__name", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["DRAFT", "SIGNED"])
                | Q(starts_on__isnull=False, ends_on__gt=F("starts_on"))
                | Q(status="ENDED"),
                name="contract_active_has_dates",
                violation_error_message="Un contrat en vigueur a une date de début et une date de fin.",
            ),
            models.CheckConstraint(
                condition=Q(notice_given_on__isnull=True) | Q(termination_effective_on__gt=F("notice_given_on")),
                name="contract_termination_after_notice",
                violation_error_message="La résiliation prend effet après le préavis.",
            ),
        ]

    def __str__(self) -> str:
        return f"Contrat d'orientation — {self.establishment.name} (version {self.version})"

    @property
    def is_amendable(self) -> bool:
        """Signed or in force: open to amendments and to a formal notice."""
        return self.status in (ContractStatus.SIGNED, ContractStatus.ACTIVE)

    def terms(self) -> dict:
        """What an amendment may change, as it stands (kept in each amendment as the previous version)."""
        return {
            "ppo_summary": self.ppo_summary,
            "commitments": self.commitments,
            "ends_on": self.ends_on.isoformat() if self.ends_on else None,
            "actions": sorted(self.actions.values_list("title", flat=True)),
        }


class ContractStatusLog(StatusLog):
    statuses = ContractStatus
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="status_log")

    class Meta(StatusLog.Meta):
        verbose_name = "étape d'un contrat d'orientation"


class ContractAmendment(TimeStampedModel):
    """An avenant: what changed, and the contract's terms before and after (versioned)."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveSmallIntegerField("numéro")
    summary = models.TextField("ce qui change")
    previous_terms = models.JSONField("termes précédents")
    new_terms = models.JSONField("nouveaux termes")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "avenant"
        ordering = ["contract", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "number"],
                name="amendment_number_unique",
                violation_error_message="Ce contrat a déjà un avenant portant ce numéro.",
            )
        ]

    def __str__(self) -> str:
        return f"Avenant n° {self.number} — {self.contract}"
