"""RFC 5545 calendars (.ics) for events, sessions and interventions.

Callers describe each occurrence with :class:`CalendarEntry`; :func:`build_calendar` returns the
bytes to serve as ``text/calendar``. Times are written in Europe/Paris with its VTIMEZONE block so
that calendar applications show the local time whatever the device's own zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

PARIS = ZoneInfo("Europe/Paris")
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEntry:
    """One occurrence to put in a calendar. ``uid`` must be stable and globally unique."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str = ""
    description: str = ""
    organiser_name: str = ""
    organiser_email: str = ""
    url: str = ""
    cancelled: bool = False


def _paris(value: datetime) -> datetime:
    if timezone.is_naive(value):
        raise ValueError("Les horaires d'un calendrier doivent porter un fuseau horaire.")
    return value.astimezone(PARIS)


def build_calendar(entries: Iterable[CalendarEntry], *, name: str = "") -> bytes:
    """Return an RFC 5545 VCALENDAR containing one VEVENT per entry."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.ORIENTATION_PLATFORM_NAME}//Orientation//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    stamp = datetime.now(UTC)
    for entry in entries:
        if entry.end <= entry.start:
            raise ValueError("La fin d'un événement doit suivre son début.")
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", _paris(entry.start))
        event.add("dtend", _paris(entry.end))
        event.add("summary", entry.summary)
        if entry.location:
            event.add("location", entry.location)
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.organiser_email:
            organiser = vCalAddress(f"mailto:{entry.organiser_email}")
            if entry.organiser_name:
                organiser.params["cn"] = vText(entry.organiser_name)
            event["organizer"] = organiser
        elif entry.organiser_name:
            # ORGANIZER must be a cal-address; without an e-mail the name goes in a comment.
            event.add("comment", f"Organisé par {entry.organiser_name}")
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
