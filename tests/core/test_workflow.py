"""The workflow idiom (``core.workflow``), exercised through the ambassadors' table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from orientation.ambassadors.enums import AmbassadorStatus as S
from orientation.ambassadors.models import Ambassador, AmbassadorStatusLog
from orientation.ambassadors.workflow import AMBASSADOR
from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.core.workflow import Transition, Workflow, transition_apply
from tests.accounts.factories import UserFactory
from tests.ambassadors.factories import AmbassadorFactory
from tests.organisations.factories import coordinator_of

pytestmark = pytest.mark.django_db


def test_the_actor_is_refused_the_same_way_whatever_the_target_and_the_status():
    ambassador = AmbassadorFactory()
    outsider = UserFactory()
    refusals = []
    for target in (S.VERIFIED, S.ACTIVE, S.SUSPENDED):  # allowed, not allowed from PENDING, allowed
        with pytest.raises(PermissionDeniedError) as refused:
            transition_apply(AMBASSADOR, ambassador, to=target, actor=outsider, note="x")
        refusals.append(refused.value.message)
    assert len(set(refusals)) == 1
    assert not AmbassadorStatusLog.objects.exists()


def test_a_change_outside_the_table_is_refused_and_nothing_is_logged():
    ambassador = AmbassadorFactory()
    with pytest.raises(DomainError, match="Impossible de passer de « En attente de vérification » à « Actif »"):
        transition_apply(AMBASSADOR, ambassador, to=S.ACTIVE, actor=coordinator_of(ambassador.commune.department))
    assert Ambassador.objects.get().status == S.PENDING
    assert not AmbassadorStatusLog.objects.exists()


def test_a_required_note_is_asked_before_anything_changes():
    ambassador = AmbassadorFactory()
    with pytest.raises(DomainError, match="motif") as missing:
        transition_apply(AMBASSADOR, ambassador, to=S.SUSPENDED, actor=coordinator_of(ambassador.commune.department))
    assert missing.value.field == "note"
    assert Ambassador.objects.get().status == S.PENDING


def test_apply_saves_the_status_and_the_changes_and_writes_one_log_row():
    ambassador = AmbassadorFactory()
    coord = coordinator_of(ambassador.commune.department)
    changes = {"verification_note": "vu", "verified_by": coord, "verified_at": timezone.now()}
    changed = transition_apply(AMBASSADOR, ambassador, to=S.VERIFIED, actor=coord, note=" Diplôme vu ", changes=changes)
    assert (changed.status, changed.verification_note) == (S.VERIFIED, "vu")
    assert Ambassador.objects.get().status == S.VERIFIED
    row = AmbassadorStatusLog.objects.get()
    assert (row.from_status, row.to_status, row.actor, row.note) == (S.PENDING, S.VERIFIED, coord, "Diplôme vu")
    assert (row.from_label, row.to_label) == ("En attente de vérification", "Vérifié")
    assert row.created_at is not None


def test_allowed_lists_what_this_person_may_do_now():
    ambassador = AmbassadorFactory()
    coord = coordinator_of(ambassador.commune.department)
    assert [(t.target, t.verb) for t in AMBASSADOR.allowed(ambassador, coord)] == [
        (S.VERIFIED, "vérifier"),
        (S.SUSPENDED, "suspendre"),
    ]
    assert AMBASSADOR.allowed(ambassador, UserFactory()) == []
    assert AMBASSADOR.can(ambassador, coord, S.VERIFIED)
    assert not AMBASSADOR.can(ambassador, coord, S.ACTIVE)


def test_a_table_cannot_list_one_change_twice():
    def anyone(actor, obj):
        return True

    with pytest.raises(ValueError, match="twice"):
        Workflow(
            Transition(S.PENDING, S.VERIFIED, "vérifier", may=anyone),
            Transition(S.PENDING, S.VERIFIED, "valider", may=anyone),
            log=AmbassadorStatusLog,
            subject="ambassador",
        )


@pytest.mark.postgres_only
def test_the_row_lock_names_only_the_changed_table():
    if connection.vendor != "postgresql":
        pytest.skip("FOR UPDATE OF n'existe que sur PostgreSQL.")
    ambassador = AmbassadorFactory()
    with CaptureQueriesContext(connection) as queries:
        AMBASSADOR.lock(ambassador)
    [lock] = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert "JOIN" in lock
    assert lock.endswith('FOR UPDATE OF "ambassadors_ambassador"')
