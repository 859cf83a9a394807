"""What every app's API operations share to keep the contract their schema states.

- ``session_auth``: the site's own session, for the operations that need a signed-in person. Unlike
  ninja's ``django_auth``, which checks the CSRF token first and so answers an anonymous write 403,
  a request without a signed-in session is answered 401 (as the schema documents), and only a
  signed-in write without its CSRF token is 403.
- ``documented``, ``documented_str``, ``one_of``, ``date_or_empty``, ``IsoDate``: a parameter's
  constraint declared in the schema exactly as the operation enforces it.
"""

import datetime as dt
import re
from typing import Annotated

from ninja.errors import HttpError
from ninja.security import SessionAuth
from ninja.utils import check_csrf
from pydantic import BeforeValidator, WithJsonSchema


class SignedInSession(SessionAuth):
    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(403, "Jeton CSRF absent ou invalide : rechargez la page et réessayez.")
        return request.user


session_auth = SignedInSession()


def documented(**constraints):
    """``json_schema_extra`` for a string parameter that the operation validates itself (to answer a
    French 400 message rather than a bare 422): the schema declares the same constraint
    (``pattern``, ``enum``, ``maxLength``…), so schema and validation agree."""

    def apply(schema: dict) -> None:
        for branch in schema.get("anyOf", [schema]):
            if branch.get("type") == "string":
                branch.update(constraints)

    return apply


def documented_str(**constraints):
    """A path parameter's type: a string the operation validates itself, with the same constraint
    declared in the schema (ninja's ``Path()`` takes no ``json_schema_extra``)."""
    return Annotated[str, WithJsonSchema({"type": "string", **constraints})]


def date_or_empty(schema: dict) -> None:
    """``json_schema_extra`` for an optional date filter: a date (AAAA-MM-JJ) or empty (no filter)."""
    schema["anyOf"] = [{"type": "string", "format": "date"}, {"type": "string", "maxLength": 0}, {"type": "null"}]


def _iso_date(value):
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("date attendue au format AAAA-MM-JJ")
    if not isinstance(value, (str, dt.date)):
        raise ValueError("date attendue au format AAAA-MM-JJ")
    return value


# A date as the schema says (``format: date``): pydantic alone would also take a number of seconds.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def one_of(values) -> dict:
    """The constraint for a value among ``values``; empty means "all", as the filters treat it."""
    return {"enum": ["", *values]}
