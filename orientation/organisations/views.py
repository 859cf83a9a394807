from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from orientation.accounts.models import User
from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error
from orientation.organisations import permissions, selectors, services
from orientation.organisations.current import current_membership, current_membership_set
from orientation.organisations.forms import (
    CoordinatorInvitationForm,
    InvitationAcceptForm,
    MembershipSwitchForm,
    ScopeFilterForm,
    StaffInvitationForm,
)
from orientation.organisations.models import Invitation
from orientation.territory.models import Region

PAGE_SIZE = 25


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


def _staff_establishment(request, uai: str):
    """The establishment if the viewer may read its staff; 404 otherwise (same as missing)."""
    establishment = get_object_or_404(
        selectors.establishments_visible_to(request.user).select_related("commune__department__academy"),
        uai=uai.upper(),
    )
    if not permissions.can_view_staff(request.user, establishment):
        raise Http404
    return establishment


@require_POST
def membership_switch(request):
    memberships = selectors.active_memberships(request.user)
    form = MembershipSwitchForm(request.POST, memberships=memberships)
    if form.is_valid() and current_membership_set(request, form.cleaned_data["membership"]):
        messages.success(request, f"Vous agissez maintenant en tant que : {current_membership(request).label}.")
    else:
        messages.error(request, "Ce choix n'est pas l'un de vos rattachements.")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("accounts:dashboard")
    return redirect(target)


def establishment_staff(request, uai: str):
    establishment = _staff_establishment(request, uai)
    can_invite = permissions.can_invite_staff(request.user, establishment)
    context = {
        "establishment": establishment,
        "staff": selectors.establishment_staff(establishment),
        "invitations": selectors.pending_invitations(establishment) if can_invite else [],
        "can_invite": can_invite,
    }
    return render(request, "organisations/establishment_staff.html", context)


def staff_invite(request, uai: str):
    establishment = _staff_establishment(request, uai)
    if not permissions.can_invite_staff(request.user, establishment):
        raise Http404
    form = StaffInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                inviter=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                establishment=establishment,
                site_url=_site_url(request),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Invitation envoyée à {invitation.email}.")
            return redirect("organisations:establishment_staff", uai=establishment.uai)
    return render(request, "organisations/staff_invite.html", {"establishment": establishment, "form": form})


def coordinator_invite(request):
    if not permissions.can_invite_coordinator(request.user):
        raise Http404
    form = CoordinatorInvitationForm(
        request.POST or None,
        regions=Region.objects.order_by("name"),
        academies=selectors.academies_visible_to(request.user).order_by("name"),
        departments=selectors.departments_visible_to(request.user).order_by("code"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                inviter=request.user,
                email=form.cleaned_data["email"],
                role="COORDINATOR",
                site_url=_site_url(request),
                **form.target(),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, f"Invitation envoyée à {invitation.email}.")
            return redirect("organisations:scope")
    return render(request, "organisations/coordinator_invite.html", {"form": form})


@require_POST
def invitation_revoke(request, pk: int):
    invitation = get_object_or_404(Invitation, pk=pk)
    if not permissions.can_revoke_invitation(request.user, invitation):
        raise Http404
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"L'invitation de {invitation.email} est annulée.")
    if invitation.establishment_id:
        return redirect("organisations:establishment_staff", uai=invitation.establishment.uai)
    return redirect("organisations:scope")


@login_not_required
def invitation_accept(request, token: str):
    invitation = services.invitation_by_token(token)
    if invitation is None or invitation.status != "pending":
        reason = invitation.status if invitation else "unknown"
        return render(
            request,
            "organisations/invitation_invalid.html",
            {"reason_template": f"organisations/invitation_invalid/{reason}.html", "invitation": invitation},
            status=404 if invitation is None else 200,
        )

    user = request.user
    signed_in = user.is_authenticated
    wrong_account = signed_in and user.email.lower() != invitation.email
    account_exists = not signed_in and User.objects.filter(email__iexact=invitation.email).exists()
    form = None if signed_in or account_exists else InvitationAcceptForm(request.POST or None)

    can_submit = request.method == "POST" and not wrong_account and not account_exists
    if can_submit and (form is None or form.is_valid()):
        data = form.cleaned_data if form is not None else {}
        try:
            membership = services.invitation_accept(
                token=token,
                user=user if signed_in else None,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                password=data.get("password1", ""),
            )
        except DomainError as exc:
            if form is None:
                messages.error(request, exc.message)
            else:
                add_domain_error(form, exc, renames={"password": "password1"})
        else:
            if not signed_in:
                login(request, membership.user, backend=settings.AUTHENTICATION_BACKENDS[0])
            current_membership_set(request, membership.pk)
            messages.success(request, f"Bienvenue ! Vous êtes maintenant : {membership.label}.")
            return redirect("accounts:dashboard")

    context = {
        "invitation": invitation,
        "form": form,
        "signed_in": signed_in,
        "wrong_account": wrong_account,
        "account_exists": account_exists,
        "login_url": f"{reverse('accounts:login')}?next={request.path}",
    }
    return render(request, "organisations/invitation_accept.html", context)


@require_POST
@login_not_required
def invitation_switch_account(request, token: str):
    """Signed in with another account: sign out, then come back to the invitation."""
    logout(request)
    return redirect("organisations:invitation_accept", token=token)


def scope(request):
    """Coordinators' (and administrators') list of the establishments in their scope."""
    if not permissions.can_view_scope(request.user):
        raise Http404
    departments = selectors.departments_visible_to(request.user).order_by("code")
    form = ScopeFilterForm(request.GET or None, departments=departments)
    establishments = selectors.establishments_visible_to(request.user).select_related("commune__department")
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            q = data["q"].strip()
            establishments = establishments.filter(
                Q(name__icontains=q) | Q(commune__name__icontains=q) | Q(uai__iexact=q)
            )
        if data["department"]:
            establishments = establishments.filter(commune__department=data["department"])
        if data["kind"]:
            establishments = establishments.filter(kind=data["kind"])
        if data["priority_network"]:
            establishments = establishments.filter(priority_network=data["priority_network"])
    page = Paginator(establishments.order_by("commune__department__code", "name", "uai"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page_obj": page,
        "can_invite_coordinator": permissions.can_invite_coordinator(request.user),
    }
    return render(request, "organisations/scope.html", context)
