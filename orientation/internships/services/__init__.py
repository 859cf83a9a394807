"""Writes for placements, one module per subject: ``offers``, ``applications`` (with the parent's
consent and reminders) and ``agreements``. Every function: keyword-only, one transaction, ``full_clean``,
the actor recorded, mail sent only after commit."""

from orientation.internships.services.agreements import agreement_sign
from orientation.internships.services.applications import (
    CONSENT_SALT,
    application_accept,
    application_cancel,
    application_refuse,
    application_submit,
    application_validate,
    application_withdraw,
    applications_remind,
    consent_answer,
    consent_from_token,
    consent_resend,
    consent_token,
)
from orientation.internships.services.offers import (
    offer_close,
    offer_create,
    offer_moderation_clear,
    offer_publish,
    offer_report,
    offer_update,
)

__all__ = [
    "CONSENT_SALT",
    "agreement_sign",
    "application_accept",
    "application_cancel",
    "application_refuse",
    "application_submit",
    "application_validate",
    "application_withdraw",
    "applications_remind",
    "consent_answer",
    "consent_from_token",
    "consent_resend",
    "consent_token",
    "offer_close",
    "offer_create",
    "offer_moderation_clear",
    "offer_publish",
    "offer_report",
    "offer_update",
]
