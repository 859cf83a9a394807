"""Writes for placement agreements: the working hours they cover and each party's signature."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.internships import permissions
from orientation.internships.enums import ApplicationStatus, Party
from orientation.internships.models import (
    Agreement,
    Signature,
)
from orientation.internships.services import _common as shared
from orientation.schooling.enums import ActivityKind
from orientation.schooling.services import activity_record

HOURS_PER_DAY = Decimal(7)
MAX_CREDITED_HOURS = Decimal(200)


def working_hours(starts_on: dt.date, ends_on: dt.date) -> Decimal:
    days = sum(1 for i in range((ends_on - starts_on).days + 1) if (starts_on + dt.timedelta(days=i)).weekday() < 5)
    return min(Decimal(days) * HOURS_PER_DAY, MAX_CREDITED_HOURS)


@transaction.atomic
def agreement_sign(*, agreement: Agreement, party: str, signer_name: str, actor=None) -> Signature:
    """Record one party's signature; the last one makes the application signed and credits the pathway.

    ``actor`` is the signed-in user; the parent signs from the consent link (``actor`` is None).
    """
    application = shared._lock_application(agreement.application)
    agreement = Agreement.objects.select_for_update(of=("self",)).get(pk=agreement.pk)
    agreement.application = application
    if not application.awaits_signatures:
        raise DomainError("Cette convention n'est pas à signer.")
    required = agreement.required_parties()
    if party not in required:
        raise DomainError("Cette partie ne signe pas cette convention.")
    if party == Party.PARENT:
        if actor is not None:
            raise PermissionDeniedError("Le parent signe depuis le lien reçu par courriel.")
    elif actor is None or party not in permissions.parties_for(actor, application):
        raise PermissionDeniedError("Vous ne pouvez pas signer pour cette partie.")
    signer_name = signer_name.strip() or (shared._label(actor) if actor else "")
    if not signer_name:
        raise DomainError("Écrivez votre nom et prénom.", field="signer_name")
    if agreement.signatures.filter(party=party).exists():
        raise DomainError("Cette partie a déjà signé la convention.")
    signature = Signature(agreement=agreement, party=party, signed_by=actor, signer_name=signer_name[:150])
    validate(signature)
    signature.save()
    signed = set(agreement.signatures.values_list("party", flat=True))
    if signed >= set(required):
        application = shared._transition(application, ApplicationStatus.SIGNED, actor=actor, actor_label=signer_name)
        offer = application.offer
        if application.school_class_id:
            activity_record(
                school_class=application.school_class,
                pupil=application.pupil,
                kind=ActivityKind.PLACEMENT,
                title=f"{offer.get_kind_display()} — {offer.job_label}, {offer.host_name}",
                occurred_on=offer.starts_on,
                hours=min(agreement.hours, MAX_CREDITED_HOURS),
                source="internships.Application",
                source_id=application.pk,
                recorded_by=actor,
            )
        notify(
            recipients=[
                application.pupil.email,
                *shared._staff_emails(application.establishment_id),
                *shared._host_emails(offer),
            ],
            template="internships/emails/agreement_signed",
            context=shared._mail_context(application, agreement=agreement),
        )
    return signature
