"""The application workflow: every allowed transition, in one visible table.

``action: (statuses it may start from, status it leads to)``. Services look the action up here
under a row lock and write one ``ApplicationStatusLog`` row per transition; nothing else changes
``Application.status``.

    submitted ──consent──▶ consented ──validate──▶ validated ──accept──▶ accepted ──sign──▶ signed
        │  (adults skip consent: submitted ──validate──▶ validated)   └──refuse──▶ refused
        └──refuse_consent──▶ consent_refused
    withdraw (the pupil) and cancel (school, host or parent) from any open step.
"""

from orientation.internships.enums import OPEN_STATUSES, ApplicationStatus

S = ApplicationStatus

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "consent": (frozenset({S.SUBMITTED}), S.CONSENTED),
    "refuse_consent": (frozenset({S.SUBMITTED}), S.CONSENT_REFUSED),
    "validate": (frozenset({S.SUBMITTED, S.CONSENTED}), S.VALIDATED),
    "accept": (frozenset({S.VALIDATED}), S.ACCEPTED),
    "refuse": (frozenset({S.VALIDATED}), S.REFUSED),
    "sign": (frozenset({S.ACCEPTED}), S.SIGNED),
    "withdraw": (frozenset(OPEN_STATUSES), S.WITHDRAWN),
    "cancel": (frozenset(OPEN_STATUSES), S.CANCELLED),
}

ACTION_LABELS = {
    "submit": "Candidature envoyée",
    "consent": "Accord du parent",
    "refuse_consent": "Refus du parent",
    "validate": "Validation par l'établissement",
    "accept": "Acceptation par l'entreprise",
    "refuse": "Refus de l'entreprise",
    "sign": "Convention signée par toutes les parties",
    "withdraw": "Retrait par l'élève",
    "cancel": "Annulation",
    "resend": "Lien renvoyé au parent",
}


def target_status(action: str, current: str) -> str | None:
    """The status ``action`` leads to from ``current``, or None when the table forbids it."""
    sources, target = TRANSITIONS[action]
    return target if current in sources else None
