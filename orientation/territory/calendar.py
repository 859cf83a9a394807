"""The school calendar: on which days a school is open, and why it is closed on the others.

One service for every date the platform proposes or accepts (interventions, proposals, event
sessions and bus stops, placements). A school is closed on Saturdays and Sundays, on French public
holidays (the ``holidays`` package) and during the school holidays of its académie's zone A, B or C
(the ``vacances-scolaires-france`` package, built from the Ministry's official calendar). The zone
of each académie is data (``Academy.holiday_zone``, filled from ``data/academy_holiday_zones.csv``
at import), never code.

An event may explicitly open on a Saturday (a forum): ``allow_saturday=True``. Sundays, public
holidays and school holidays stay closed.

Beyond the years the school-holiday data covers, only weekends and public holidays are known: the
calendar says so (``knows_school_holidays``) rather than pretending a day is open.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import holidays
from vacances_scolaires_france import SchoolHolidayDates, UnsupportedYearException

from orientation.core.errors import DomainError
from orientation.core.formats import long_date

ZONES = ("A", "B", "C")
ZONES_FILE = Path(__file__).parent / "data" / "academy_holiday_zones.csv"
WEEKDAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Search horizon of next_open_day: the longest closure (summer holidays) is under 9 weeks.
MAX_CLOSED_RUN = 100


@cache
def academy_zones() -> dict[str, str]:
    """Académie code ("09") → school-holiday zone ("B"), from the Ministry's calendar."""
    with ZONES_FILE.open(encoding="utf-8", newline="") as handle:
        return {row["code_academie"]: row["zone"] for row in csv.DictReader(handle)}


def zone_of_academy(code: str) -> str:
    """The zone of an académie by its code; "" for one outside the three metropolitan zones."""
    return academy_zones().get(code, "")


@cache
def _school_holidays() -> SchoolHolidayDates:
    return SchoolHolidayDates()


@cache
def _public_holidays(year: int) -> dict[datetime.date, str]:
    return dict(holidays.country_holidays("FR", years=year, language="fr").items())


@dataclass(frozen=True)
class SchoolCalendar:
    """The calendar of the schools of one zone ("" when the zone is unknown: weekends and public
    holidays only)."""

    zone: str = ""

    def __post_init__(self) -> None:
        if self.zone and self.zone not in ZONES:
            raise ValueError(f"zone de vacances inconnue : {self.zone!r}")

    def knows_school_holidays(self, day: datetime.date) -> bool:
        if not self.zone:
            return False
        data = _school_holidays()
        return data.min_year <= day.year <= data.max_year

    def public_holiday(self, day: datetime.date) -> str:
        """The public holiday's name ("Noël"), or ""."""
        return _public_holidays(day.year).get(day, "")

    def school_holiday(self, day: datetime.date) -> str:
        """The school holiday's name ("Vacances de Noël") in this zone, or ""."""
        if not self.knows_school_holidays(day):
            return ""
        try:
            if _school_holidays().is_holiday_for_zone(day, self.zone):
                return _school_holidays().data[day]["nom_vacances"]
        except UnsupportedYearException:
            return ""
        return ""

    def closure(self, day: datetime.date, *, allow_saturday: bool = False) -> str:
        """Why schools are closed that day, in plain words ("" when they are open)."""
        weekday = day.weekday()
        if weekday == 6 or (weekday == 5 and not allow_saturday):
            return WEEKDAY_NAMES[weekday]
        public = self.public_holiday(day)
        if public:
            return f"jour férié ({public})"
        school = self.school_holiday(day)
        if school:
            return f"{school[0].lower()}{school[1:]} (zone {self.zone})"
        return ""

    def is_open(self, day: datetime.date, *, allow_saturday: bool = False) -> bool:
        return not self.closure(day, allow_saturday=allow_saturday)

    def next_open_day(self, day: datetime.date, *, allow_saturday: bool = False) -> datetime.date:
        """``day`` itself when open, otherwise the first open day after it."""
        for offset in range(MAX_CLOSED_RUN):
            candidate = day + datetime.timedelta(days=offset)
            if self.is_open(candidate, allow_saturday=allow_saturday):
                return candidate
        raise ValueError(f"aucun jour d'ouverture dans les {MAX_CLOSED_RUN} jours après le {day:%d/%m/%Y}")

    def open_days(
        self, start: datetime.date, end: datetime.date, *, allow_saturday: bool = False
    ) -> Iterator[datetime.date]:
        """The open days from ``start`` to ``end`` included."""
        day = start
        while day <= end:
            if self.is_open(day, allow_saturday=allow_saturday):
                yield day
            day += datetime.timedelta(days=1)


def calendar_for(place) -> SchoolCalendar:
    """The calendar of an establishment or a commune: its académie's zone (reads commune →
    département → académie; select_related them when calling it in a loop)."""
    commune = getattr(place, "commune", place)
    return SchoolCalendar(commune.department.academy.holiday_zone)


def require_school_day(place, day: datetime.date, *, allow_saturday: bool = False, field: str | None = None) -> None:
    """Refuse, in plain words, a date on which the schools of ``place`` do not have classes."""
    if closure := calendar_for(place).closure(day, allow_saturday=allow_saturday):
        raise DomainError(
            f"Le {long_date(day)} est un jour sans classe : {closure}. Choisissez un autre jour.", field=field
        )
