"""Dates, durations and numbers written for people, the French way, in one place."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format


def long_date(day: datetime.date) -> str:
    """« 1er février 2027 », « 23 décembre 2026 »."""
    text = date_format(day, "j F Y")
    return f"1er{text[1:]}" if day.day == 1 else text
