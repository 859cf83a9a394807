"""Intervention catalogue formats (ambassadors, classes and people come from their own apps' factories)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone

from orientation.interventions.models import InterventionFormat
from orientation.territory.calendar import SchoolCalendar

PARIS = ZoneInfo("Europe/Paris")


def next_monday(hour=9, weeks=1):
    """A Monday ``weeks`` weeks ahead on which schools are open (later if that one is closed), so that
    no test depends on today's date falling in term time."""
    today = timezone.localdate()
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7) + timedelta(weeks=weeks - 1)
    while not SchoolCalendar("B").is_open(monday):
        monday += timedelta(weeks=1)
    return datetime.combine(monday, time(hour), tzinfo=PARIS)


class InterventionFormatFactory(factory.django.DjangoModelFactory):
    """The class talk of the catalogue: a professional tells about their job for two hours."""

    class Meta:
        model = InterventionFormat
        django_get_or_create = ("code",)

    code = "temoignage"
    name = "Témoignage en classe"
    kind = "CLASS_TALK"
    description = "Un professionnel raconte son métier."
    duration_minutes = 120
    target_levels = factory.LazyFunction(lambda: ["4E", "3E"])
    axis = "1"
    objective = "1.1"
