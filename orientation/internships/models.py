"""Placements (R6): offers, applications, parental consent, agreements and signatures.

Design
------
- ``PlacementOffer`` belongs to exactly one host: a ``Company`` (a company or a professional
  branch) or an ``Establishment`` (a CFA). It says what (kind, job as ROME code + appellation),
  where (commune, address, coordinates), when (``starts_on``..``ends_on``, whole weeks), for whom
  (target levels, accessibility) and how many (``places``, of which ``reserved_places`` are kept
  for pupils of REP/REP+ establishments until ``reserved_until``).
- Places are counted by two counters updated only under a row lock on the offer:
  ``accepted_open`` (places taken outside the reservation) and ``accepted_reserved`` (reserved
  places taken). Check constraints keep ``accepted_open ≤ places − reserved_places`` and
  ``accepted_reserved ≤ reserved_places``, so the database itself refuses over-allocation
  even if a code path forgot the lock.
- Status: draft → published → closed. A text that fails the neutrality check sets
  ``is_flagged``; a constraint forbids a flagged offer from being published until a
  coordinator clears it. ``OfferReport``: any signed-in user can report an offer.
- ``Application``: one pupil, one offer, one motivation; its workflow is the table in
  ``workflow.APPLICATION``; each transition writes an ``ApplicationStatusLog`` row. The pupil's
  establishment (and class, when enrolled) is copied at application time: it scopes who
  validates and where the placement is credited.
- ``ParentalConsent``: for a minor, a parent answers from a signed, expiring link (no
  account). The same link lets the parent sign the agreement.
- ``Agreement`` (convention de stage) is created on acceptance; ``Signature`` rows record each
  party (pupil, parent for a minor, school, host), who signed and when. When every required
  party has signed, the application becomes signed and the placement is credited to the
  pupil's pathway through ``schooling.services.activity_record``.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from orientation.core.models import StatusLog, TimeStampedModel
from orientation.internships.enums import (
    OPEN_STATUSES,
    ApplicationStatus,
    ConsentDecision,
    OfferKind,
    OfferStatus,
    Party,
)
from orientation.organisations.models import Company
from orientation.schooling.models import SchoolClass
from orientation.territory.models import Commune, Establishment


class PlacementOffer(TimeStampedModel):
    company = models.ForeignKey(
        Company, on_delete=models.PROTECT, related_name="placement_offers", null=True, blank=True
    )
    host_establishment = models.ForeignKey(
        Establishment,
        on_delete=models.PROTECT,
        related_name="placement_offers",
        null=True,
        blank=True,
        help_text="Pour un CFA qui publie une offre.",
    )
    kind = models.CharField("type de stage", max_length=20, choices=OfferKind.choices)
    title = models.CharField("intitulé", max_length=200)
    description = models.TextField("ce que l'élève va faire", max_length=3000)
    rome_code = models.CharField("code ROME", max_length=5, blank=True)
    job_label = models.CharField("métier", max_length=200)
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="placement_offers")
    address = models.CharField("adresse", max_length=255)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    starts_on = models.DateField("premier jour")
    ends_on = models.DateField("dernier jour")
    places = models.PositiveSmallIntegerField("nombre de places")
    reserved_places = models.PositiveSmallIntegerField("places réservées REP/REP+", default=0)
    reserved_until = models.DateField(
        "places réservées jusqu'au",
        null=True,
        blank=True,
        help_text="Après cette date, les places réservées encore libres sont ouvertes à tous.",
    )
    accepted_open = models.PositiveSmallIntegerField("places non réservées prises", default=0)
    accepted_reserved = models.PositiveSmallIntegerField("places réservées prises", default=0)
    target_levels = models.JSONField("niveaux visés", default=list, blank=True)
    is_accessible = models.BooleanField("accessible aux élèves en situation de handicap", default=False)
    accessibility_note = models.CharField("précisions sur l'accessibilité", max_length=255, blank=True)
    contact_name = models.CharField("personne à contacter", max_length=150)
    contact_phone = models.CharField("téléphone", max_length=20)
    status = models.CharField("état", max_length=10, choices=OfferStatus.choices, default=OfferStatus.DRAFT)
    is_flagged = models.BooleanField("à relire par un coordinateur", default=False)
    moderation_note = models.TextField("motif de la relecture", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "offre de stage"
        verbose_name_plural = "offres de stage"
        ordering = ["starts_on", "pk"]
        indexes = [
            models.Index(fields=["status", "starts_on"]),
            models.Index(fields=["latitude", "longitude"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(company__isnull=False, host_establishment__isnull=True)
                | Q(company__isnull=True, host_establishment__isnull=False),
                name="offer_single_host",
                violation_error_message="Une offre est proposée par une entreprise ou par un CFA, pas les deux.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="offer_dates_ordered",
                violation_error_message="Le dernier jour du stage ne peut pas précéder le premier.",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=50),
                name="offer_places_range",
                violation_error_message="Une offre compte entre 1 et 50 places.",
            ),
            models.CheckConstraint(
                condition=Q(reserved_places__lte=F("places")),
                name="offer_reserved_within_places",
                violation_error_message="Il ne peut pas y avoir plus de places réservées que de places.",
            ),
            models.CheckConstraint(
                condition=Q(reserved_places=0) | Q(reserved_until__isnull=False),
                name="offer_reserved_needs_release_date",
                violation_error_message="Indiquez jusqu'à quand les places réservées sont gardées.",
            ),
            models.CheckConstraint(
                condition=Q(accepted_reserved__lte=F("reserved_places")),
                name="offer_reserved_not_overbooked",
                violation_error_message="Toutes les places réservées sont déjà prises.",
            ),
            models.CheckConstraint(
                condition=Q(accepted_open__lte=F("places") - F("reserved_places")),
                name="offer_open_not_overbooked",
                violation_error_message="Toutes les places de cette offre sont déjà prises.",
            ),
            models.CheckConstraint(
                condition=~Q(status=OfferStatus.PUBLISHED, is_flagged=True),
                name="offer_flagged_not_published",
                violation_error_message="Une offre à relire ne peut pas être publiée.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def host_name(self) -> str:
        return self.company.name if self.company_id else self.host_establishment.name

    @property
    def accepted_total(self) -> int:
        return self.accepted_open + self.accepted_reserved

    @property
    def free_open(self) -> int:
        return self.places - self.reserved_places - self.accepted_open

    @property
    def free_reserved(self) -> int:
        return self.reserved_places - self.accepted_reserved

    def reservation_active(self, today) -> bool:
        return self.reserved_places > 0 and self.reserved_until is not None and today <= self.reserved_until

    def free_places_for(self, *, priority: bool, today) -> int:
        """Places this pupil can still take: reserved ones only for REP/REP+ pupils until the release date."""
        if priority or not self.reservation_active(today):
            return self.free_open + self.free_reserved
        return self.free_open

    @property
    def is_published(self) -> bool:
        return self.status == OfferStatus.PUBLISHED


class OfferReport(TimeStampedModel):
    offer = models.ForeignKey(PlacementOffer, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField("ce qui ne va pas", max_length=1000)
    resolved_at = models.DateTimeField("traité le", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = "signalement d'offre"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Signalement {self.pk} de l'offre {self.offer_id}"


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Application(TimeStampedModel):
    offer = models.ForeignKey(PlacementOffer, on_delete=models.PROTECT, related_name="applications")
    pupil = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placement_applications")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="placement_applications")
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.PROTECT, related_name="placement_applications", null=True, blank=True
    )
    motivation = models.TextField("motivation", max_length=1000)
    is_minor = models.BooleanField("mineur au moment de la candidature")
    is_priority = models.BooleanField("élève d'un établissement REP/REP+")
    status = models.CharField(
        "état", max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    on_reserved_place = models.BooleanField("occupe une place réservée", default=False)
    host_message = models.TextField("message de l'entreprise", blank=True)
    last_reminded_at = models.DateTimeField("dernière relance", null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "candidature"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["offer", "pupil"],
                condition=Q(status__in=["SUBMITTED", "CONSENTED", "VALIDATED", "ACCEPTED", "SIGNED"]),
                name="application_one_open_per_offer",
                violation_error_message="Vous avez déjà une candidature en cours pour cette offre.",
            ),
            models.CheckConstraint(
                condition=Q(on_reserved_place=False) | Q(status__in=["ACCEPTED", "SIGNED"]),
                name="application_reserved_place_only_when_accepted",
                violation_error_message="Seule une candidature acceptée occupe une place.",
            ),
        ]

    @property
    def awaits_signatures(self) -> bool:
        """Accepted by the host: the agreement waits for its parties' signatures."""
        return self.status == ApplicationStatus.ACCEPTED

    @property
    def waits_for_parent(self) -> bool:
        """A minor's application waits for the parent's answer before the school validates."""
        return self.is_minor and self.status == ApplicationStatus.SUBMITTED

    def __str__(self) -> str:
        return f"Candidature {self.pk} — {self.offer}"


class ApplicationStatusLog(StatusLog):
    statuses = ApplicationStatus

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_log")
    action = models.CharField("action", max_length=20)
    actor_label = models.CharField("par", max_length=150)

    class Meta(StatusLog.Meta):
        verbose_name = "étape d'une candidature"

    @property
    def action_label(self) -> str:
        from orientation.internships.workflow import ACTION_LABELS

        return ACTION_LABELS.get(self.action, self.action)


class ParentalConsent(TimeStampedModel):
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="consent")
    parent_email = models.EmailField("adresse électronique du parent")
    decision = models.CharField(
        "décision", max_length=10, choices=ConsentDecision.choices, default=ConsentDecision.PENDING
    )
    parent_name = models.CharField("nom du parent", max_length=150, blank=True)
    decided_at = models.DateTimeField("répondu le", null=True, blank=True)

    class Meta:
        verbose_name = "accord parental"
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="PENDING") | (Q(decided_at__isnull=False) & ~Q(parent_name="")),
                name="consent_decision_signed",
                violation_error_message="Une réponse du parent indique son nom et sa date.",
            )
        ]

    @property
    def is_pending(self) -> bool:
        """The parent has not answered yet (the link still asks)."""
        return self.decision == ConsentDecision.PENDING

    @property
    def is_given(self) -> bool:
        """The parent agreed to the placement."""
        return self.decision == ConsentDecision.GIVEN


class Agreement(TimeStampedModel):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="agreement")
    reference = models.CharField("référence", max_length=30, unique=True)
    hours = models.DecimalField("heures de stage", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = "convention de stage"

    def __str__(self) -> str:
        return self.reference

    def required_parties(self) -> list[str]:
        parties = [Party.PUPIL, Party.SCHOOL, Party.HOST]
        if self.application.is_minor:
            parties.insert(1, Party.PARENT)
        return parties


class Signature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.CharField("partie", max_length=10, choices=Party.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    signer_name = models.CharField("nom du signataire", max_length=150)
    signed_at = models.DateTimeField("signé le", auto_now_add=True)

    class Meta:
        verbose_name = "signature"
        ordering = ["signed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "party"],
                name="signature_once_per_party",
                violation_error_message="Cette partie a déjà signé la convention.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()} : {self.signer_name}"
