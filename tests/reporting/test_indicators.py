"""Every indicator on hand-built records (see conftest) where the answer is known."""

import datetime

import pytest

from orientation.reporting.indicators import compute
from orientation.reporting.scope import Scope, parse_period
from tests.reporting.conftest import YEAR

TODAY = datetime.date(2027, 8, 31)


def nord(world):
    return Scope("department", world.nord.code, "Nord")


def figures(world, period=None, scope=None):
    steering = compute(scope or nord(world), period or parse_period(YEAR), today=TODAY)
    return steering, steering.by_code()


@pytest.mark.django_db
def test_reach_of_the_year_with_its_equity_splits(world):
    _steering, f = figures(world)
    assert f["establishments_reached"].value == 2
    assert f["establishments_reached"].by_priority_network == {"REP_PLUS": 1, "REP": 0, "NONE": 1}
    assert f["establishments_reached"].by_urban_class == {"URBAN": 1, "RURAL": 1, "UNKNOWN": 0}
    assert f["classes_reached"].value == 3
    # A1 (24) + A2 (one pupil credited individually) + B1 (18)
    assert f["pupils_reached"].value == 43
    assert f["pupils_reached"].by_priority_network == {"REP_PLUS": 25, "REP": 0, "NONE": 18}
    assert f["pupils_reached"].by_urban_class == {"URBAN": 25, "RURAL": 18, "UNKNOWN": 0}
    # Class credits only: 2 + 3 (A1) + 4 (B1); last year's hour and the Pas-de-Calais' 5 h excluded.
    assert f["hours_delivered"].value == 9
    assert f["hours_delivered"].by_priority_network["REP_PLUS"] == 5


@pytest.mark.django_db
def test_interventions_ambassadors_events_placements_and_satisfaction(world):
    steering, f = figures(world)
    assert f["interventions_done"].value == 2
    assert f["interventions_done"].by_priority_network == {"REP_PLUS": 1, "REP": 0, "NONE": 1}
    assert f["interventions_counter_stereotype"].value == 1
    assert f["interventions_counter_stereotype"].by_urban_class["URBAN"] == 1
    assert f["ambassadors_active"].value == 2
    assert (f["girls_counter_stereotype"].value, f["boys_counter_stereotype"].value) == (2, 1)
    assert f["girls_counter_stereotype"].by_priority_network["REP_PLUS"] == 2
    assert f["event_registrations"].value == 2
    assert f["event_attendance"].value == 24
    assert f["event_attendance"].by_urban_class == {"URBAN": 24, "RURAL": 0, "UNKNOWN": 0}
    assert f["placements_signed"].value == 1
    assert f["pupils_without_placement"].value == 1
    assert f["pupils_without_placement"].by_urban_class["RURAL"] == 1
    assert f["teacher_rating"].value == 4
    statuses = dict(map(tuple, steering.table("interventions_by_status").rows))
    assert statuses == {"Réalisée": 1, "Évaluée": 1, "Annulée": 1}
    labels = {row[0]: row[1:] for row in steering.table("entrepreneurship").rows}
    assert labels["IDEE"] == [1, 0]
    assert labels["PEPITE"] == [0, 1]
    objectives = {row[1]: row[2] for row in steering.table("objectives").rows}
    assert sum(objectives.values()) == 2


@pytest.mark.django_db
def test_statutory_hours_on_track_at_the_end_of_the_year(world):
    # 3e classes need 36 h, 4e 12 h: nobody in the Nord is on track with at most 5 h.
    _steering, f = figures(world)
    assert f["classes_on_track"].value == 0


@pytest.mark.django_db
def test_a_period_keeps_only_what_happened_in_it(world):
    period = parse_period(YEAR, "2027-01-01", "2027-06-30")
    _steering, f = figures(world, period)
    assert f["establishments_reached"].value == 2
    assert f["classes_reached"].value == 2
    assert f["pupils_reached"].value == 42
    assert f["hours_delivered"].value == 7
    assert f["interventions_done"].value == 1
    assert f["interventions_done"].by_priority_network["NONE"] == 1
    assert f["ambassadors_active"].value == 1


@pytest.mark.django_db
def test_wider_scopes_add_the_other_department(world):
    _steering, f = figures(world, scope=Scope("academy", world.academy.code, world.academy.name))
    assert f["establishments_reached"].value == 3
    assert f["hours_delivered"].value == 14
    assert f["interventions_done"].value == 3
    one = Scope("establishment", world.b.uai, world.b.name)
    _steering, f = figures(world, scope=one)
    assert (f["classes_reached"].value, f["hours_delivered"].value) == (1, 4)
