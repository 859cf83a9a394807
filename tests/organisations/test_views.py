import re
from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.utils import timezone

from orientation.organisations import services
from orientation.organisations.current import SESSION_KEY
from orientation.organisations.models import Invitation, Membership
from tests.accounts.factories import PASSWORD, UserFactory
from tests.organisations.conftest import fresh
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import EstablishmentFactory


def text(response) -> str:
    return unescape(response.content.decode())


def test_dashboard_lists_memberships_and_role_links(client, world):
    head = world.people["head_59"]
    MembershipFactory(user=head, form_teacher=True, establishment=world.est["e62"])
    client.force_login(head)
    body = text(client.get("/compte/"))
    assert "Chef d'établissement — Collège Rosa Parks" in body
    assert "Professeur principal — " in body
    assert "/organisations/etablissements/0593667R/inviter/" in body  # head's link, current = first


def test_switch_current_membership_is_remembered(client, world):
    head = world.people["head_59"]
    other = MembershipFactory(user=head, form_teacher=True, establishment=world.est["e62"])
    client.force_login(head)
    response = client.post("/organisations/rattachement/", {"membership": other.pk})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == other.pk
    body = text(client.get("/compte/"))
    assert f"/organisations/etablissements/{world.est['e62'].uai}/" in body
    assert "/organisations/etablissements/0593667R/inviter/" not in body
    assert client.get("/compte/").context["current_membership"].pk == other.pk


def test_cannot_pick_someone_elses_membership(client, world):
    head = world.people["head_59"]
    someone_else = Membership.objects.get(user=world.people["coordinator_region"])
    client.force_login(head)
    response = client.post("/organisations/rattachement/", {"membership": someone_else.pk}, follow=True)
    assert SESSION_KEY not in client.session
    assert "n'est pas l'un de vos rattachements" in text(response)
    assert response.context["current_membership"].user == head


def test_stale_session_choice_falls_back_to_first_membership(client, world):
    head = world.people["head_59"]
    other = MembershipFactory(user=head, form_teacher=True, establishment=world.est["e62"])
    client.force_login(head)
    client.post("/organisations/rattachement/", {"membership": other.pk})
    other.is_active = False
    other.save()
    assert client.get("/compte/").context["current_membership"].role == "HEAD"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("head_59", 200),
        ("coordinator_lille", 200),
        ("administrator", 200),
        ("coordinator_62", 404),
        ("form_teacher_02", 404),
        ("pupil_59", 404),
        ("parent_59", 404),
        ("ambassador", 404),
    ],
)
def test_staff_page_scope(client, world, role, status):
    client.force_login(world.people[role])
    assert client.get("/organisations/etablissements/0593667R/").status_code == status


def test_staff_page_missing_establishment_is_404(client, world):
    client.force_login(world.people["administrator"])
    assert client.get("/organisations/etablissements/0000000X/").status_code == 404


def test_staff_page_query_count(client, world, django_assert_num_queries):
    for _ in range(5):
        MembershipFactory(form_teacher=True, establishment=world.est["e59"])
        services.invitation_create(
            inviter=fresh(world.people["head_59"]),
            email=f"x{_}@exemple.fr",
            role="OTHER_STAFF",
            establishment=world.est["e59"],
            site_url="http://testserver/",
        )
    client.force_login(world.people["head_59"])
    # session, user, memberships, establishment, staff, invitations
    with django_assert_num_queries(6):
        response = client.get("/organisations/etablissements/0593667R/")
    assert text(response).count("x0@exemple.fr") == 2  # e-mail cell and revoke button label


def test_head_invites_a_teacher_from_the_form(client, world):
    client.force_login(world.people["head_59"])
    bad = client.post("/organisations/etablissements/0593667R/inviter/", {"email": "pas-une-adresse", "role": "HEAD"})
    assert bad.status_code == 200
    assert 'value="pas-une-adresse"' in text(bad)
    response = client.post(
        "/organisations/etablissements/0593667R/inviter/", {"email": "prof@exemple.fr", "role": "FORM_TEACHER"}
    )
    assert response.status_code == 302
    assert Invitation.objects.pending().get().email == "prof@exemple.fr"


def test_form_teacher_cannot_open_invite_form(client, world):
    client.force_login(world.people["form_teacher_02"])
    assert client.get(f"/organisations/etablissements/{world.est['e02'].uai}/inviter/").status_code == 404


def test_coordinator_invite_page_is_for_administrators(client, world):
    client.force_login(world.people["coordinator_region"])
    assert client.get("/organisations/coordinateurs/inviter/").status_code == 404
    client.force_login(world.people["administrator"])
    assert client.get("/organisations/coordinateurs/inviter/").status_code == 200
    response = client.post(
        "/organisations/coordinateurs/inviter/",
        {"email": "coord62@exemple.fr", "scope": f"department:{world.dep['62'].pk}"},
    )
    assert response.status_code == 302
    assert Invitation.objects.get(email="coord62@exemple.fr").department == world.dep["62"]


def test_accept_page_creates_account_and_signs_in(client, world, django_capture_on_commit_callbacks):
    client.force_login(world.people["head_59"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/organisations/etablissements/0593667R/inviter/", {"email": "prof@exemple.fr", "role": "FORM_TEACHER"}
        )
    client.logout()
    path = re.search(r"http://testserver(/organisations/invitations/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(path)
    assert page.status_code == 200
    assert "Professeur principal" in text(page)
    mismatch = client.post(
        path, {"first_name": "Louise", "last_name": "Michel", "password1": "Un-secret-solide", "password2": "autre"}
    )
    assert "pas identiques" in text(mismatch)
    assert 'value="Louise"' in text(mismatch)
    response = client.post(
        path,
        {
            "first_name": "Louise",
            "last_name": "Michel",
            "password1": "Un-secret-solide",
            "password2": "Un-secret-solide",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/compte/"
    assert client.get("/compte/").status_code == 200  # signed in: the session names a configured backend
    assert Membership.objects.get(user__email="prof@exemple.fr").role == "FORM_TEACHER"
    assert "Cette invitation a déjà servi" in text(client.get(path))


def test_accept_page_asks_existing_account_to_sign_in(client, world):
    UserFactory(email="prof@exemple.fr")
    invitation = services.invitation_create(
        inviter=fresh(world.people["head_59"]),
        email="prof@exemple.fr",
        role="FORM_TEACHER",
        establishment=world.est["e59"],
        site_url="http://testserver/",
    )
    path = f"/organisations/invitations/{invitation.raw_token}/"
    body = text(client.get(path))
    assert "Un compte existe déjà" in body
    assert f"/compte/connexion/?next={path}" in body


def test_accept_page_expired_unknown_revoked(client, world):
    invitation = services.invitation_create(
        inviter=fresh(world.people["head_59"]),
        email="prof@exemple.fr",
        role="FORM_TEACHER",
        establishment=world.est["e59"],
        site_url="http://testserver/",
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert "a expiré" in text(client.get(f"/organisations/invitations/{invitation.raw_token}/"))
    unknown = client.get("/organisations/invitations/nimporte-quoi/")
    assert unknown.status_code == 404
    assert "n'existe pas" in text(unknown)


def test_revoke_from_staff_page(client, world):
    invitation = services.invitation_create(
        inviter=fresh(world.people["head_59"]),
        email="prof@exemple.fr",
        role="FORM_TEACHER",
        establishment=world.est["e59"],
        site_url="http://testserver/",
    )
    client.force_login(world.people["form_teacher_02"])
    assert client.post(f"/organisations/invitations/{invitation.pk}/annuler/").status_code == 404
    client.force_login(world.people["head_59"])
    assert client.post(f"/organisations/invitations/{invitation.pk}/annuler/").status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.parametrize(
    ("role", "status"),
    [("coordinator_62", 200), ("administrator", 200), ("head_59", 404), ("pupil_59", 404), ("ambassador", 404)],
)
def test_scope_page_access(client, world, role, status):
    client.force_login(world.people[role])
    assert client.get("/organisations/perimetre/").status_code == status


def test_scope_page_lists_only_scope_filters_and_paginates(client, world, django_assert_num_queries):
    commune = world.est["e62"].commune
    for _ in range(30):
        EstablishmentFactory(commune=commune)
    EstablishmentFactory(commune=commune, name="Collège Jean Jaurès", rep=True)
    client.force_login(world.people["coordinator_lille"])
    # session, user, memberships, departments (filter form), count, page
    with django_assert_num_queries(6):
        response = client.get("/organisations/perimetre/")
    assert response.context["page_obj"].paginator.count == 33
    body = text(response)
    assert world.est["e02"].uai not in body
    assert "Page 1 sur 2" in body
    filtered = client.get("/organisations/perimetre/", {"priority_network": "REP", "department": world.dep["62"].pk})
    assert [e.name for e in filtered.context["page_obj"]] == ["Collège Jean Jaurès"]
    second = client.get("/organisations/perimetre/", {"department": world.dep["62"].pk, "page": 2})
    assert "department=" in text(second)
    outside = client.get("/organisations/perimetre/", {"department": world.dep["02"].pk})
    assert "department" in outside.context["form"].errors


def test_dashboard_query_count(client, world, django_assert_num_queries):
    head = world.people["head_59"]
    for establishment in (world.est["e62"], world.est["e02"], world.est["e75"]):
        MembershipFactory(user=head, form_teacher=True, establishment=establishment)
    client.force_login(head)
    # session, user, memberships (with their places, once for the whole page)
    with django_assert_num_queries(3):
        response = client.get("/compte/")
    assert text(response).count('name="membership"') == 4


def test_pupil_and_parent_dashboards_link_to_the_school_page(client, world):
    for role in ("pupil_59", "parent_59"):
        client.force_login(world.people[role])
        assert "/territoire/etablissements/0593667R/" in text(client.get("/compte/"))


def test_existing_account_signs_in_then_accepts(client, world):
    teacher = UserFactory(email="prof@exemple.fr")
    invitation = services.invitation_create(
        inviter=fresh(world.people["head_59"]),
        email="prof@exemple.fr",
        role="FORM_TEACHER",
        establishment=world.est["e59"],
        site_url="http://testserver/",
    )
    path = f"/organisations/invitations/{invitation.raw_token}/"
    login = client.post(
        f"/compte/connexion/?next={path}", {"username": teacher.email, "password": PASSWORD, "next": path}
    )
    assert login["Location"] == path
    assert "Accepter l'invitation" in text(client.get(path))
    response = client.post(path)
    assert response["Location"] == "/compte/"
    membership = Membership.objects.get(user=teacher)
    assert client.session[SESSION_KEY] == membership.pk


def test_signed_in_with_another_account_is_offered_to_sign_out(client, world):
    invitation = services.invitation_create(
        inviter=fresh(world.people["head_59"]),
        email="prof@exemple.fr",
        role="FORM_TEACHER",
        establishment=world.est["e59"],
        site_url="http://testserver/",
    )
    path = f"/organisations/invitations/{invitation.raw_token}/"
    client.force_login(world.people["ambassador"])
    assert "Me déconnecter pour continuer" in text(client.get(path))
    assert client.post(path).status_code == 200  # refused: nothing accepted
    assert not Membership.objects.filter(role="FORM_TEACHER", establishment=world.est["e59"]).exists()
    response = client.post(f"{path}changer-de-compte/")
    assert response["Location"] == path
    assert "_auth_user_id" not in client.session
