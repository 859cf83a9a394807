import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.events import services
from orientation.events.enums import EventKind, EventStatus, RegistrationStatus, StandKind
from orientation.events.models import ClassRegistration, Session
from orientation.moderation.models import ModerationItem
from orientation.moderation.services import item_decide
from orientation.schooling.models import ActivityRecord
from orientation.territory.calendar import SchoolCalendar
from tests.accounts.factories import UserFactory
from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory
from tests.territory.factories import EstablishmentFactory, school_day, school_moment

pytestmark = pytest.mark.django_db


def _register(head, session, school_class):
    return services.class_registration_create(actor=head.user, session=session, school_class=school_class)


# --- events ----------------------------------------------------------------------------------


def test_coordinator_creates_a_draft_event_with_levels_and_log(coordinator):
    event = services.event_create(
        actor=coordinator,
        kind=EventKind.FORUM,
        title="Forum de Lille",
        organiser_name="Région Hauts-de-France",
        description="Des métiers qui recrutent près de chez vous.",
        levels=["3E", "2NDE_PRO"],
    )
    assert event.status == EventStatus.DRAFT
    assert sorted(event.levels.values_list("level", flat=True)) == ["2NDE_PRO", "3E"]
    assert list(event.status_log.values_list("to_status", "actor")) == [(EventStatus.DRAFT, coordinator.pk)]


def test_only_coordinators_and_administrators_create_events(head):
    with pytest.raises(PermissionDeniedError):
        services.event_create(actor=head.user, kind=EventKind.FORUM, title="Mon forum", organiser_name="Lycée")
    admin = MembershipFactory(administrator=True).user
    assert services.event_create(actor=admin, kind=EventKind.FORUM, title="Forum", organiser_name="Région")


def test_event_description_with_advertising_is_queued_not_refused(coordinator):
    event = services.event_create(
        actor=coordinator,
        kind=EventKind.FORUM,
        title="Forum",
        organiser_name="Région",
        description="Inscrivez-vous sur www.ecole-privee-exemple.fr pour 20 € de réduction",
    )
    assert not event.description_is_published
    assert event.public_description == ""
    item = ModerationItem.objects.get(kind=services.EVENT_DESCRIPTION, object_id=event.pk)
    assert any("lien" in reason for reason in item.reasons)
    item_decide(item=item, actor=coordinator, approve=True)
    event.refresh_from_db()
    assert event.public_description.startswith("Inscrivez-vous")


def test_unknown_level_is_refused(coordinator):
    with pytest.raises(DomainError, match="Niveau inconnu"):
        services.event_create(
            actor=coordinator, kind=EventKind.FORUM, title="Forum", organiser_name="Région", levels=["CM2"]
        )


def test_publishing_needs_a_session_and_follows_the_transition_table(coordinator):
    event = EventFactory(organiser=coordinator, draft=True)
    with pytest.raises(DomainError, match="au moins une séance"):
        services.event_change_status(actor=coordinator, event=event, to_status=EventStatus.PUBLISHED)
    SessionFactory(event=event)
    services.event_change_status(actor=coordinator, event=event, to_status=EventStatus.PUBLISHED)
    services.event_change_status(actor=coordinator, event=event, to_status=EventStatus.DONE)
    with pytest.raises(DomainError, match="Impossible de passer"):
        services.event_change_status(actor=coordinator, event=event, to_status=EventStatus.PUBLISHED)
    assert list(event.status_log.values_list("from_status", "to_status")) == [
        (EventStatus.DRAFT, EventStatus.PUBLISHED),
        (EventStatus.PUBLISHED, EventStatus.DONE),
    ]


def test_only_the_organiser_changes_an_event(forum, head):
    other_coordinator = MembershipFactory(coordinator=True).user
    for actor in (head.user, other_coordinator):
        with pytest.raises(PermissionDeniedError):
            services.event_change_status(actor=actor, event=forum, to_status=EventStatus.CANCELLED)


def test_cancelling_an_event_cancels_registrations_frees_seats_and_mails(
    forum, forum_session, head, bac_pro_class, django_capture_on_commit_callbacks
):
    _register(head, forum_session, bac_pro_class)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_change_status(
            actor=forum.organiser, event=forum, to_status=EventStatus.CANCELLED, note="Alerte météo"
        )
    forum_session.refresh_from_db()
    assert forum_session.registered_seats == 0
    assert ClassRegistration.objects.get().status == RegistrationStatus.CANCELLED
    assert len(mail.outbox) == 1
    assert head.user.email in mail.outbox[0].to
    assert "Alerte météo" in mail.outbox[0].body


# --- sessions, stops, stands ---------------------------------------------------------------------


def test_bus_stops_only_for_the_bus_and_sessions_take_the_stop_place(coordinator):
    forum = EventFactory(organiser=coordinator)
    rozoy = EstablishmentFactory(jules_ferry_rozoy=True)
    day = school_day(20)
    with pytest.raises(DomainError, match="Seul le bus"):
        services.bus_stop_create(actor=coordinator, event=forum, establishment=rozoy, day=day)

    bus = EventFactory(organiser=coordinator, bus=True)
    stop = services.bus_stop_create(actor=coordinator, event=bus, establishment=rozoy, day=day)
    start = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time())).replace(hour=10)
    with pytest.raises(DomainError, match="se rattache à un arrêt"):
        services.session_create(
            actor=coordinator,
            event=bus,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            capacity=30,
            commune=rozoy.commune,
        )
    with pytest.raises(DomainError, match="le jour de l'arrêt"):
        services.session_create(
            actor=coordinator,
            event=bus,
            bus_stop=stop,
            starts_at=start + timedelta(days=1),
            ends_at=start + timedelta(days=1, hours=2),
            capacity=30,
        )
    session = services.session_create(
        actor=coordinator, event=bus, bus_stop=stop, starts_at=start, ends_at=start + timedelta(hours=2), capacity=30
    )
    assert session.establishment == rozoy
    assert session.commune == rozoy.commune


def test_sessions_and_stops_fall_on_school_days_and_a_forum_may_open_on_saturday(forum):
    lille = SessionFactory().commune
    saturday = school_moment(7)
    while saturday.weekday() != 5 or not SchoolCalendar("B").is_open(saturday.date(), allow_saturday=True):
        saturday += timedelta(days=1)
    place = {"capacity": 100, "place_name": "Grand Palais", "commune": lille}
    with pytest.raises(DomainError, match="jour sans classe : samedi"):
        services.session_create(
            actor=forum.organiser, event=forum, starts_at=saturday, ends_at=saturday + timedelta(hours=3), **place
        )
    sunday = saturday + timedelta(days=1)
    services.event_update(
        actor=forum.organiser, event=forum, title=forum.title, organiser_name="Région", opens_on_saturday=True
    )
    forum.refresh_from_db()
    session = services.session_create(
        actor=forum.organiser, event=forum, starts_at=saturday, ends_at=saturday + timedelta(hours=3), **place
    )
    assert session.starts_at == saturday
    with pytest.raises(DomainError, match="jour sans classe : dimanche"):
        services.session_create(
            actor=forum.organiser, event=forum, starts_at=sunday, ends_at=sunday + timedelta(hours=3), **place
        )

    bus = EventFactory(organiser=forum.organiser, bus=True)
    rozoy = EstablishmentFactory(jules_ferry_rozoy=True)
    holiday = school_day(1)
    while holiday.weekday() >= 5 or not SchoolCalendar("B").school_holiday(holiday):
        holiday += timedelta(days=1)
    with pytest.raises(DomainError, match=re.escape(f"jour sans classe : {SchoolCalendar('B').closure(holiday)}.")):
        services.bus_stop_create(actor=forum.organiser, event=bus, establishment=rozoy, day=holiday)


def test_session_dates_and_capacity_are_validated(forum):
    start = school_moment(5)
    with pytest.raises(DomainError, match="La fin de la séance doit suivre son début"):
        services.session_create(
            actor=forum.organiser,
            event=forum,
            starts_at=start,
            ends_at=start - timedelta(hours=1),
            capacity=10,
            place_name="Grand Palais",
            commune=SessionFactory().commune,
        )
    with pytest.raises(DomainError, match="entre 1 et 10 000"):
        services.session_create(
            actor=forum.organiser,
            event=forum,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            capacity=0,
            commune=SessionFactory().commune,
        )


def test_stand_holder_must_match_its_kind(forum):
    cfa = EstablishmentFactory(kind="CFA", name="CFA BTP Lille")
    stand = services.stand_create(
        actor=forum.organiser, event=forum, kind=StandKind.CFA, name="CFA BTP", establishment=cfa
    )
    assert stand.pk
    with pytest.raises(DomainError, match="selon son type"):
        services.stand_create(actor=forum.organiser, event=forum, kind=StandKind.COMPANY, name="Sans entreprise")
    college = EstablishmentFactory()
    with pytest.raises(DomainError, match="centre de formation"):
        services.stand_create(actor=forum.organiser, event=forum, kind=StandKind.CFA, name="X", establishment=college)


# --- registrations ------------------------------------------------------------------------------


def test_staff_registers_a_class_whose_size_counts_and_gets_a_mail(
    forum_session, head, bac_pro_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = _register(head, forum_session, bac_pro_class)
    forum_session.refresh_from_db()
    assert registration.seats == 24
    assert forum_session.registered_seats == 24
    assert forum_session.remaining_seats == 36
    assert list(registration.status_log.values_list("to_status", flat=True)) == [RegistrationStatus.REGISTERED]
    # The staff member and the organiser each get their own message.
    assert sorted(m.to for m in mail.outbox) == sorted([[head.user.email], [forum_session.event.organiser.email]])
    assert all("2nde MELEC" in m.body for m in mail.outbox)


def test_staff_register_classes_of_their_own_establishment_only(forum_session, bac_pro_class):
    other_head = MembershipFactory(establishment__kind="LYCEE_PRO")
    teacher_same_school = MembershipFactory(form_teacher=True, establishment=bac_pro_class.establishment)
    pupil_same_school = MembershipFactory(pupil=True, establishment=bac_pro_class.establishment)
    for actor in (other_head.user, pupil_same_school.user, UserFactory()):
        with pytest.raises(PermissionDeniedError):
            services.class_registration_create(actor=actor, session=forum_session, school_class=bac_pro_class)
    assert services.class_registration_create(
        actor=teacher_same_school.user, session=forum_session, school_class=bac_pro_class
    )


def test_inactive_membership_gives_no_right(forum_session, head, bac_pro_class):
    head.is_active = False
    head.save()
    with pytest.raises(PermissionDeniedError):
        _register(head, forum_session, bac_pro_class)


def test_class_level_must_be_targeted_by_the_event(forum_session, head):
    troisieme = SchoolClassFactory(establishment=head.establishment, level="3E")
    with pytest.raises(DomainError, match="ne s'adresse pas"):
        _register(head, forum_session, troisieme)


def test_event_without_levels_is_open_to_every_level(head, coordinator):
    session = SessionFactory(event=EventFactory(organiser=coordinator))
    assert _register(head, session, SchoolClassFactory(establishment=head.establishment, level="6E"))


def test_capacity_is_respected(forum_session, head):
    classes = [
        SchoolClassFactory(establishment=head.establishment, level="2NDE_PRO", size=size) for size in (24, 30, 7)
    ]
    _register(head, forum_session, classes[0])
    _register(head, forum_session, classes[1])
    with pytest.raises(DomainError, match="Il ne reste que 6 place"):
        _register(head, forum_session, classes[2])
    forum_session.refresh_from_db()
    assert forum_session.registered_seats == 54
    assert ClassRegistration.objects.count() == 2


def test_database_refuses_overbooking_whatever_the_code_path(forum_session):
    with pytest.raises(IntegrityError):
        Session.objects.filter(pk=forum_session.pk).update(registered_seats=61)


def test_a_class_registers_once_per_session(forum_session, head, bac_pro_class):
    _register(head, forum_session, bac_pro_class)
    with pytest.raises(DomainError, match="déjà inscrite"):
        _register(head, forum_session, bac_pro_class)


def test_drafts_and_started_sessions_take_no_registration(head, bac_pro_class, coordinator):
    draft_session = SessionFactory(event=EventFactory(organiser=coordinator, draft=True))
    with pytest.raises(DomainError, match="pas ouvertes"):
        _register(head, draft_session, bac_pro_class)
    past_session = SessionFactory(event=EventFactory(organiser=coordinator), past=True)
    with pytest.raises(DomainError, match="déjà commencé"):
        _register(head, past_session, bac_pro_class)


def test_cancellation_frees_seats_and_allows_registering_again(forum_session, head, bac_pro_class):
    registration = _register(head, forum_session, bac_pro_class)
    services.class_registration_cancel(actor=head.user, registration=registration)
    forum_session.refresh_from_db()
    assert forum_session.registered_seats == 0
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert list(registration.status_log.values_list("to_status", flat=True)) == [
        RegistrationStatus.REGISTERED,
        RegistrationStatus.CANCELLED,
    ]
    with pytest.raises(DomainError, match="Impossible de passer"):
        services.class_registration_cancel(actor=head.user, registration=registration)
    assert _register(head, forum_session, bac_pro_class).status == RegistrationStatus.REGISTERED


def test_strangers_cannot_cancel_a_registration(forum_session, head, bac_pro_class):
    registration = _register(head, forum_session, bac_pro_class)
    with pytest.raises(PermissionDeniedError):
        services.class_registration_cancel(actor=MembershipFactory().user, registration=registration)
    # The organiser may cancel (e.g. a class that never confirmed).
    services.class_registration_cancel(actor=forum_session.event.organiser, registration=registration)


def _past_registration(head, forum_session, bac_pro_class):
    registration = _register(head, forum_session, bac_pro_class)
    start = timezone.now() - timedelta(days=2)
    Session.objects.filter(pk=forum_session.pk).update(starts_at=start, ends_at=start + timedelta(hours=2, minutes=30))
    registration.refresh_from_db()
    return registration


def test_attendance_credits_the_session_hours_to_the_class(forum_session, head, bac_pro_class):
    registration = _past_registration(head, forum_session, bac_pro_class)
    services.class_registration_record_attendance(
        actor=forum_session.event.organiser, registration=registration, attended=True
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ATTENDED
    record = ActivityRecord.objects.get()
    assert record.school_class == bac_pro_class
    assert record.hours == Decimal("2.50")
    assert record.kind == "EVENT"
    assert record.source == services.REGISTRATION_SOURCE
    assert record.source_id == registration.pk
    assert record.recorded_by == forum_session.event.organiser


def test_absent_class_gets_no_hours_and_attendance_is_recorded_once(forum_session, head, bac_pro_class):
    registration = _past_registration(head, forum_session, bac_pro_class)
    services.class_registration_record_attendance(
        actor=forum_session.event.organiser, registration=registration, attended=False
    )
    assert not ActivityRecord.objects.exists()
    with pytest.raises(DomainError, match="Impossible de passer"):
        services.class_registration_record_attendance(
            actor=forum_session.event.organiser, registration=registration, attended=True
        )


def test_attendance_only_after_the_session_and_by_the_organiser(forum_session, head, bac_pro_class):
    registration = _register(head, forum_session, bac_pro_class)
    with pytest.raises(DomainError, match="une fois la séance terminée"):
        services.class_registration_record_attendance(
            actor=forum_session.event.organiser, registration=registration, attended=True
        )
    registration = _past_registration(head, SessionFactory(event=forum_session.event), bac_pro_class)
    with pytest.raises(PermissionDeniedError):
        services.class_registration_record_attendance(actor=head.user, registration=registration, attended=True)
    with pytest.raises(DomainError, match="ne peut plus être annulée"):
        services.class_registration_cancel(actor=head.user, registration=registration)


def test_custom_hours_are_credited(forum_session, head, bac_pro_class):
    registration = _past_registration(head, forum_session, bac_pro_class)
    services.class_registration_record_attendance(
        actor=forum_session.event.organiser, registration=registration, attended=True, hours=Decimal("1.5")
    )
    assert ActivityRecord.objects.get().hours == Decimal("1.5")


def test_event_update_edits_texts_and_levels_but_not_the_kind_once_published(forum):
    services.event_update(
        actor=forum.organiser,
        event=forum,
        title="Forum régional 2027",
        organiser_name="Région",
        description="Nouveau texte.",
        levels=["3E", "2NDE_PRO"],
        kind=forum.kind,
    )
    forum.refresh_from_db()
    assert forum.title == "Forum régional 2027"
    assert sorted(forum.levels.values_list("level", flat=True)) == ["2NDE_PRO", "3E"]
    with pytest.raises(DomainError, match="ne change plus"):
        services.event_update(
            actor=forum.organiser, event=forum, title="X", organiser_name="R", kind=EventKind.BUS_TOUR
        )
    held = services.event_update(
        actor=forum.organiser, event=forum, title="X", organiser_name="R", description="www.pub-exemple.com"
    )
    assert not held.description_is_published  # held for moderation, not refused
    with pytest.raises(PermissionDeniedError):
        services.event_update(
            actor=MembershipFactory(coordinator=True).user, event=forum, title="X", organiser_name="R"
        )


def test_capacity_never_goes_below_booked_seats(forum_session, head, bac_pro_class):
    _register(head, forum_session, bac_pro_class)
    with pytest.raises(DomainError, match="24 places sont déjà réservées"):
        services.session_change_capacity(actor=forum_session.event.organiser, session=forum_session, capacity=20)
    session = services.session_change_capacity(actor=forum_session.event.organiser, session=forum_session, capacity=24)
    assert session.remaining_seats == 0
    with pytest.raises(PermissionDeniedError):
        services.session_change_capacity(actor=head.user, session=forum_session, capacity=100)
