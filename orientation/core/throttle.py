"""Throttles: how often a network, an address or a person may do something.

One counter per (scope, key) in the database (``ThrottleCounter``), so that every app server
behind the reverse proxy shares it without a cache server. Limits come from
``settings.ORIENTATION_THROTTLES``: ``scope -> (limit, seconds)``.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone

from orientation.core.models import ThrottleCounter


def client_ip(request) -> str:
    """The client's address: the one the reverse proxy reports when it is configured to, else the peer's."""
    header = settings.ORIENTATION_CLIENT_IP_HEADER
    if header:
        # The proxy appends the address it saw last: the only one a client cannot forge.
        forwarded = request.META.get(header, "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _rate(scope: str) -> tuple[int, timedelta]:
    limit, seconds = settings.ORIENTATION_THROTTLES[scope]
    return limit, timedelta(seconds=seconds)


def throttle_allow(*, scope: str, key: str) -> bool:
    """Count one use of ``key`` in ``scope``; False (and not counted) once the limit is reached."""
    limit, period = _rate(scope)
    now = timezone.now()
    with transaction.atomic():
        counter, created = ThrottleCounter.objects.select_for_update().get_or_create(
            scope=scope, key=_digest(key), defaults={"count": 1, "window_ends_at": now + period}
        )
        if created:
            return True
        if counter.window_ends_at <= now:
            counter.count, counter.window_ends_at = 1, now + period
        elif counter.count >= limit:
            return False
        else:
            counter.count += 1
        counter.save(update_fields=["count", "window_ends_at"])
        return True


def throttle_exceeded(*, scope: str, key: str) -> bool:
    """Whether ``key`` already used up ``scope`` in the current window (nothing counted)."""
    limit, _ = _rate(scope)
    return ThrottleCounter.objects.filter(
        scope=scope, key=_digest(key), window_ends_at__gt=timezone.now(), count__gte=limit
    ).exists()


def throttle_clear(*, scope: str, key: str) -> None:
    ThrottleCounter.objects.filter(scope=scope, key=_digest(key)).delete()


def throttle_purge(*, now=None) -> int:
    """Delete the counters whose window has ended (run from the daily clean-up)."""
    return ThrottleCounter.objects.filter(window_ends_at__lte=now or timezone.now()).delete()[0]


def throttled_per_ip(scope: str):
    """View decorator: at most the scope's limit of requests per client address, then a 429 page."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not throttle_allow(scope=scope, key=client_ip(request)):
                return render(request, "core/throttled.html", status=429)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
