"""Writes for placements. Every function: keyword-only, one transaction, ``full_clean``,
the actor recorded, mail sent only after commit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from orientation.catalog.models import Appellation, Job
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.neutrality import check_text
from orientation.internships import permissions
from orientation.internships.enums import ApplicationStatus, ConsentDecision, OfferStatus, Party
from orientation.internships.models import (
    Agreement,
    Application,
    ApplicationStatusLog,
    OfferReport,
    ParentalConsent,
    PlacementOffer,
    Signature,
)
from orientation.internships.workflow import target_status
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.enums import ActivityKind
from orientation.schooling.models import Enrolment
from orientation.schooling.services import activity_record
from orientation.territory.enums import PriorityNetwork

CONSENT_SALT = "internships.parental-consent"
CONSENT_LINK_MAX_AGE = dt.timedelta(days=21)
HOURS_PER_DAY = Decimal(7)
MAX_CREDITED_HOURS = Decimal(200)
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


# ---------------------------------------------------------------- helpers
def _clean(instance) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = [m for ms in exc.message_dict.values() for m in ms] if hasattr(exc, "error_dict") else exc.messages
        raise DomainError(" ".join(dict.fromkeys(messages))) from exc


def _mail(subject: str, body: str, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=True)
        )


def _absolute(path: str) -> str:
    return settings.ORIENTATION_BASE_URL.rstrip("/") + path


def _label(user) -> str:
    return (user.get_full_name() or user.email)[:150]


def _lock_application(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("offer", "pupil", "establishment")
        .get(pk=application.pk)
    )


def _transition(application: Application, action: str, *, actor, actor_label: str, message: str = "") -> None:
    target = target_status(action, application.status)
    if target is None:
        raise DomainError(f"Action impossible : la candidature est à l'étape « {application.get_status_display()} ».")
    ApplicationStatusLog.objects.create(
        application=application,
        action=action,
        from_status=application.status,
        to_status=target,
        actor=actor,
        actor_label=actor_label[:150],
        message=message,
    )
    application.status = target
    application.save(update_fields=["status", "on_reserved_place", "host_message", "updated_at"])


def _release_place(application: Application) -> None:
    """Give back the place an accepted application held (under the offer's row lock)."""
    if application.status not in (ApplicationStatus.ACCEPTED, ApplicationStatus.SIGNED):
        return
    offer = PlacementOffer.objects.select_for_update().get(pk=application.offer_id)
    if application.on_reserved_place:
        offer.accepted_reserved = F("accepted_reserved") - 1
    else:
        offer.accepted_open = F("accepted_open") - 1
    offer.save(update_fields=["accepted_open", "accepted_reserved", "updated_at"])
    application.on_reserved_place = False


def _staff_emails(establishment_id: int) -> list[str]:
    return list(
        Membership.objects.active()
        .filter(establishment_id=establishment_id, role__in=permissions.VALIDATING_ROLES)
        .values_list("user__email", flat=True)
    )


def _host_emails(offer: PlacementOffer) -> list[str]:
    if offer.company_id:
        qs = Membership.objects.active().filter(company_id=offer.company_id, role=Role.COMPANY_MEMBER)
    else:
        qs = Membership.objects.active().filter(
            establishment_id=offer.host_establishment_id, role__in=(Role.HEAD, Role.OTHER_STAFF)
        )
    return list(qs.values_list("user__email", flat=True))


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
    offer = application.offer
    _mail(
        "Stage de votre enfant : votre accord est demandé",
        (
            f"Bonjour,\n\n{application.pupil.get_full_name() or 'Votre enfant'} souhaite faire un stage :\n"
            f"{offer.title} chez {offer.host_name}, {offer.commune.name}, "
            f"du {offer.starts_on:%d/%m/%Y} au {offer.ends_on:%d/%m/%Y}.\n\n"
            f"Pour donner votre accord ou refuser, ouvrez ce lien (valable 21 jours) :\n{link}\n"
        ),
        [consent.parent_email],
    )


def working_hours(starts_on: dt.date, ends_on: dt.date) -> Decimal:
    days = sum(1 for i in range((ends_on - starts_on).days + 1) if (starts_on + dt.timedelta(days=i)).weekday() < 5)
    return min(Decimal(days) * HOURS_PER_DAY, MAX_CREDITED_HOURS)


# ---------------------------------------------------------------- offers
def _check_neutrality(offer: PlacementOffer) -> list[str]:
    text = "\n".join([offer.title, offer.job_label, offer.description, offer.accessibility_note])
    return [getattr(issue, "reason", str(issue)) for issue in check_text(text)]


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
    _clean(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_update(*, actor, offer: PlacementOffer, **fields) -> PlacementOffer:
    offer = PlacementOffer.objects.select_for_update().get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    for name, value in fields.items():
        if name not in OFFER_EDITABLE_FIELDS:
            raise TypeError(f"unexpected field {name}")
        setattr(offer, name, value)
    if "commune" in fields and "latitude" not in fields:
        offer.latitude, offer.longitude = offer.commune.latitude, offer.commune.longitude
    _resolve_job(offer)
    if offer.status == OfferStatus.PUBLISHED:
        issues = _check_neutrality(offer)
        if issues:
            offer.status, offer.is_flagged, offer.moderation_note = OfferStatus.DRAFT, True, "\n".join(issues)
    _clean(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_publish(*, actor, offer: PlacementOffer) -> PlacementOffer:
    """Publish, unless the neutrality check finds a problem: then the offer waits for a coordinator."""
    offer = PlacementOffer.objects.select_for_update().get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    if offer.status == OfferStatus.CLOSED:
        raise DomainError("Cette offre est fermée.")
    if offer.ends_on < timezone.localdate():
        raise DomainError("Les dates de ce stage sont passées : modifiez-les avant de publier.")
    issues = _check_neutrality(offer)
    if issues:
        offer.is_flagged, offer.moderation_note = True, "\n".join(issues)
    elif not offer.is_flagged:
        offer.status = OfferStatus.PUBLISHED
    _clean(offer)
    offer.save()
    return offer


@transaction.atomic
def offer_close(*, actor, offer: PlacementOffer) -> PlacementOffer:
    offer = PlacementOffer.objects.select_for_update().get(pk=offer.pk)
    if not permissions.can_manage_offer(actor, offer):
        raise PermissionDeniedError()
    offer.status = OfferStatus.CLOSED
    _clean(offer)
    offer.save(update_fields=["status", "updated_at"])
    return offer


@transaction.atomic
def offer_moderation_clear(*, actor, offer: PlacementOffer, publish: bool = True) -> PlacementOffer:
    """A coordinator reviewed a flagged offer: clear the flag (and publish it) or close it."""
    offer = PlacementOffer.objects.select_for_update().select_related("commune__department__academy").get(pk=offer.pk)
    if not permissions.can_moderate(actor, offer):
        raise PermissionDeniedError()
    offer.is_flagged = False
    offer.moderation_note = f"Relue par {_label(actor)} le {timezone.localdate():%d/%m/%Y}."
    offer.status = OfferStatus.PUBLISHED if publish else OfferStatus.CLOSED
    _clean(offer)
    offer.save()
    offer.reports.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=actor)
    return offer


@transaction.atomic
def offer_report(*, actor, offer: PlacementOffer, reason: str) -> OfferReport:
    if not actor.is_authenticated:
        raise PermissionDeniedError("Connectez-vous pour signaler une offre.")
    report = OfferReport(offer=offer, reported_by=actor, reason=reason.strip())
    _clean(report)
    report.save()
    return report


# ---------------------------------------------------------------- applications
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
    _clean(application)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:
        raise DomainError("Vous avez déjà une candidature en cours pour cette offre.") from exc
    ApplicationStatusLog.objects.create(
        application=application, action="submit", to_status=application.status, actor=actor, actor_label=_label(actor)
    )
    if is_minor:
        consent = ParentalConsent(application=application, parent_email=parent_email.strip().lower())
        _clean(consent)
        consent.save()
        _send_consent_link(consent)
    else:
        _mail(
            "Une candidature de stage attend votre validation",
            f"{_label(actor)} candidate à « {offer.title} » ({offer.host_name}).",
            _staff_emails(establishment.pk),
        )
    return application


@transaction.atomic
def consent_answer(*, consent: ParentalConsent, give: bool, parent_name: str) -> ParentalConsent:
    """The parent answers from the signed link (no account: the name typed is recorded)."""
    parent_name = parent_name.strip()
    if not parent_name:
        raise DomainError("Écrivez votre nom et prénom.", field="parent_name")
    consent = ParentalConsent.objects.select_for_update().get(pk=consent.pk)
    if consent.decision != ConsentDecision.PENDING:
        raise DomainError("Vous avez déjà répondu. Merci.")
    application = _lock_application(consent.application)
    _transition(
        application,
        "consent" if give else "refuse_consent",
        actor=None,
        actor_label=f"{parent_name} (parent)",
    )
    consent.decision = ConsentDecision.GIVEN if give else ConsentDecision.REFUSED
    consent.parent_name, consent.decided_at = parent_name[:150], timezone.now()
    _clean(consent)
    consent.save()
    if give:
        _mail(
            "Une candidature de stage attend votre validation",
            f"{_label(application.pupil)} candidate à « {application.offer.title} » ; son parent a donné son accord.",
            _staff_emails(application.establishment_id),
        )
    _mail(
        "Réponse de votre parent pour le stage",
        f"Votre parent a {'donné son accord' if give else 'refusé'} pour « {application.offer.title} ».",
        [application.pupil.email],
    )
    return consent


@transaction.atomic
def consent_resend(*, actor, application: Application, parent_email: str = "") -> ParentalConsent:
    """The pupil sends the consent link again (lost or expired), optionally to another address."""
    application = _lock_application(application)
    if not permissions.can_withdraw(actor, application):
        raise PermissionDeniedError("Seul l'élève peut renvoyer le lien à son parent.")
    if not application.is_minor or application.status != ApplicationStatus.SUBMITTED:
        raise DomainError("Aucun accord de parent n'est attendu pour cette candidature.")
    consent = ParentalConsent.objects.select_for_update().get(application=application)
    if parent_email.strip():
        consent.parent_email = parent_email.strip().lower()
        _clean(consent)
        consent.save(update_fields=["parent_email", "updated_at"])
    _send_consent_link(consent)
    return consent


@transaction.atomic
def application_validate(*, actor, application: Application) -> Application:
    application = _lock_application(application)
    if not permissions.can_validate(actor, application):
        raise PermissionDeniedError("Seule l'équipe de l'établissement de l'élève peut valider.")
    if application.is_minor and application.status == ApplicationStatus.SUBMITTED:
        raise DomainError("L'accord du parent est attendu avant la validation.")
    _transition(application, "validate", actor=actor, actor_label=_label(actor))
    _mail(
        "Nouvelle candidature pour votre offre de stage",
        f"{_label(application.pupil)} candidate à « {application.offer.title} ». L'établissement a validé.",
        _host_emails(application.offer),
    )
    return application


@transaction.atomic
def application_accept(
    *, actor, application: Application, message: str = "", today: dt.date | None = None
) -> Application:
    """Take one place under a row lock on the offer; the constraints refuse any over-allocation."""
    today = today or timezone.localdate()
    offer = PlacementOffer.objects.select_for_update().get(pk=application.offer_id)
    application = _lock_application(application)
    if not permissions.can_decide(actor, application):
        raise PermissionDeniedError("Seule l'entreprise d'accueil peut accepter.")
    if target_status("accept", application.status) is None:
        raise DomainError(f"Action impossible : la candidature est à l'étape « {application.get_status_display()} ».")
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
    application.host_message = message.strip()
    _transition(application, "accept", actor=actor, actor_label=_label(actor), message=message.strip())
    agreement = Agreement(
        application=application,
        reference=f"CONV-{today:%Y}-{application.pk:06d}",
        hours=working_hours(offer.starts_on, offer.ends_on),
    )
    _clean(agreement)
    agreement.save()
    recipients = [application.pupil.email, *_staff_emails(application.establishment_id)]
    if application.is_minor:
        recipients.append(application.consent.parent_email)
        _send_consent_link(application.consent)
    _mail(
        "Stage accepté : la convention est prête à signer",
        f"{offer.host_name} accepte {_label(application.pupil)} pour « {offer.title} ». "
        f"La convention {agreement.reference} est prête à signer.\n{message.strip()}",
        recipients,
    )
    return application


@transaction.atomic
def application_refuse(*, actor, application: Application, message: str) -> Application:
    application = _lock_application(application)
    if not permissions.can_decide(actor, application):
        raise PermissionDeniedError("Seule l'entreprise d'accueil peut refuser.")
    if not message.strip():
        raise DomainError("Expliquez en quelques mots pourquoi vous refusez.", field="message")
    application.host_message = message.strip()
    _transition(application, "refuse", actor=actor, actor_label=_label(actor), message=message.strip())
    _mail(
        "Réponse à votre candidature de stage",
        f"{application.offer.host_name} ne peut pas vous accueillir pour « {application.offer.title} ».\n"
        f"Son message : {message.strip()}",
        [application.pupil.email],
    )
    return application


@transaction.atomic
def application_withdraw(*, actor, application: Application, reason: str = "") -> Application:
    application = _lock_application(application)
    if not permissions.can_withdraw(actor, application):
        raise PermissionDeniedError("Seul l'élève peut retirer sa candidature.")
    if target_status("withdraw", application.status) is None:
        raise DomainError("Cette candidature ne peut plus être retirée.")
    reached_host = application.status in (ApplicationStatus.VALIDATED, ApplicationStatus.ACCEPTED)
    _release_place(application)
    _transition(application, "withdraw", actor=actor, actor_label=_label(actor), message=reason.strip())
    _mail(
        "Candidature de stage retirée",
        f"{_label(actor)} a retiré sa candidature à « {application.offer.title} ».",
        _host_emails(application.offer) if reached_host else _staff_emails(application.establishment_id),
    )
    return application


@transaction.atomic
def application_cancel(*, actor, application: Application, reason: str) -> Application:
    application = _lock_application(application)
    if not permissions.can_cancel(actor, application):
        raise PermissionDeniedError("Seuls l'établissement et l'entreprise peuvent annuler une candidature.")
    if not reason.strip():
        raise DomainError("Indiquez la raison de l'annulation.", field="reason")
    if target_status("cancel", application.status) is None:
        raise DomainError("Cette candidature ne peut plus être annulée.")
    _release_place(application)
    _transition(application, "cancel", actor=actor, actor_label=_label(actor), message=reason.strip())
    _mail(
        "Candidature de stage annulée",
        f"La candidature à « {application.offer.title} » est annulée. Raison : {reason.strip()}",
        [application.pupil.email],
    )
    return application


@transaction.atomic
def agreement_sign(*, agreement: Agreement, party: str, signer_name: str, actor=None) -> Signature:
    """Record one party's signature; the last one makes the application signed and credits the pathway.

    ``actor`` is the signed-in user; the parent signs from the consent link (``actor`` is None).
    """
    application = _lock_application(agreement.application)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    agreement.application = application
    if application.status != ApplicationStatus.ACCEPTED:
        raise DomainError("Cette convention n'est pas à signer.")
    required = agreement.required_parties()
    if party not in required:
        raise DomainError("Cette partie ne signe pas cette convention.")
    if party == Party.PARENT:
        if actor is not None:
            raise PermissionDeniedError("Le parent signe depuis le lien reçu par courriel.")
    elif actor is None or party not in permissions.parties_for(actor, application):
        raise PermissionDeniedError("Vous ne pouvez pas signer pour cette partie.")
    signer_name = signer_name.strip() or (_label(actor) if actor else "")
    if not signer_name:
        raise DomainError("Écrivez votre nom et prénom.", field="signer_name")
    if agreement.signatures.filter(party=party).exists():
        raise DomainError("Cette partie a déjà signé la convention.")
    signature = Signature(agreement=agreement, party=party, signed_by=actor, signer_name=signer_name[:150])
    _clean(signature)
    signature.save()
    signed = set(agreement.signatures.values_list("party", flat=True))
    if signed >= set(required):
        _transition(application, "sign", actor=actor, actor_label=signer_name)
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
        _mail(
            "Convention de stage signée",
            f"La convention {agreement.reference} est signée par toutes les parties.",
            [application.pupil.email, *_staff_emails(application.establishment_id), *_host_emails(offer)],
        )
    return signature


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
            _mail(
                "Rappel : une candidature de stage attend votre réponse",
                f"{_label(application.pupil)} attend votre réponse pour « {application.offer.title} ».",
                _host_emails(application.offer),
            )
        else:
            _mail(
                "Rappel : une candidature de stage attend votre validation",
                f"{_label(application.pupil)} attend la validation de sa candidature à « {application.offer.title} ».",
                _staff_emails(application.establishment_id),
            )
        application.last_reminded_at = now
        Application.objects.filter(pk=application.pk).update(last_reminded_at=now)
        count += 1
    return count
