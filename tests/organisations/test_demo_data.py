import sys
from io import StringIO
from types import ModuleType

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from orientation.demo.management.commands import demo_data
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.models import Enrolment, SchoolYear
from orientation.territory.demo_territory import build_demo_territory
from orientation.territory.models import Establishment

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_app_demos(monkeypatch):
    monkeypatch.setattr(demo_data, "DEMO_APPS", [])


def _run() -> str:
    out = StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_demo_accounts_one_per_role_idempotent_and_usable(client, no_app_demos):
    build_demo_territory()
    first = _run()
    counts = (Membership.objects.count(), Enrolment.objects.count(), SchoolYear.objects.count())
    second = _run()
    assert (Membership.objects.count(), Enrolment.objects.count(), SchoolYear.objects.count()) == counts
    assert first == second
    assert "COMPTES DE DÉMONSTRATION" in first
    assert demo_data.DEMO_PASSWORD in first

    roles = set(Membership.objects.values_list("role", flat=True))
    # One demo login for each role of the platform, apprentice, student and other staff included.
    assert roles == {role.value for role in Role}
    assert Membership.objects.get(role="APPRENTICE").establishment.kind == "LYCEE_PRO"
    assert Membership.objects.get(role="STUDENT").establishment.kind in {"LYCEE_GT", "LYCEE_POLY"}
    assert Membership.objects.get(role="PUPIL").establishment.uai == "0593667R"
    assert Membership.objects.get(role="HEAD").establishment.uai == "0020043L"
    assert {str(m.target) for m in Membership.objects.filter(role="COORDINATOR")} == {
        "Pas-de-Calais (62)",
        "Académie de Lille",
        "Hauts-de-France",
    }
    assert SchoolYear.objects.get(is_current=True).label == "2026-2027"
    assert Enrolment.objects.get().school_class.level == "3E"

    response = client.post(
        "/compte/connexion/",
        {"username": "chef.etablissement@demo.orientation.example", "password": demo_data.DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/organisations/etablissements/0020043L/").status_code == 200


def test_falls_back_to_establishments_of_the_right_kind(no_app_demos):
    build_demo_territory()
    Establishment.objects.filter(uai__in=["0593667R", "0020043L"]).delete()
    _run()
    pupil_school = Membership.objects.get(role="PUPIL").establishment
    head_school = Membership.objects.get(role="HEAD").establishment
    assert (pupil_school.kind, pupil_school.priority_network) == ("COLLEGE", "REP_PLUS")
    assert pupil_school.commune.department.code == "59"
    assert (head_school.kind, head_school.commune.department.code) == ("COLLEGE", "02")
    assert head_school != pupil_school


def test_without_territory_says_what_to_do(no_app_demos):
    with pytest.raises(CommandError, match="load_platform_data"):
        _run()


def test_calls_each_app_demo_build(monkeypatch):
    build_demo_territory()
    calls = []
    fake = ModuleType("orientation.fakeapp.demo")
    fake.build = lambda stdout: calls.append(stdout)
    monkeypatch.setitem(sys.modules, "orientation.fakeapp.demo", fake)
    monkeypatch.setattr(demo_data, "DEMO_APPS", ["fakeapp", "missingapp"])
    _run()
    assert len(calls) == 1


@override_settings(PRODUCTION=True)
def test_refused_in_production(no_app_demos):
    with pytest.raises(CommandError, match="production"):
        _run()
