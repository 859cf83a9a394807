"""The one way to send e-mail: ``notify``.

Each message goes to ONE person (To holds their address alone, no Cc, no Bcc), so nobody ever sees
another person's address (a minor's address is never shown to a company). Messages leave only once
the current transaction has committed: a rolled-back write sends nothing. Each message is then sent by
a background task (``core.tasks.send_email``): a request never waits for the mail server, and a message
the server refuses is retried by the worker (see ``core.background``).

Subject and body come from templates in the sending app, ``<app>/templates/<app>/emails/``:
``notify(recipients=[user.email], template="events/emails/registration_confirmed", context={...})``
renders ``events/emails/registration_confirmed_subject.txt`` (one line) and
``events/emails/registration_confirmed.txt`` (the plain-text body).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.template import Context, engines

logger = logging.getLogger(__name__)


def _address(recipient) -> str:
    """A recipient is an address or anything with an ``email`` attribute (a user)."""
    return (getattr(recipient, "email", recipient) or "").strip()


def notify(*, recipients: Iterable, template: str, context: dict | None = None) -> int:
    """Queue one message per distinct recipient, sent after commit. Returns how many were queued."""
    seen: dict[str, str] = {}
    for recipient in recipients:
        address = _address(recipient)
        if address:
            seen.setdefault(address.lower(), address)
    if not seen:
        return 0
    context = {"platform_name": settings.ORIENTATION_PLATFORM_NAME, **(context or {})}
    subject = " ".join(_render(f"{template}_subject.txt", context).split())
    body = _render(f"{template}.txt", context)
    addresses = sorted(seen.values())
    transaction.on_commit(lambda: _enqueue(subject, body, addresses))
    return len(addresses)


def _render(name: str, context: dict) -> str:
    """Plain text: no HTML escaping (« l'événement » must not arrive as « l&#x27;événement »)."""
    return engines["django"].engine.get_template(name).render(Context(context, autoescape=False))


def _enqueue(subject: str, body: str, addresses: list[str]) -> None:
    """One task per message: one refused address does not stop the others. The write is already
    committed, so a queueing failure is logged rather than turned into an error page."""
    from orientation.core.tasks import send_email

    for address in addresses:
        try:
            send_email.enqueue(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=address)
        except Exception:
            logger.exception("E-mail « %s » not queued", subject)
