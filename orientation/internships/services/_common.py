"""What the placement services share: validation, mail, the application row lock and its logged transition."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from orientation.core.errors import DomainError
from orientation.core.workflow import transition_apply
from orientation.internships import permissions
from orientation.internships.models import (
    Application,
    PlacementOffer,
)
from orientation.internships.workflow import ACTION_TO, APPLICATION
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership


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
    return APPLICATION.lock(application)


def _transition(
    application: Application, to: str, *, actor, actor_label: str = "", note: str = "", changes=None
) -> Application:
    """Apply one transition of ``workflow.APPLICATION``; returns the locked, updated application."""
    return transition_apply(
        APPLICATION,
        application,
        to=to,
        actor=actor,
        note=note,
        changes=changes,
        action=ACTION_TO[to],
        actor_label=(actor_label or _label(actor))[:150],
    )


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
