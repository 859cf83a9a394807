import pytest
from django.test import Client

from orientation.events.models import ClassRegistration
from orientation.events.services import class_registration_create
from tests.events.factories import EventFactory, SessionFactory
from tests.organisations.factories import MembershipFactory
from tests.schooling.factories import SchoolClassFactory

pytestmark = pytest.mark.django_db


def test_agenda_lists_public_sessions_with_remaining_seats(client, forum_session, head, bac_pro_class):
    class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    SessionFactory(event=EventFactory(draft=True))
    response = client.get("/api/v1/events")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["event_title"] == "Forum régional des métiers"
    assert row["remaining_seats"] == 36
    assert row["event_status"] == "PUBLISHED"
    assert row["commune_insee_code"] == "59350"


def test_agenda_filters_and_bad_input_are_4xx_json(client, forum_session):
    assert client.get("/api/v1/events", {"level": "2NDE_PRO"}).json()["count"] == 1
    assert client.get("/api/v1/events", {"level": "3E"}).json()["count"] == 0
    assert client.get("/api/v1/events", {"department": "02"}).json()["count"] == 0
    bad = client.get("/api/v1/events", {"date_from": "demain"})
    assert bad.status_code == 400
    assert "date invalide" in bad.json()["detail"]
    assert client.get("/api/v1/events", {"level": "CM2"}).status_code == 400
    assert client.get("/api/v1/events", {"page": "abc"}).status_code == 422
    assert client.get("/api/v1/events", {"page": "9"}).status_code == 404


def test_event_detail_is_public_but_drafts_are_404(client, forum, forum_session):
    data = client.get(f"/api/v1/events/{forum.pk}").json()
    assert data["title"] == "Forum régional des métiers"
    assert data["levels"] == ["1RE_PRO", "2NDE_PRO"]
    assert data["sessions"][0]["remaining_seats"] == 60
    draft = EventFactory(draft=True)
    response = client.get(f"/api/v1/events/{draft.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Ressource introuvable."}


def test_class_registrations_are_scoped_to_the_school_staff(client, forum_session, head, bac_pro_class):
    class_registration_create(actor=head.user, session=forum_session, school_class=bac_pro_class)
    url = f"/api/v1/events/classes/{bac_pro_class.pk}/registrations"
    assert client.get(url).status_code == 401
    client.force_login(MembershipFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(head.user)
    rows = client.get(url).json()
    assert [(r["seats"], r["status"]) for r in rows] == [(24, "REGISTERED")]


def test_register_a_class_through_the_api(forum_session, head, bac_pro_class):
    client = Client(enforce_csrf_checks=True)
    client.force_login(head.user)
    client.get("/evenements/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    url = f"/api/v1/events/sessions/{forum_session.pk}/registrations"
    response = client.post(
        url, {"school_class_id": bac_pro_class.pk}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201, response.content
    assert response.json()["seats"] == 24
    again = client.post(
        url, {"school_class_id": bac_pro_class.pk}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert again.status_code == 400
    assert "déjà inscrite" in again.json()["detail"]
    foreign = SchoolClassFactory(level="2NDE_PRO")
    response = client.post(
        url, {"school_class_id": foreign.pk}, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 404
    assert ClassRegistration.objects.count() == 1


def test_full_session_is_a_400_with_a_french_message(client, head):
    session = SessionFactory(event=EventFactory(), capacity=10)
    school_class = SchoolClassFactory(establishment=head.establishment, size=12)
    client.force_login(head.user)
    response = client.post(
        f"/api/v1/events/sessions/{session.pk}/registrations",
        {"school_class_id": school_class.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "Il ne reste que 10 place(s)" in response.json()["detail"]
    assert (
        client.post(
            f"/api/v1/events/sessions/{session.pk}/registrations", {"x": 1}, content_type="application/json"
        ).status_code
        == 422
    )


def test_signed_in_api_writes_are_throttled_per_person(client, forum_session, head, bac_pro_class):
    from django.conf import settings
    from django.test import override_settings

    url = f"/api/v1/events/sessions/{forum_session.pk}/registrations"
    limits = {**settings.ORIENTATION_THROTTLES, "api-write-user": (2, 60)}
    with override_settings(ORIENTATION_THROTTLES=limits):
        client.force_login(head.user)
        statuses = [client.post(url, {"x": 1}, content_type="application/json").status_code for _ in range(3)]
        assert statuses == [422, 422, 429]
        throttled = client.post(url, {"school_class_id": bac_pro_class.pk}, content_type="application/json")
        assert throttled.status_code == 429
        assert throttled.json() == {"detail": "Trop de demandes : réessayez dans une minute."}
        assert client.get("/api/v1/events").status_code == 200  # reads are not limited
        client.force_login(MembershipFactory(establishment=head.establishment).user)
        assert client.post(url, {"x": 1}, content_type="application/json").status_code == 422
