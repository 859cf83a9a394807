from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from orientation.core.ics import CalendarEntry, build_calendar

PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")


def _entry(**overrides):
    values = {
        "uid": "session-1@orientation.example",
        "start": datetime(2027, 3, 12, 9, 0, tzinfo=PARIS),
        "end": datetime(2027, 3, 12, 12, 30, tzinfo=PARIS),
        "summary": "Forum régional des métiers",
        "location": "Grand Palais, 1 boulevard des Cités Unies, Lille",
        "description": "Rencontrez des professionnels, des CFA et des ambassadeurs.",
        "organiser_name": "Région Hauts-de-France",
        "organiser_email": "forum@orientation.example",
    }
    values.update(overrides)
    return CalendarEntry(**values)


def test_calendar_round_trips_through_a_parser():
    raw = build_calendar([_entry()], name="Forum")
    calendar = Calendar.from_ical(raw)

    assert calendar["version"] == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["uid"]) == "session-1@orientation.example"
    assert str(event["summary"]) == "Forum régional des métiers"
    assert str(event["location"]).startswith("Grand Palais")
    assert "ambassadeurs" in str(event["description"])
    assert str(event["organizer"]) == "mailto:forum@orientation.example"
    assert event["organizer"].params["cn"] == "Région Hauts-de-France"
    start = event.decoded("dtstart")
    assert start == datetime(2027, 3, 12, 9, 0, tzinfo=PARIS)
    assert event["dtstart"].params["tzid"] == "Europe/Paris"
    assert event.decoded("dtend") - start == datetime(2027, 3, 12, 12, 30) - datetime(2027, 3, 12, 9, 0)
    assert str(event["status"]) == "CONFIRMED"


def test_calendar_carries_the_paris_timezone_definition():
    raw = build_calendar([_entry()])
    calendar = Calendar.from_ical(raw)
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["tzid"]) for tz in timezones] == ["Europe/Paris"]
    assert raw.count(b"\r\n") > 10  # RFC 5545 lines end with CRLF


def test_utc_times_are_converted_to_paris_local_time():
    raw = build_calendar(
        [_entry(start=datetime(2027, 7, 1, 7, 0, tzinfo=UTC), end=datetime(2027, 7, 1, 8, 0, tzinfo=UTC))]
    )
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert b"DTSTART;TZID=Europe/Paris:20270701T090000" in raw
    assert event.decoded("dtstart").utcoffset().total_seconds() == 2 * 3600


def test_several_entries_make_several_events():
    raw = build_calendar([_entry(uid="a@x"), _entry(uid="b@x", cancelled=True)])
    events = Calendar.from_ical(raw).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == ["a@x", "b@x"]
    assert str(events[1]["status"]) == "CANCELLED"


def test_organiser_without_email_is_named_in_a_comment():
    raw = build_calendar([_entry(organiser_email="")])
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert "organizer" not in event
    assert "Région Hauts-de-France" in str(event["comment"])


def test_naive_or_reversed_times_are_refused():
    with pytest.raises(ValueError, match="fuseau"):
        build_calendar([_entry(start=datetime(2027, 3, 12, 9, 0), end=datetime(2027, 3, 12, 10, 0))])
    with pytest.raises(ValueError, match="suivre"):
        build_calendar([_entry(end=datetime(2027, 3, 12, 8, 0, tzinfo=PARIS))])
