import io

import pytest
from django.utils import timezone

from orientation.events import demo
from orientation.events.models import BusStop, ClassRegistration, Event, Session
from orientation.territory.calendar import SchoolCalendar
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory, SchoolYearFactory
from tests.territory.factories import CommuneFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


def test_demo_builds_the_three_events_once():
    SchoolYearFactory()
    CommuneFactory(lille=True)
    jules_ferry = EstablishmentFactory(jules_ferry_rozoy=True)
    teacher = MembershipFactory(form_teacher=True, establishment=jules_ferry)
    SchoolClassFactory(establishment=jules_ferry, name="3e A", size=22)
    EstablishmentFactory(uai="0620110H", name="Lycée professionnel Auguste Béhal", kind="LYCEE_PRO")
    MembershipFactory(coordinator=True)

    out = io.StringIO()
    demo.build(stdout=out)
    demo.build(stdout=out)

    assert sorted(Event.objects.values_list("title", flat=True)) == sorted(
        [demo.FORUM_TITLE, demo.BUS_TITLE, demo.WEEK_TITLE]
    )
    assert all(e.status == "PUBLISHED" for e in Event.objects.all())
    stop = BusStop.objects.get()
    assert stop.establishment == jules_ferry
    assert stop.day.weekday() < 5
    zone_b = SchoolCalendar("B")
    assert all(zone_b.is_open(timezone.localdate(s.starts_at)) for s in Session.objects.all())
    assert zone_b.is_open(stop.day)
    bus_registration = ClassRegistration.objects.get(session__event__title=demo.BUS_TITLE)
    assert bus_registration.registered_by == teacher.user
    assert ClassRegistration.objects.filter(session__event__title=demo.FORUM_TITLE).count() == 3
