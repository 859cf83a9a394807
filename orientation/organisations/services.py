"""Writes on organisations: invitations and the memberships they create."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from orientation.accounts.models import User
from orientation.accounts.services import user_create
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.notify import notify
from orientation.core.validation import validate
from orientation.organisations import permissions
from orientation.organisations.enums import STAFF_ROLES, Role
from orientation.organisations.models import Invitation, Membership
from orientation.organisations.selectors import forget_memberships


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("establishment__commune", "department", "academy", "region", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )


def _target_filter(*, establishment, department, academy, region) -> dict:
    return {"establishment": establishment, "department": department, "academy": academy, "region": region}


@transaction.atomic
def invitation_create(
    *,
    inviter: User,
    email: str,
    role: str,
    site_url: str,
    establishment=None,
    department=None,
    academy=None,
    region=None,
) -> Invitation:
    """Invite someone to a staff role (by a head) or a coordinator role (by an administrator).

    A new invitation replaces a pending one for the same person, role and place. The email
    with the link leaves only once the transaction is committed. The returned invitation
    carries the clear token in ``raw_token`` (never stored).
    """
    email = User.objects.normalize_email(email).strip().lower()
    if role in STAFF_ROLES:
        if establishment is None or department or academy or region:
            raise DomainError("Choisissez l'établissement du membre du personnel.")
        if not permissions.can_invite_staff(inviter, establishment, role):
            raise PermissionDeniedError(
                "Seul le chef d'établissement (ou un administrateur) peut inviter le personnel de cet établissement."
            )
    elif role == Role.COORDINATOR:
        if establishment is not None or sum(x is not None for x in (department, academy, region)) != 1:
            raise DomainError("Choisissez un seul périmètre : un département, une académie ou la région.")
        if not permissions.can_invite_coordinator(inviter):
            raise PermissionDeniedError("Seul un administrateur peut inviter un coordinateur.")
    else:
        raise DomainError("On ne peut inviter que du personnel d'établissement ou des coordinateurs.", field="role")

    target = _target_filter(establishment=establishment, department=department, academy=academy, region=region)
    if Membership.objects.active().filter(user__email__iexact=email, role=role, **target).exists():
        raise DomainError("Cette personne a déjà ce rôle à cet endroit.", field="email")

    now = timezone.now()
    Invitation.objects.filter(email=email, role=role, **target).pending(now).update(revoked_at=now, revoked_by=inviter)

    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        role=role,
        invited_by=inviter,
        token_hash=token_hash(token),
        expires_at=now + timedelta(days=settings.ORIENTATION_INVITATION_DAYS),
        **target,
    )
    validate(invitation)
    invitation.save()
    invitation.raw_token = token

    link = site_url.rstrip("/") + reverse("organisations:invitation_accept", kwargs={"token": token})
    notify(
        recipients=[email], template="organisations/emails/invitation", context={"invitation": invitation, "link": link}
    )
    return invitation


def _check_usable(invitation: Invitation) -> None:
    status = invitation.status
    if status == "accepted":
        raise DomainError("Cette invitation a déjà été utilisée.", code="used")
    if status == "revoked":
        raise DomainError("Cette invitation a été annulée.", code="revoked")
    if status == "expired":
        raise DomainError("Cette invitation a expiré.", code="expired")


@transaction.atomic
def invitation_accept(
    *,
    token: str,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> Membership:
    """Accept an invitation: as the signed-in person it was sent to, or by creating the account."""
    found = invitation_by_token(token)
    if found is None:
        raise DomainError("Ce lien d'invitation n'existe pas.", code="unknown")
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=found.pk)
    _check_usable(invitation)

    if user is not None and user.is_authenticated:
        if user.email.lower() != invitation.email:
            raise PermissionDeniedError(
                f"Cette invitation est adressée à {invitation.email}. Connectez-vous avec ce compte-là."
            )
    else:
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise DomainError(
                "Un compte existe déjà avec cette adresse : connectez-vous pour accepter l'invitation.",
                code="account_exists",
            )
        if not first_name.strip() or not last_name.strip():
            raise DomainError("Indiquez votre prénom et votre nom.", field="first_name")
        user = user_create(email=invitation.email, password=password, first_name=first_name, last_name=last_name)

    target = _target_filter(
        establishment=invitation.establishment,
        department=invitation.department,
        academy=invitation.academy,
        region=invitation.region,
    )
    membership = Membership.objects.filter(user=user, role=invitation.role, **target).first()
    if membership is None:
        membership = Membership(user=user, role=invitation.role, **target)
        validate(membership)
        membership.save()
    elif not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])

    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    validate(invitation)
    invitation.save(update_fields=["accepted_at", "accepted_by", "updated_at"])
    forget_memberships(user)
    return membership


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update(of=("self",)).get(pk=invitation.pk)
    if not permissions.can_revoke_invitation(actor, invitation):
        raise PermissionDeniedError("Vous ne pouvez pas annuler cette invitation.")
    if invitation.status != "pending":
        raise DomainError("Seule une invitation en attente peut être annulée.")
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    return invitation


@transaction.atomic
def membership_create(*, user: User, role: str, **target) -> Membership:
    """Give a role to a person (used by the demo data and administrators' tools); idempotent."""
    membership = Membership.objects.filter(user=user, role=role, **target).first()
    if membership is None:
        membership = Membership(user=user, role=role, **target)
        validate(membership)
        membership.save()
    elif not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    forget_memberships(user)
    return membership
