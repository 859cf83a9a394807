from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from orientation.interventions import services
from orientation.interventions.enums import BookingStatus
from orientation.interventions.models import Booking, PupilSurveyResponse
from tests.accounts.factories import UserFactory
from tests.organisations.factories import coordinator_of
from tests.territory.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def make_request(w):
    return services.intervention_request(
        actor=w.teacher, school_class=w.school_class, format=w.format, windows=w.windows, rome_codes=["D1102"]
    )


def test_catalogue_is_public(client, world):
    response = client.get(reverse("interventions:catalogue"))
    assert response.status_code == 200
    assert "Témoignage en classe" in response.content.decode()


def test_request_form_redisplays_errors_in_french(client, world):
    client.force_login(world.teacher)
    response = client.post(
        reverse("interventions:request"),
        {"school_class": world.school_class.pk, "format": world.format.pk, "wish_kind": "JOBS", "rome_codes": "XYZ"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "n&#x27;est pas un code ROME" in html or "n'est pas un code ROME" in html
    assert 'value="XYZ"' in html


def test_request_form_creates_booking(client, world):
    client.force_login(world.teacher)
    day = world.start
    response = client.post(
        reverse("interventions:request"),
        {
            "school_class": world.school_class.pk,
            "format": world.format.pk,
            "wish_kind": "JOBS",
            "rome_codes": "D1102",
            "place": "SCHOOL",
            "date_1": day.date().isoformat(),
            "start_1": "09:00",
            "end_1": "12:00",
        },
    )
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("interventions:detail", args=[booking.pk])


def test_request_form_hidden_from_non_staff(client, world):
    client.force_login(UserFactory())
    assert client.get(reverse("interventions:request")).status_code == 404


def test_list_is_scoped_and_query_count_pinned(client, world, django_assert_num_queries):
    for _ in range(3):
        make_request(world)
    client.force_login(world.teacher)
    with django_assert_num_queries(7):
        response = client.get(reverse("interventions:list"))
    assert response.content.decode().count("Témoignage en classe") == 3
    client.force_login(coordinator_of(DepartmentFactory(somme=True)))
    assert "Témoignage en classe" not in client.get(reverse("interventions:list")).content.decode()


def test_detail_outside_scope_is_404(client, world):
    booking = make_request(world).booking
    client.force_login(UserFactory())
    assert client.get(reverse("interventions:detail", args=[booking.pk])).status_code == 404


def test_workflow_through_pages(client, world):
    booking = make_request(world).booking
    client.force_login(world.head)
    client.post(reverse("interventions:transition", args=[booking.pk]), {"to_status": "APPROVED"})
    client.force_login(world.coordinator)
    client.post(reverse("interventions:refresh", args=[booking.pk]))
    page = client.get(reverse("interventions:detail", args=[booking.pk])).content.decode()
    assert "Exerce le métier demandé" in page
    client.post(
        reverse("interventions:propose", args=[booking.pk]),
        {"ambassador": world.ambassador.pk, "starts_at": world.start.isoformat()},
    )
    client.force_login(world.ambassador.user)
    client.post(reverse("interventions:transition", args=[booking.pk]), {"to_status": "ACCEPTED"})
    ics = client.get(reverse("interventions:ics", args=[booking.pk]))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content
    client.force_login(world.head)
    client.post(reverse("interventions:transition", args=[booking.pk]), {"to_status": "CONFIRMED"})
    Booking.objects.filter(pk=booking.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    client.force_login(world.teacher)
    client.post(reverse("interventions:transition", args=[booking.pk]), {"to_status": "DONE"})
    response = client.post(
        reverse("interventions:evaluate", args=[booking.pk]), {"rating": "4", "met_objective": "1", "comment": "Bien"}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.EVALUATED
    client.logout()
    response = client.post(
        reverse("interventions:survey", args=[booking.survey_token]),
        {"learned": "4", "interested": "3", "changed_view": "2"},
    )
    assert response.status_code == 200
    assert PupilSurveyResponse.objects.count() == 1


def test_cancel_without_reason_shows_error(client, world):
    booking = make_request(world).booking
    client.force_login(world.head)
    response = client.post(
        reverse("interventions:transition", args=[booking.pk]), {"to_status": "CANCELLED"}, follow=True
    )
    assert "motif" in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED


def test_batch_page_runs_and_confirms(client, world):
    booking = make_request(world).booking
    services.booking_approve(booking=booking, actor=world.head)
    client.force_login(world.coordinator)
    page = client.post(reverse("interventions:batch"), {"action": "run"}).content.decode()
    assert str(world.ambassador.user) in page
    client.post(reverse("interventions:batch"), {"action": "confirm", f"keep-{booking.pk}": "1"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PROPOSED


def test_batch_page_query_count_is_pinned(client, world, django_assert_num_queries):
    for _ in range(3):
        services.booking_approve(booking=make_request(world).booking, actor=world.head)
    client.force_login(world.coordinator)
    with django_assert_num_queries(7):
        assert "3 demandes en attente" in client.get(reverse("interventions:batch")).content.decode()
    with django_assert_num_queries(26):  # the same with one request: nothing is read per request
        page = client.post(reverse("interventions:batch"), {"action": "run"}).content.decode()
    assert page.count("Propositions à relire") == 1


def test_moderation_queue(client, world):
    services.intervention_request(
        actor=world.teacher,
        school_class=world.school_class,
        format=world.format,
        windows=world.windows,
        rome_codes=["D1102"],
        description="Envoyez votre CV à contact@lycee.fr",
    )
    client.force_login(world.teacher)
    assert client.get(reverse("moderation:queue")).status_code == 404
    client.force_login(world.coordinator)
    page = client.get(reverse("moderation:queue")).content.decode()
    assert "sollicite des candidatures" in page
