"""Background tasks of the core: sending one e-mail (``notify`` queues one task per message)."""

import logging

from django.core.mail import EmailMessage

from orientation.core.background import background_task

logger = logging.getLogger("orientation.core.notify")


@background_task(max_attempts=5)
def send_email(*, subject: str, body: str, from_email: str, to: str) -> None:
    """Send one message to one address; a failure is logged and raised, so the worker retries it later."""
    try:
        EmailMessage(subject=subject, body=body, from_email=from_email, to=[to]).send()
    except Exception:
        logger.warning("E-mail « %s » not sent; it will be retried", subject)
        raise
