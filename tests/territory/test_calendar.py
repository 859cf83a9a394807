import datetime

import pytest

from orientation.territory.calendar import SchoolCalendar, calendar_for, zone_of_academy
from orientation.territory.demo_territory import build_demo_territory
from orientation.territory.models import Academy, Establishment
from tests.territory.factories import AcademyFactory, DepartmentFactory, EstablishmentFactory

ZONE_B = SchoolCalendar("B")
D = datetime.date


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (D(2026, 12, 23), "vacances de Noël (zone B)"),  # the demo's first matched date: a Wednesday
        (D(2026, 12, 25), "jour férié (Noël)"),  # a public holiday names itself before the holidays
        (D(2027, 1, 2), "samedi"),
        (D(2027, 2, 22), "vacances d'hiver (zone B)"),
        (D(2027, 3, 5), "vacances d'hiver (zone B)"),
        (D(2027, 5, 1), "samedi"),  # 1 May 2027 is a Saturday…
        (D(2026, 5, 1), "jour férié (Fête du Travail)"),  # …and a Friday in 2026
        (D(2027, 7, 14), "jour férié (Fête nationale)"),
        (D(2027, 5, 17), "jour férié (Lundi de Pentecôte)"),
        (D(2027, 5, 9), "dimanche"),
    ],
)
def test_closed_days_say_why(day, reason):
    assert ZONE_B.closure(day) == reason
    assert not ZONE_B.is_open(day)


@pytest.mark.parametrize("day", [D(2027, 1, 4), D(2027, 1, 12), D(2027, 2, 19), D(2027, 3, 8), D(2026, 12, 18)])
def test_school_days_of_zone_b_are_open(day):
    assert ZONE_B.is_open(day)
    assert ZONE_B.closure(day) == ""


def test_winter_holidays_depend_on_the_zone():
    tuesday = D(2027, 3, 2)
    assert not SchoolCalendar("B").is_open(tuesday)
    assert SchoolCalendar("A").is_open(tuesday)
    assert not SchoolCalendar("A").is_open(D(2027, 2, 16))
    assert SchoolCalendar("B").is_open(D(2027, 2, 16))


def test_a_forum_may_open_on_a_saturday_but_never_on_a_sunday_or_in_the_holidays():
    saturday = D(2027, 1, 16)
    assert not ZONE_B.is_open(saturday)
    assert ZONE_B.is_open(saturday, allow_saturday=True)
    assert not ZONE_B.is_open(D(2027, 1, 17), allow_saturday=True)
    assert not ZONE_B.is_open(D(2026, 12, 26), allow_saturday=True)


def test_next_open_day_skips_the_christmas_holidays():
    assert ZONE_B.next_open_day(D(2026, 12, 21)) == D(2027, 1, 4)
    assert ZONE_B.next_open_day(D(2027, 1, 4)) == D(2027, 1, 4)
    assert ZONE_B.next_open_day(D(2027, 1, 16), allow_saturday=True) == D(2027, 1, 16)


def test_open_days_of_the_week_of_ascension():
    # Thursday is a public holiday and the Friday a "pont" of the national school calendar.
    assert list(ZONE_B.open_days(D(2027, 5, 3), D(2027, 5, 9))) == [D(2027, 5, 3), D(2027, 5, 4), D(2027, 5, 5)]
    assert ZONE_B.closure(D(2027, 5, 6)) == "jour férié (Ascension)"
    assert ZONE_B.closure(D(2027, 5, 7)) == "pont de l'Ascension (zone B)"


def test_no_zone_knows_only_weekends_and_public_holidays():
    unknown = SchoolCalendar()
    assert unknown.is_open(D(2026, 12, 23))
    assert not unknown.is_open(D(2026, 12, 25))
    assert not unknown.knows_school_holidays(D(2026, 12, 23))


def test_years_beyond_the_official_data_are_not_guessed():
    far = D(2040, 12, 24)  # a Monday, inside what would be the Christmas holidays
    assert not ZONE_B.knows_school_holidays(far)
    assert ZONE_B.school_holiday(far) == ""
    assert ZONE_B.closure(D(2040, 12, 25)) == "jour férié (Noël)"


def test_an_unknown_zone_is_refused():
    with pytest.raises(ValueError, match="zone"):
        SchoolCalendar("D")


def test_zones_of_the_academies_come_from_the_ministry_calendar():
    assert zone_of_academy("09") == "B"  # Lille
    assert zone_of_academy("20") == "B"  # Amiens
    assert zone_of_academy("10") == "A"  # Lyon
    assert zone_of_academy("01") == "C"  # Paris
    assert zone_of_academy("99") == ""


@pytest.mark.django_db
def test_an_establishment_follows_its_academys_zone():
    lyon = AcademyFactory(code="10", name="Lyon")
    assert lyon.holiday_zone == "A"
    establishment = EstablishmentFactory(commune__department=DepartmentFactory(code="69", name="Rhône", academy=lyon))
    assert calendar_for(establishment).zone == "A"
    assert calendar_for(establishment).is_open(D(2027, 3, 2))


@pytest.mark.django_db
def test_the_demo_territory_knows_its_zones():
    build_demo_territory()
    assert set(Academy.objects.values_list("holiday_zone", flat=True)) == {"B"}
    establishment = Establishment.objects.select_related("commune__department__academy").first()
    assert not calendar_for(establishment).is_open(D(2026, 12, 23))
