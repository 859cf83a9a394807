"""Territorial bodies (R10): versioned minutes approved at the next meeting, late follow-ups, scope, public page."""

import datetime
import subprocess

import pytest
from django.urls import reverse

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.governance import selectors, services
from orientation.governance.models import Body, Member
from tests.reporting.conftest import coordinator_of


@pytest.fixture
def body(world):
    body = Body.objects.create(
        kind="DEPARTMENT", name="Instance territoriale du Nord", region=world.region, department=world.nord
    )
    Member.objects.create(body=body, category="PARENTS", full_name="Mme Parent", organisation="FCPE du Nord")
    Member.objects.create(
        body=body, category="SECONDARY_HEAD", full_name="M. Proviseur", organisation="Lycée Faidherbe"
    )
    return body


@pytest.fixture
def meetings(world, body):
    coordinator = coordinator_of(world.nord)
    first = services.meeting_schedule(
        actor=coordinator, body=body, held_on=datetime.date(2026, 11, 10), agenda="Bilan de rentrée"
    )
    second = services.meeting_schedule(
        actor=coordinator, body=body, held_on=datetime.date(2027, 3, 9), agenda="Semaines de l'orientation"
    )
    return coordinator, first, second


def test_meetings_are_proposed_twice_a_year_in_step_with_the_calendar():
    assert services.proposed_meeting_dates("2026-2027") == [datetime.date(2026, 11, 10), datetime.date(2027, 3, 9)]


@pytest.mark.django_db
def test_minutes_are_versioned_and_approved_at_the_next_meeting(world, body, meetings):
    coordinator, first, second = meetings
    v1 = services.minutes_write(actor=coordinator, meeting=first, text="Premier jet.")
    v2 = services.minutes_write(actor=coordinator, meeting=first, text="Texte relu.")
    assert (v1.version, v2.version) == (1, 2)
    with pytest.raises(DomainError, match="dernière version"):
        services.minutes_approve(actor=coordinator, minutes=v1, at_meeting=second)
    with pytest.raises(DomainError, match="réunion suivante"):
        services.minutes_approve(actor=coordinator, minutes=v2, at_meeting=first)
    services.minutes_approve(actor=coordinator, minutes=v2, at_meeting=second)
    assert first.minutes.get(version=1).text == "Premier jet."  # the earlier version is kept
    with pytest.raises(DomainError, match="approuvé"):
        services.minutes_write(actor=coordinator, meeting=first, text="Trop tard.")
    with pytest.raises(PermissionDeniedError):
        services.minutes_write(actor=coordinator_of(world.pas_de_calais), meeting=second, text="Pas mon instance.")


@pytest.mark.django_db
def test_follow_ups_are_late_when_overdue(world, body, meetings):
    coordinator, first, _second = meetings
    decision = services.decision_record(actor=coordinator, meeting=first, text="Un forum par bassin.")
    late = services.follow_up_add(
        actor=coordinator,
        decision=decision,
        what="Réserver les salles",
        owner="CIO de Lille",
        due_on=datetime.date(2027, 1, 15),
    )
    services.follow_up_add(
        actor=coordinator,
        decision=decision,
        what="Inviter les branches",
        owner="Région",
        due_on=datetime.date(2027, 5, 1),
    )
    today = datetime.date(2027, 2, 1)
    assert [(f.what, is_late) for f, is_late in selectors.follow_ups(body, today)] == [
        ("Réserver les salles", True),
        ("Inviter les branches", False),
    ]
    services.follow_up_done(actor=coordinator, follow_up=late, done_on=today)
    assert [is_late for _f, is_late in selectors.follow_ups(body, today)] == [False, False]


@pytest.mark.django_db
def test_public_page_shows_composition_and_only_approved_decisions(world, body, meetings, client):
    coordinator, first, second = meetings
    services.decision_record(actor=coordinator, meeting=first, text="Un forum par bassin.")
    services.decision_record(actor=coordinator, meeting=second, text="Décision pas encore approuvée.")
    minutes = services.minutes_write(actor=coordinator, meeting=first, text="Compte rendu.")
    services.minutes_approve(actor=coordinator, minutes=minutes, at_meeting=second)
    page = client.get(reverse("governance:body_public", args=[body.pk])).content.decode()
    assert "Fédérations de parents d&#x27;élèves" in page or "Fédérations de parents d'élèves" in page
    assert "FCPE du Nord" in page
    assert "Un forum par bassin." in page
    assert "pas encore approuvée" not in page


@pytest.mark.django_db
def test_minutes_and_meetings_outside_the_territory_answer_404(world, body, meetings, client, tmp_path):
    coordinator, first, _second = meetings
    services.minutes_write(actor=coordinator, meeting=first, text="Compte rendu de novembre.")
    client.force_login(coordinator_of(world.pas_de_calais))
    for url in (
        reverse("governance:body", args=[body.pk]),
        reverse("governance:meeting", args=[first.pk]),
        reverse("governance:meeting_pdf", args=[first.pk, "compte-rendu"]),
    ):
        assert client.get(url).status_code == 404
    assert client.post(reverse("governance:minutes_write", args=[first.pk]), {"text": "x"}).status_code == 404
    client.force_login(coordinator)
    pdf = client.get(reverse("governance:meeting_pdf", args=[first.pk, "compte-rendu"]))
    path = tmp_path / "cr.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Compte rendu de novembre." in text
    assert "Instance territoriale du Nord" in text
