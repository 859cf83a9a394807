"""What the placement services share: validation, mail, the application row lock and its logged transition."""

from __future__ import annotations

from django.conf import settings

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
def _mail_context(application: Application, **extra) -> dict:
    """What placement e-mails show: the pupil by name only (never their address, nor anyone else's)."""
    return {"offer": application.offer, "pupil_name": application.pupil.get_full_name() or "un élève", **extra}


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
