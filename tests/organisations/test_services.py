import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from orientation.core.errors import DomainError, PermissionDeniedError
from orientation.organisations import services
from orientation.organisations.models import Invitation, Membership
from tests.accounts.factories import PASSWORD, UserFactory
from tests.organisations.conftest import fresh
from tests.organisations.factories import MembershipFactory

SITE = "http://testserver/"


def _invite(world, *, inviter="head_59", email="prof@exemple.fr", role="FORM_TEACHER", **target):
    target = target or {"establishment": world.est["e59"]}
    return services.invitation_create(
        inviter=fresh(world.people[inviter]), email=email, role=role, site_url=SITE, **target
    )


def test_head_invites_staff_email_sent_on_commit_with_link(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invitation = _invite(world, email="Prof@Exemple.FR")
    assert len(callbacks) == 1
    assert invitation.email == "prof@exemple.fr"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["prof@exemple.fr"]
    link = re.search(r"http://testserver/organisations/invitations/(\S+)/", mail.outbox[0].body)
    assert link.group(1) == invitation.raw_token
    # Only the hash is stored.
    stored = Invitation.objects.get(pk=invitation.pk)
    assert invitation.raw_token not in stored.token_hash
    assert stored.token_hash == services.token_hash(invitation.raw_token)


def test_no_email_when_the_transaction_rolls_back(world, django_capture_on_commit_callbacks):
    def invite_then_fail():
        with transaction.atomic():
            _invite(world)
            raise RuntimeError

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        invite_then_fail()
    assert callbacks == []
    assert mail.outbox == []


@override_settings(ORIENTATION_INVITATION_DAYS=3)
def test_invitation_expiry_follows_setting(world):
    invitation = _invite(world)
    assert timedelta(days=3) - timedelta(minutes=1) < invitation.expires_at - timezone.now() <= timedelta(days=3)


@pytest.mark.parametrize("inviter", ["form_teacher_02", "coordinator_lille", "pupil_59", "ambassador", "nobody"])
def test_only_a_head_or_administrator_invites_staff(world, inviter):
    with pytest.raises(PermissionDeniedError):
        _invite(world, inviter=inviter)


def test_head_cannot_invite_to_another_establishment(world):
    with pytest.raises(PermissionDeniedError):
        _invite(world, establishment=world.est["e62"])


def test_head_cannot_invite_a_coordinator(world):
    with pytest.raises(PermissionDeniedError):
        _invite(world, role="COORDINATOR", department=world.dep["62"])


@pytest.mark.parametrize("role", ["PUPIL", "PARENT", "AMBASSADOR", "ADMINISTRATOR"])
def test_roles_that_cannot_be_invited(world, role):
    with pytest.raises(DomainError):
        _invite(world, inviter="administrator", role=role)


def test_administrator_invites_coordinator_with_exactly_one_scope(world):
    invitation = _invite(world, inviter="administrator", role="COORDINATOR", department=world.dep["62"])
    assert invitation.department == world.dep["62"]
    with pytest.raises(DomainError):
        _invite(
            world, inviter="administrator", role="COORDINATOR", department=world.dep["62"], academy=world.acad["lille"]
        )


def test_database_refuses_an_invitation_whose_target_does_not_match_its_role(world):
    invitation = _invite(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(role="COORDINATOR")


def test_database_refuses_accepted_and_revoked(world):
    invitation = _invite(world)
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now, revoked_at=now)


def test_new_invitation_replaces_the_pending_one(world):
    first = _invite(world)
    second = _invite(world)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert list(Invitation.objects.pending()) == [second]


def test_cannot_invite_someone_who_already_has_the_role(world):
    with pytest.raises(DomainError, match="déjà ce rôle"):
        _invite(world, email=world.people["head_59"].email, role="HEAD")


def test_accept_creates_account_and_membership(world):
    invitation = _invite(world)
    membership = services.invitation_accept(
        token=invitation.raw_token, first_name="Louise", last_name="Michel", password="Un-mot-de-passe-solide"
    )
    assert membership.role == "FORM_TEACHER"
    assert membership.establishment == world.est["e59"]
    assert membership.user.email == "prof@exemple.fr"
    assert membership.user.check_password("Un-mot-de-passe-solide")
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert invitation.accepted_by == membership.user


def test_accept_twice_is_refused(world):
    invitation = _invite(world)
    services.invitation_accept(
        token=invitation.raw_token, first_name="A", last_name="B", password="Un-mot-de-passe-solide"
    )
    with pytest.raises(DomainError, match="déjà été utilisée"):
        services.invitation_accept(token=invitation.raw_token, user=fresh(Membership.objects.last().user))


def test_expired_invitation_is_refused(world):
    invitation = _invite(world)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(DomainError, match="expiré"):
        services.invitation_accept(
            token=invitation.raw_token, first_name="A", last_name="B", password="Un-mot-de-passe-solide"
        )
    assert not Membership.objects.filter(role="FORM_TEACHER", establishment=world.est["e59"]).exists()


def test_revoked_invitation_is_refused(world):
    invitation = _invite(world)
    services.invitation_revoke(actor=fresh(world.people["head_59"]), invitation=invitation)
    with pytest.raises(DomainError, match="annulée"):
        services.invitation_accept(
            token=invitation.raw_token, first_name="A", last_name="B", password="Un-mot-de-passe-solide"
        )


def test_unknown_token_is_refused(world):
    with pytest.raises(DomainError):
        services.invitation_accept(token="inexistant", first_name="A", last_name="B", password="Un-mot-de-passe-solide")


def test_weak_password_is_refused_and_nothing_is_created(world):
    invitation = _invite(world)
    with pytest.raises(DomainError) as excinfo:
        services.invitation_accept(token=invitation.raw_token, first_name="A", last_name="B", password="12345")
    assert excinfo.value.field == "password"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not type(world.people["nobody"]).objects.filter(email="prof@exemple.fr").exists()


def test_existing_account_must_sign_in_to_accept(world):
    teacher = UserFactory(email="prof@exemple.fr")
    invitation = _invite(world)
    with pytest.raises(DomainError) as excinfo:
        services.invitation_accept(
            token=invitation.raw_token, first_name="A", last_name="B", password="Un-mot-de-passe-solide"
        )
    assert excinfo.value.code == "account_exists"
    membership = services.invitation_accept(token=invitation.raw_token, user=teacher)
    assert membership.user == teacher
    assert teacher.check_password(PASSWORD)


def test_signed_in_with_another_account_cannot_accept(world):
    invitation = _invite(world)
    with pytest.raises(PermissionDeniedError):
        services.invitation_accept(token=invitation.raw_token, user=UserFactory(email="autre@exemple.fr"))


def test_teacher_in_two_schools(world):
    teacher = UserFactory(email="prof@exemple.fr")
    MembershipFactory(user=teacher, form_teacher=True, establishment=world.est["e62"])
    invitation = _invite(world)
    services.invitation_accept(token=invitation.raw_token, user=teacher)
    assert teacher.memberships.count() == 2


def test_revoke_rules(world):
    invitation = _invite(world)
    with pytest.raises(PermissionDeniedError):
        services.invitation_revoke(actor=fresh(world.people["form_teacher_02"]), invitation=invitation)
    revoked = services.invitation_revoke(actor=fresh(world.people["administrator"]), invitation=invitation)
    assert revoked.revoked_by == world.people["administrator"]
    with pytest.raises(DomainError, match="en attente"):
        services.invitation_revoke(actor=fresh(world.people["head_59"]), invitation=invitation)
