"""Model validation in services, and its errors on forms: the one way for both.

A service calls ``validate(instance)`` before saving: the model's field checks and database
constraints run (``full_clean``) and a failure becomes a ``DomainError`` with the French messages,
keeping the field in error so that a form shows the message beside it. A view that calls a service
puts the error on its form with ``add_domain_error(form, exc)``; views never catch ``ValidationError``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from orientation.core.errors import DomainError


def validate(instance, *, exclude: Iterable[str] | None = None) -> None:
    """``instance.full_clean()``, raising ``DomainError`` (all messages, the first field in error)."""
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        field = None
        if hasattr(exc, "error_dict"):
            field = next((name for name in exc.error_dict if name != NON_FIELD_ERRORS), None)
        raise DomainError(" ".join(dict.fromkeys(exc.messages)), field=field) from exc


def add_domain_error(form, exc: DomainError, *, renames: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form: beside its field when the form has it, else on top.
    ``renames`` maps a service's field to the form's name for it (``{"password": "password1"}``)."""
    field = (renames or {}).get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)
