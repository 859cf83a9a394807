from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from orientation.events.enums import EventStatus, RegistrationStatus
from orientation.events.models import ClassRegistration, Event, Session
from orientation.events.services import class_registration_create
from orientation.schooling.models import ActivityRecord
from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import CommuneFactory, DepartmentFactory, school_day, school_moment

pytestmark = pytest.mark.django_db


# --- agenda ----------------------------------------------------------------------------------


def test_agenda_is_public_and_lists_upcoming_sessions_of_published_events(client, forum_session):
    draft_session = SessionFactory(event=EventFactory(draft=True, title="Brouillon secret"))
    past = SessionFactory(event=EventFactory(title="Forum passé"), past=True)
    response = client.get(reverse("events:agenda"))
    assert response.status_code == 200
    sessions = list(response.context["sessions"])
    assert sessions == [forum_session]
    assert draft_session not in sessions
    assert past not in sessions
    body = response.content.decode()
    assert "Forum régional des métiers" in body
    assert "60 places sur 60" in body


def test_agenda_filters_by_date_place_and_level(client, coordinator):
    aisne = DepartmentFactory(aisne=True)
    rozoy = CommuneFactory(insee_code="02666", name="Rozoy-sur-Serre", department=aisne, rural=True)
    lille = CommuneFactory(lille=True)
    college_event = EventFactory(organiser=coordinator, title="Bus", levels=["3E"])
    lycee_event = EventFactory(organiser=coordinator, title="Forum lycée", levels=["2NDE_PRO"])
    open_event = EventFactory(organiser=coordinator, title="Semaine ouverte")
    soon = timezone.localtime() + timedelta(days=3)
    later = timezone.localtime() + timedelta(days=40)
    bus_session = SessionFactory(event=college_event, commune=rozoy, starts_at=soon, ends_at=soon + timedelta(hours=2))
    forum_session = SessionFactory(
        event=lycee_event, commune=lille, starts_at=later, ends_at=later + timedelta(hours=2)
    )
    open_session = SessionFactory(event=open_event, commune=lille, starts_at=soon, ends_at=soon + timedelta(hours=1))

    def listed(**params):
        response = client.get(reverse("events:agenda"), params)
        assert response.status_code == 200
        return set(response.context["sessions"])

    assert listed(department="02") == {bus_session}
    assert listed(commune="59350") == {forum_session, open_session}
    assert listed(level="3E") == {bus_session, open_session}
    assert listed(level="2NDE_PRO") == {forum_session, open_session}
    later_day = later.date()
    assert listed(date_from=later_day.isoformat()) == {forum_session}
    assert listed(date_to=(soon.date()).isoformat()) == {bus_session, open_session}


def test_agenda_reports_bad_dates_in_french(client, forum_session):
    response = client.get(reverse("events:agenda"), {"date_from": "2027-03-10", "date_to": "2027-03-01"})
    assert response.status_code == 200
    assert "Cette date doit suivre la date de début." in response.content.decode()


def test_agenda_query_count_is_pinned(client, django_assert_num_queries, coordinator):
    for i in range(6):
        SessionFactory(event=EventFactory(organiser=coordinator, levels=["3E", "4E"], title=f"Forum {i}"))
    # departments + communes (filter choices), count, sessions, levels prefetch
    with django_assert_num_queries(5):
        response = client.get(reverse("events:agenda"))
    assert len(response.context["sessions"]) == 6


def test_agenda_paginates_and_keeps_filters(client, coordinator):
    event = EventFactory(organiser=coordinator)
    for _ in range(25):
        SessionFactory(event=event)
    response = client.get(reverse("events:agenda"), {"kind": "FORUM"})
    body = response.content.decode()
    assert "Page 1 sur 2" in body
    assert "?kind=FORUM&amp;page=2" in body


# --- event page and calendars ------------------------------------------------------------------


def test_event_page_shows_sessions_and_remaining_seats(client, forum, forum_session, head, bac_pro_class):
    class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    response = client.get(reverse("events:detail", args=[forum.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "36 / 60" in body
    assert "Seconde professionnelle" in body
    assert "Inscrire une classe" not in body  # anonymous visitor


def test_staff_see_the_register_link(client, forum, forum_session, head):
    client.force_login(head.user)
    body = client.get(reverse("events:detail", args=[forum.pk])).content.decode()
    assert reverse("events:register_class", args=[forum_session.pk]) in body


def test_draft_event_is_hidden_from_the_public_but_not_from_its_organiser(client, coordinator):
    draft = EventFactory(organiser=coordinator, draft=True)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    client.force_login(MembershipFactory(coordinator=True).user)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 200


def test_session_and_event_ics(client, forum, forum_session):
    SessionFactory(event=forum)
    response = client.get(reverse("events:session_ics", args=[forum_session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["summary"]) == "Forum régional des métiers"
    assert "Grand Palais" in str(events[0]["location"])
    assert events[0].decoded("dtstart") == forum_session.starts_at

    response = client.get(reverse("events:event_ics", args=[forum.pk]))
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) == 2


def test_ics_of_a_draft_is_not_found(client):
    session = SessionFactory(event=EventFactory(draft=True))
    assert client.get(reverse("events:session_ics", args=[session.pk])).status_code == 404
    assert client.get(reverse("events:event_ics", args=[session.event.pk])).status_code == 404


# --- staff registering classes (journey 6) --------------------------------------------------------


def test_head_registers_three_classes_for_the_regional_forum(client, forum_session, head):
    classes = [
        SchoolClassFactory(establishment=head.establishment, level="2NDE_PRO", name=name, size=18)
        for name in ("2nde MELEC", "2nde MRC", "1re AGORA")
    ]
    client.force_login(head.user)
    url = reverse("events:register_class", args=[forum_session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "2nde MELEC — Seconde professionnelle (18 élèves)" in page.content.decode()
    for school_class in classes:
        response = client.post(url, {"school_class": school_class.pk})
        assert response.status_code == 302
    forum_session.refresh_from_db()
    assert forum_session.registered_seats == 54
    listing = client.get(reverse("events:my_registrations")).content.decode()
    assert listing.count("Inscrite") == 3


def test_full_session_redisplays_the_form_with_a_french_error(client, head):
    session = SessionFactory(event=EventFactory(), capacity=20)
    big = SchoolClassFactory(establishment=head.establishment, size=25, name="3e A")
    client.force_login(head.user)
    response = client.post(reverse("events:register_class", args=[session.pk]), {"school_class": big.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Il ne reste que 20 place(s)" in body
    assert f'value="{big.pk}" selected' in body
    assert not ClassRegistration.objects.exists()


def test_staff_cannot_post_another_establishments_class(client, forum_session, head):
    foreign = SchoolClassFactory(level="2NDE_PRO")
    client.force_login(head.user)
    response = client.post(reverse("events:register_class", args=[forum_session.pk]), {"school_class": foreign.pk})
    assert response.status_code == 200
    assert "Cette classe ne peut pas être inscrite." in response.content.decode()
    assert not ClassRegistration.objects.exists()


def test_people_without_a_school_cannot_open_the_register_page(client, forum_session):
    client.force_login(MembershipFactory(pupil=True).user)
    assert client.get(reverse("events:register_class", args=[forum_session.pk])).status_code == 403
    client.logout()
    assert client.get(reverse("events:register_class", args=[forum_session.pk])).status_code == 302


def test_cancel_from_my_registrations(client, forum_session, head, bac_pro_class):
    registration = class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    client.force_login(head.user)
    response = client.post(reverse("events:cancel_registration", args=[registration.pk]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert Session.objects.get(pk=forum_session.pk).registered_seats == 0


def test_others_cannot_cancel_and_ids_reveal_nothing(client, forum_session, head, bac_pro_class):
    registration = class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    client.force_login(MembershipFactory().user)
    assert client.post(reverse("events:cancel_registration", args=[registration.pk])).status_code == 404
    assert client.get(reverse("events:cancel_registration", args=[registration.pk])).status_code in (404, 405)


def test_my_registrations_query_count_is_pinned(client, head, django_assert_num_queries, coordinator):
    for i in range(5):
        session = SessionFactory(event=EventFactory(organiser=coordinator))
        school_class = SchoolClassFactory(establishment=head.establishment, name=f"3e {i}")
        class_registration_create(actor=head.user, session=session, school_class=school_class)
    client.force_login(head.user)
    # session, user, staff establishments, registrations
    with django_assert_num_queries(4):
        response = client.get(reverse("events:my_registrations"))
    assert response.content.decode().count("Annuler") == 5


# --- organisers ------------------------------------------------------------------------------


def test_coordinator_creates_an_event_adds_a_session_and_publishes(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:create"),
        {"kind": "FORUM", "title": "Forum de Lille", "organiser_name": "Région", "levels": ["3E", "2NDE_GT"]},
    )
    assert response.status_code == 302
    event = coordinator.organised_events.get()
    CommuneFactory(lille=True)
    start = timezone.localtime(school_moment(30))
    response = client.post(
        reverse("events:session_create", args=[event.pk]),
        {
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": 300,
            "commune": "59350",
            "place_name": "Grand Palais",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert event.sessions.get().starts_at == start
    client.post(reverse("events:status", args=[event.pk]), {"to_status": "PUBLISHED"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED


def test_event_form_keeps_input_and_explains_neutrality_errors_in_the_title(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("events:create"),
        {"kind": "FORUM", "title": "Forum www.pub-exemple.com", "organiser_name": "Région", "description": "Bienvenue"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "lien" in body
    assert "Forum www.pub-exemple.com" in body


def test_held_event_presentation_is_explained_to_its_organiser_and_hidden_from_the_public(client, coordinator):
    client.force_login(coordinator)
    client.post(
        reverse("events:create"),
        {"kind": "FORUM", "title": "Forum", "organiser_name": "Région", "description": "Voir www.pub-exemple.com"},
    )
    event = Event.objects.get()
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "La présentation de votre événement" in page
    assert "lien vers un site" in page
    assert "intervention" not in page.lower()


def test_session_form_errors_are_french(client, forum):
    client.force_login(forum.organiser)
    response = client.post(
        reverse("events:session_create", args=[forum.pk]),
        {"starts_at": "2020-01-01T09:00", "ends_at": "2020-01-01T08:00", "capacity": 0, "commune": "99999"},
    )
    body = response.content.decode()
    assert "La fin doit suivre le début." in body
    assert "La séance doit être dans le futur." in body
    assert "Aucune commune n&#x27;a ce code INSEE." in body


def test_organiser_pages_are_closed_to_others(client, forum, head):
    client.force_login(head.user)
    assert client.get(reverse("events:create")).status_code == 403
    assert client.get(reverse("events:manage", args=[forum.pk])).status_code == 403
    client.force_login(MembershipFactory(coordinator=True).user)
    assert client.get(reverse("events:manage", args=[forum.pk])).status_code == 403
    assert client.post(reverse("events:status", args=[forum.pk]), {"to_status": "CANCELLED"}).status_code == 403


def test_organiser_records_attendance_and_hours_are_credited(client, forum_session, head, bac_pro_class):
    registration = class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    start = timezone.now() - timedelta(days=1)
    Session.objects.filter(pk=forum_session.pk).update(starts_at=start, ends_at=start + timedelta(hours=3))
    client.force_login(forum_session.event.organiser)
    manage = client.get(reverse("events:manage", args=[forum_session.event.pk])).content.decode()
    assert reverse("events:record_attendance", args=[registration.pk]) in manage
    response = client.post(reverse("events:record_attendance", args=[registration.pk]), {"attended": "1"})
    assert response.status_code == 302
    assert ActivityRecord.objects.get(school_class=bac_pro_class).hours == 3


def test_staff_cannot_record_attendance(client, forum_session, head, bac_pro_class):
    registration = class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    client.force_login(head.user)
    assert client.get(reverse("events:record_attendance", args=[registration.pk])).status_code == 404


def test_bus_stop_and_stand_forms(client, coordinator):
    from tests.territory.factories import EstablishmentFactory

    bus = EventFactory(organiser=coordinator, bus=True, draft=True)
    EstablishmentFactory(uai="0020043L", name="Collège Jules Ferry")
    client.force_login(coordinator)
    day = school_day(15).isoformat()
    response = client.post(reverse("events:bus_stop_create", args=[bus.pk]), {"establishment": "0020043L", "day": day})
    assert response.status_code == 302
    assert bus.bus_stops.get().establishment.uai == "0020043L"
    response = client.post(reverse("events:stand_create", args=[bus.pk]), {"kind": "COMPANY", "name": "Boulangerie"})
    assert response.status_code == 200
    assert "selon son type" in response.content.decode()


def test_event_page_query_count_is_pinned(client, forum, django_assert_num_queries):
    from orientation.events import services

    for _ in range(5):
        SessionFactory(event=forum)
    for i in range(3):
        services.stand_create(
            actor=forum.organiser,
            event=forum,
            kind="AMBASSADOR",
            name=f"Ambassadrice {i}",
            ambassador=MembershipFactory(role="AMBASSADOR", establishment=None).user,
        )
    # event, levels, sessions, stands
    with django_assert_num_queries(5):  # + 1: are there outlines to draw the map on?
        response = client.get(reverse("events:detail", args=[forum.pk]))
    assert response.content.decode().count("Agenda (.ics)") == 5


def test_registration_page_of_a_cancelled_event_redirects_with_a_message(client, head, coordinator):
    session = SessionFactory(event=EventFactory(organiser=coordinator, status=EventStatus.CANCELLED))
    client.force_login(head.user)
    response = client.get(reverse("events:register_class", args=[session.pk]), follow=True)
    assert "Les inscriptions ne sont pas ouvertes" in response.content.decode()


def test_organiser_edits_the_event_and_the_capacity(client, forum, forum_session, head, bac_pro_class):
    class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    client.force_login(forum.organiser)
    page = client.get(reverse("events:edit", args=[forum.pk])).content.decode()
    assert 'value="Forum régional des métiers"' in page
    response = client.post(
        reverse("events:edit", args=[forum.pk]),
        {"kind": "FORUM", "title": "Forum 2027", "organiser_name": "Région", "levels": ["2NDE_PRO"]},
    )
    assert response.status_code == 302
    response = client.post(reverse("events:session_capacity", args=[forum_session.pk]), {"capacity": 10})
    assert "24 places sont déjà réservées" in response.content.decode()
    client.post(reverse("events:session_capacity", args=[forum_session.pk]), {"capacity": 80})
    assert Session.objects.get(pk=forum_session.pk).capacity == 80
    client.force_login(head.user)
    assert client.get(reverse("events:session_capacity", args=[forum_session.pk])).status_code == 404
    assert client.get(reverse("events:edit", args=[forum.pk])).status_code == 403
