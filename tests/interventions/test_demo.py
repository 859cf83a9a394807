from datetime import date

import pytest
from django.utils import timezone

from orientation.interventions import demo
from tests.territory.factories import AcademyFactory

pytestmark = pytest.mark.django_db


def test_the_demo_week_is_a_whole_week_of_classes(monkeypatch):
    """Run on 30 November 2026, two weeks ahead is the Christmas holidays: the demo waits for January."""
    AcademyFactory()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2026, 11, 30))
    assert demo._next_monday() == date(2027, 1, 4)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: date(2027, 1, 20))
    assert demo._next_monday() == date(2027, 2, 8)
