import base64

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token

from orientation.accounts import services
from orientation.accounts.forms import ChangePasswordForm, LoginForm, NewPasswordForm, ResetRequestForm, TwoFactorForm
from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error


def dashboard(request):
    """Mon espace. Memberships and the current one come from the organisations context processor."""
    return render(request, "accounts/dashboard.html")


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = ResetRequestForm
    email_template_name = "accounts/emails/password_reset.txt"
    subject_template_name = "accounts/emails/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # Over the limit, the same page as when an e-mail is sent: nothing tells the two apart.
        if services.password_reset_allowed(request=self.request, email=form.cleaned_data["email"]):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = ChangePasswordForm
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("accounts:dashboard")


def _qr_svg(text: str) -> str:
    """The QR code as inline SVG, drawn on the server (no script, nothing from elsewhere)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode").split("?>", 1)[-1]


def two_factor(request):
    """Second factor: confirm this sign-in with a code, or, the first time, set up the application."""
    form = TwoFactorForm(request.POST or None)
    if services.has_two_factor(request.user):
        if request.method == "POST" and form.is_valid():
            device = match_token(request.user, form.cleaned_data["token"].strip())
            if device is not None:
                otp_login(request, device)
                return redirect(_next_url(request))
            form.add_error("token", "Ce code ne convient pas (ou a déjà servi). Réessayez avec un nouveau code.")
        return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)})
    device = services.totp_device_for_enrolment(user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.two_factor_confirm(user=request.user, device=device, token=form.cleaned_data["token"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            otp_login(request, device)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": _next_url(request)})
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "accounts/two_factor_enrol.html", context)
