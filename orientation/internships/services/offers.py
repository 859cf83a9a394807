"""Writes for placement offers: create, edit, publish, close, moderate, report."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from orientation.catalog.models import Appellation, Job
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.validation import validate
from orientation.internships import permissions
from orientation.internships.enums import OfferStatus
from orientation.internships.models import (
    OfferReport,
    PlacementOffer,
)
from orientation.internships.services._common import _label
from orientation.moderation.services import text_submit

OFFER = "PLACEMENT_OFFER"  # the kind of moderated text this app registers (apps.py)
OFFER_EDITABLE_FIELDS = (
    "kind",
    "title",
    "description",
    "rome_code",
    "job_label",
    "commune",
    "address",
    "latitude",
    "longitude",
    "starts_on",
    "ends_on",
    "places",
    "reserved_places",
    "reserved_until",
    "target_levels",
    "is_accessible",
    "accessibility_note",
    "contact_name",
    "contact_phone",
)


def _held_for_moderation(offer: PlacementOffer, actor) -> bool:
    """The offer's texts go through the moderation queue (R12): True when held (not publishable yet)."""
    text = "\n".join(
        part for part in (offer.title, offer.job_label, offer.description, offer.accessibility_note) if part
    )
    return not text_submit(kind=OFFER, object_id=offer.pk, text=text, actor=actor, department=offer.commune.department)


def offer_moderation_decided(item, approved: bool) -> None:
    """The moderation queue decided on an offer's texts: accepted, the offer is published (unless its texts
    changed since, or it was closed); refused, it stays held until its author changes it."""
    offer = PlacementOffer.objects.select_for_update(of=("self",)).filter(pk=item.object_id).first()
    if offer is None or not approved or offer.status == OfferStatus.CLOSED:
        return
    offer.is_flagged = False
    offer.status = OfferStatus.PUBLISHED
    validate(offer)
    offer.save(update_fields=["is_flagged", "status", "updated_at"])


def _resolve_job(offer: PlacementOffer) -> None:
    """Tie the offer to the ROME referential when it is loaded: a known appellation gives its code,
    an unknown code is refused (an empty catalogue accepts any well-formed code)."""
    offer.rome_code = (offer.rome_code or "").strip().upper()
    if not offer.rome_code:
        appellation = Appellation.objects.filter(long_label__iexact=offer.job_label.strip()).select_related("job")
        found = appellation.first()
        if found is not None:
            offer.rome_code = found.job.rome_code
        return
    if Job.objects.exists() and not Job.objects.filter(rome_code=offer.rome_code).exists():
        raise DomainError(f"Le code ROME {offer.rome_code} n'existe pas.", field="rome_code")


@transaction.atomic
def offer_create(*, actor, company=None, host_establishment=None, **fields) -> PlacementOffer:
    offer = PlacementOffer(company=company, host_establishment=host_establishment, created_by=actor)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError("Vous ne pouvez publier des offres que pour votre entreprise ou votre CFA.")
    for name, value in fields.items():
        if name not in OFFER_EDITABLE_FIELDS:
            raise TypeError(f"unexpected field {name}")
        setattr(offer, name, value)
    if offer.latitude is None and offer.commune_id:
        offer.latitude, offer.longitude = offer.commune.latitude, offer.commune.longitude
    _resolve_job(offer)
    validate(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_update(*, actor, offer: PlacementOffer, **fields) -> PlacementOffer:
    offer = PlacementOffer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    for name, value in fields.items():
        if name not in OFFER_EDITABLE_FIELDS:
            raise TypeError(f"unexpected field {name}")
        setattr(offer, name, value)
    if "commune" in fields and "latitude" not in fields:
        offer.latitude, offer.longitude = offer.commune.latitude, offer.commune.longitude
    _resolve_job(offer)
    if offer.status == OfferStatus.PUBLISHED and _held_for_moderation(offer, actor):
        offer.status, offer.is_flagged = OfferStatus.DRAFT, True
    elif offer.is_flagged and not _held_for_moderation(offer, actor):
        offer.is_flagged = False  # the author removed what was held
    validate(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_publish(*, actor, offer: PlacementOffer) -> PlacementOffer:
    """Publish, unless the neutrality check finds a problem: then the offer waits for a coordinator."""
    offer = PlacementOffer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    if offer.status == OfferStatus.CLOSED:
        raise DomainError("Cette offre est fermée.")
    if offer.ends_on < timezone.localdate():
        raise DomainError("Les dates de ce stage sont passées : modifiez-les avant de publier.")
    if _held_for_moderation(offer, actor):
        offer.is_flagged = True
    elif not offer.is_flagged:
        offer.status = OfferStatus.PUBLISHED
    validate(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_close(*, actor, offer: PlacementOffer) -> PlacementOffer:
    offer = PlacementOffer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    offer.status = OfferStatus.CLOSED
    validate(offer)
    offer.save(update_fields=["status", "updated_at"])
    return offer


@transaction.atomic
def offer_moderation_clear(*, actor, offer: PlacementOffer, publish: bool = True) -> PlacementOffer:
    """A coordinator reviewed a flagged offer: clear the flag (and publish it) or close it."""
    offer = (
        PlacementOffer.objects.select_for_update(of=("self",))
        .select_related("commune__department__academy")
        .get(pk=offer.pk)
    )
    if not permissions.can_moderate(actor, offer):
        raise PermissionDeniedError()
    if offer.is_flagged:
        raise DomainError(
            "Les textes de cette offre attendent la relecture de neutralité : décidez dans les textes à relire."
        )
    offer.moderation_note = f"Relue par {_label(actor)} le {timezone.localdate():%d/%m/%Y}."
    offer.status = OfferStatus.PUBLISHED if publish else OfferStatus.CLOSED
    validate(offer)
    offer.save()
    offer.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=actor)
    return offer


@transaction.atomic
def offer_report(*, actor, offer: PlacementOffer, reason: str) -> OfferReport:
    if not actor.is_authenticated:
        raise PermissionDeniedError("Connectez-vous pour signaler une offre.")
    report = OfferReport(offer=offer, reported_by=actor, reason=reason.strip())
    validate(report)
    report.save()
    return report
