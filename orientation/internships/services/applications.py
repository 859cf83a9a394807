"""Writes for placement applications and the parent's consent: submit, consent, validate, accept,
refuse, withdraw, cancel, remind."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.internships import permissions
from orientation.internships.enums import ApplicationStatus, ConsentDecision, OfferStatus
from orientation.internships.models import (
    Agreement,
    Application,
    ParentalConsent,
    PlacementOffer,
)
from orientation.internships.selectors import linked_parent_email
from orientation.internships.services._common import (
    _absolute,
    _host_emails,
    _label,
    _lock_application,
    _mail_context,
    _staff_emails,
    _transition,
)
from orientation.internships.services.agreements import working_hours
from orientation.internships.workflow import APPLICATION
from orientation.schooling.models import Enrolment
from orientation.territory.enums import PriorityNetwork

CONSENT_SALT = "internships.parental-consent"
CONSENT_LINK_MAX_AGE = dt.timedelta(days=21)


def _release_place(application: Application) -> dict:
    """Give back the place an accepted application held (under the offer's row lock); returns the
    change the application needs."""
    if application.status not in (ApplicationStatus.ACCEPTED, ApplicationStatus.SIGNED):
        return {}
    offer = PlacementOffer.objects.select_for_update(of=("self",)).get(pk=application.offer_id)
    if application.on_reserved_place:
        offer.accepted_reserved = F("accepted_reserved") - 1
    else:
        offer.accepted_open = F("accepted_open") - 1
    offer.save(update_fields=["accepted_open", "accepted_reserved", "updated_at"])
    return {"on_reserved_place": False}


def consent_token(consent: ParentalConsent) -> str:
    return signing.dumps(consent.pk, salt=CONSENT_SALT)


def consent_from_token(token: str) -> ParentalConsent:
    """The consent a link points to; ``DomainError`` when the link is altered or expired."""
    try:
        pk = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise DomainError("Ce lien a expiré. Demandez à votre enfant de vous renvoyer un lien.") from exc
    except signing.BadSignature as exc:
        raise DomainError("Ce lien n'est pas valide.") from exc
    try:
        return ParentalConsent.objects.select_related("application__offer", "application__pupil").get(pk=pk)
    except ParentalConsent.DoesNotExist as exc:
        raise DomainError("Ce lien n'est pas valide.") from exc


def _send_consent_link(consent: ParentalConsent) -> None:
    application = consent.application
    link = _absolute(reverse("internships:consent", args=[consent_token(consent)]))
    context = _mail_context(application, link=link)
    context["pupil_name"] = application.pupil.get_full_name() or "votre enfant"
    notify(recipients=[consent.parent_email], template="internships/emails/consent_request", context=context)


@transaction.atomic
def application_submit(
    *, actor, offer: PlacementOffer, motivation: str, parent_email: str = "", today: dt.date | None = None
) -> Application:
    today = today or timezone.localdate()
    viewer = permissions.viewer_for(actor)
    if not viewer.learner_memberships:
        raise PermissionDeniedError("Seuls les élèves, apprentis et étudiants peuvent candidater.")
    offer = PlacementOffer.objects.select_related("commune").get(pk=offer.pk)
    if offer.status != OfferStatus.PUBLISHED:
        raise DomainError("Cette offre n'est pas ouverte aux candidatures.")
    if offer.starts_on <= today:
        raise DomainError("Ce stage a déjà commencé : il n'est plus possible de candidater.")
    membership = viewer.learner_memberships[0]
    establishment = membership.establishment
    priority = establishment.priority_network in (PriorityNetwork.REP, PriorityNetwork.REP_PLUS)
    if offer.free_places_for(priority=priority, today=today) <= 0:
        raise DomainError("Il n'y a plus de place disponible pour vous sur cette offre.")
    enrolment = (
        Enrolment.objects.filter(pupil=actor, school_class__establishment=establishment)
        .select_related("school_class")
        .order_by("-school_class__school_year__is_current", "-school_class__school_year__starts_on")
        .first()
    )
    school_class = enrolment.school_class if enrolment else None
    if offer.target_levels and school_class and school_class.level not in offer.target_levels:
        raise DomainError("Cette offre est réservée à d'autres niveaux que le vôtre.")
    is_minor = actor.is_minor(today)
    if is_minor is None:
        raise DomainError("Indiquez votre année de naissance dans votre compte avant de candidater.")
    if is_minor and not parent_email.strip():
        parent_email = linked_parent_email(actor)
    if is_minor and not parent_email.strip():
        raise DomainError(
            "Indiquez l'adresse électronique d'un parent : son accord est nécessaire.", field="parent_email"
        )
    application = Application(
        offer=offer,
        pupil=actor,
        establishment=establishment,
        school_class=school_class,
        motivation=motivation.strip(),
        is_minor=is_minor,
        is_priority=priority,
    )
    validate(application)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise DomainError("Vous avez déjà une candidature en cours pour cette offre.") from exc
    APPLICATION.log_write(
        application,
        from_status="",
        to_status=application.status,
        actor=actor,
        action="submit",
        actor_label=_label(actor),
    )
    if is_minor:
        consent = ParentalConsent(application=application, parent_email=parent_email.strip().lower())
        validate(consent)
        consent.save()
        _send_consent_link(consent)
    else:
        notify(
            recipients=_staff_emails(establishment.pk),
            template="internships/emails/application_to_validate",
            context=_mail_context(application),
        )
    return application


@transaction.atomic
def consent_answer(*, consent: ParentalConsent, give: bool, parent_name: str) -> ParentalConsent:
    """The parent answers from the signed link (no account: the name typed is recorded)."""
    parent_name = parent_name.strip()
    if not parent_name:
        raise DomainError("Écrivez votre nom et prénom.", field="parent_name")
    consent = ParentalConsent.objects.select_for_update(of=("self",)).get(pk=consent.pk)
    if not consent.is_pending:
        raise DomainError("Vous avez déjà répondu. Merci.")
    application = _transition(
        consent.application,
        ApplicationStatus.CONSENTED if give else ApplicationStatus.CONSENT_REFUSED,
        actor=None,
        actor_label=f"{parent_name} (parent)",
    )
    consent.decision = ConsentDecision.GIVEN if give else ConsentDecision.REFUSED
    consent.parent_name, consent.decided_at = parent_name[:150], timezone.now()
    validate(consent)
    consent.save()
    if give:
        notify(
            recipients=_staff_emails(application.establishment_id),
            template="internships/emails/application_to_validate",
            context=_mail_context(application, parent_agreed=True),
        )
    notify(
        recipients=[application.pupil.email],
        template="internships/emails/consent_answered",
        context=_mail_context(application, given=give),
    )
    return consent


@transaction.atomic
def consent_resend(*, actor, application: Application, parent_email: str = "") -> ParentalConsent:
    """The pupil sends the consent link again (lost or expired), optionally to another address."""
    application = _lock_application(application)
    if not permissions.can_withdraw(actor, application):
        raise PermissionDeniedError("Seul l'élève peut renvoyer le lien à son parent.")
    if not application.waits_for_parent:
        raise DomainError("Aucun accord de parent n'est attendu pour cette candidature.")
    consent = ParentalConsent.objects.select_for_update(of=("self",)).get(application=application)
    if parent_email.strip():
        consent.parent_email = parent_email.strip().lower()
        validate(consent)
        consent.save(update_fields=["parent_email", "updated_at"])
    _send_consent_link(consent)
    return consent


@transaction.atomic
def application_validate(*, actor, application: Application) -> Application:
    application = _lock_application(application)
    APPLICATION.check_actor(application, actor, ApplicationStatus.VALIDATED)
    if application.waits_for_parent:
        raise DomainError("L'accord du parent est attendu avant la validation.")
    application = _transition(application, ApplicationStatus.VALIDATED, actor=actor)
    notify(
        recipients=_host_emails(application.offer),
        template="internships/emails/application_validated",
        context=_mail_context(application),
    )
    return application


@transaction.atomic
def application_accept(
    *, actor, application: Application, message: str = "", today: dt.date | None = None
) -> Application:
    """Take one place under a row lock on the offer; the constraints refuse any over-allocation."""
    today = today or timezone.localdate()
    offer = PlacementOffer.objects.select_for_update(of=("self",)).get(pk=application.offer_id)
    application = _transition(
        application,
        ApplicationStatus.ACCEPTED,
        actor=actor,
        note=message,
        changes={"host_message": message.strip()},
    )
    if application.is_priority and offer.free_reserved > 0:
        reserved = True
    elif offer.free_open > 0:
        reserved = False
    elif offer.free_reserved > 0 and not offer.reservation_active(today):
        reserved = True
    elif offer.free_reserved > 0:
        raise DomainError(
            f"Les places restantes sont réservées aux élèves des collèges REP et REP+ "
            f"jusqu'au {offer.reserved_until:%d/%m/%Y}."
        )
    else:
        raise DomainError("Toutes les places de cette offre sont prises.")
    if reserved:
        offer.accepted_reserved = F("accepted_reserved") + 1
    else:
        offer.accepted_open = F("accepted_open") + 1
    try:
        with transaction.atomic():
            offer.save(update_fields=["accepted_open", "accepted_reserved", "updated_at"])
    except IntegrityError as exc:
        raise DomainError("Toutes les places de cette offre sont prises.") from exc
    application.on_reserved_place = reserved
    application.save(update_fields=["on_reserved_place", "updated_at"])
    agreement = Agreement(
        application=application,
        reference=f"CONV-{today:%Y}-{application.pk:06d}",
        hours=working_hours(offer.starts_on, offer.ends_on),
    )
    validate(agreement)
    agreement.save()
    recipients = [application.pupil.email, *_staff_emails(application.establishment_id)]
    if application.is_minor:
        recipients.append(application.consent.parent_email)
        _send_consent_link(application.consent)
    notify(
        recipients=recipients,
        template="internships/emails/application_accepted",
        context=_mail_context(application, agreement=agreement, message=message.strip()),
    )
    return application


@transaction.atomic
def application_refuse(*, actor, application: Application, message: str) -> Application:
    application = _transition(
        application, ApplicationStatus.REFUSED, actor=actor, note=message, changes={"host_message": message.strip()}
    )
    notify(
        recipients=[application.pupil.email],
        template="internships/emails/application_refused",
        context=_mail_context(application, message=message.strip()),
    )
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str = "") -> Application:
    application = _lock_application(application)
    APPLICATION.check_actor(application, actor, ApplicationStatus.WITHDRAWN)
    reached_host = application.status in (ApplicationStatus.VALIDATED, ApplicationStatus.ACCEPTED)
    released = _release_place(application)
    application = _transition(application, ApplicationStatus.WITHDRAWN, actor=actor, note=reason, changes=released)
    notify(
        recipients=_host_emails(application.offer) if reached_host else _staff_emails(application.establishment_id),
        template="internships/emails/application_withdrawn",
        context=_mail_context(application),
    )
    return application


@transaction.atomic
def application_cancel(*, actor, application: Application, reason: str) -> Application:
    application = _lock_application(application)
    APPLICATION.check_actor(application, actor, ApplicationStatus.CANCELLED)
    released = _release_place(application)
    application = _transition(application, ApplicationStatus.CANCELLED, actor=actor, note=reason, changes=released)
    notify(
        recipients=[application.pupil.email],
        template="internships/emails/application_cancelled",
        context=_mail_context(application, reason=reason.strip()),
    )
    return application


# ---------------------------------------------------------------- reminders
@transaction.atomic
def applications_remind(*, now: dt.datetime | None = None, older_than_days: int = 3) -> int:
    """Remind whoever must act on an application that has waited ``older_than_days`` days."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    pending = (
        Application.objects.select_for_update(of=("self",))
        .filter(status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.CONSENTED, ApplicationStatus.VALIDATED])
        .filter(updated_at__lte=cutoff)
        .exclude(last_reminded_at__gt=cutoff)
        .select_related("offer__commune", "offer__company", "offer__host_establishment", "pupil")
    )
    count = 0
    for application in pending:
        if application.status == ApplicationStatus.SUBMITTED and application.is_minor:
            _send_consent_link(application.consent)
        elif application.status == ApplicationStatus.VALIDATED:
            notify(
                recipients=_host_emails(application.offer),
                template="internships/emails/reminder_to_answer",
                context=_mail_context(application),
            )
        else:
            notify(
                recipients=_staff_emails(application.establishment_id),
                template="internships/emails/reminder_to_validate",
                context=_mail_context(application),
            )
        application.last_reminded_at = now
        Application.objects.filter(pk=application.pk).update(last_reminded_at=now)
        count += 1
    return count
