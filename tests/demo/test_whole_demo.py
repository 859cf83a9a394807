"""The demo that `make run` builds, whole: every app's demo on the demo territory, twice."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from orientation.events.models import Event, Session
from orientation.internships.models import PlacementOffer
from orientation.interventions.models import RequestWindow
from orientation.territory.calendar import calendar_for
from orientation.territory.demo_territory import build_demo_territory

pytestmark = pytest.mark.django_db


def test_the_whole_demo_builds_twice_and_keeps_to_the_school_calendar():
    build_demo_territory()
    first, second = StringIO(), StringIO()
    call_command("demo_data", stdout=first)
    counts = (Event.objects.count(), Session.objects.count(), RequestWindow.objects.count())
    call_command("demo_data", stdout=second)
    assert (Event.objects.count(), Session.objects.count(), RequestWindow.objects.count()) == counts
    assert counts[0] == 3
    assert counts[2] > 0
    assert PlacementOffer.objects.exists()
    assert "COMPTES DE DÉMONSTRATION" in second.getvalue()

    for window in RequestWindow.objects.select_related("request__establishment__commune__department__academy"):
        day = timezone.localdate(window.starts_at)
        assert calendar_for(window.request.establishment).is_open(day), (window, day)
    for session in Session.objects.select_related("event", "commune__department__academy"):
        day = timezone.localdate(session.starts_at)
        assert calendar_for(session.commune).is_open(day, allow_saturday=session.event.opens_on_saturday), day
