from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError

from orientation.accounts import services


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": ("L'adresse électronique ou le mot de passe ne sont pas reconnus. Vérifiez-les et réessayez."),
        "inactive": "Ce compte est désactivé.",
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            email = self.cleaned_data.get("username") or ""
            if email and self.request is not None and services.signin_throttled(request=self.request, email=email):
                # Keyed on the network and the address typed, never on the account: the same
                # words for an address with an account and one without.
                raise ValidationError(
                    "Trop d'essais sans succès depuis votre connexion internet. Patientez quelques minutes "
                    "avant de réessayer, ou choisissez « Mot de passe oublié ».",
                    code="throttled",
                ) from None
            raise


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label="Adresse électronique",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="Celle que vous utilisez pour vous connecter.",
    )


class NewPasswordForm(SetPasswordForm):
    pass


class ChangePasswordForm(PasswordChangeForm):
    pass


class TwoFactorForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="Le code à 6 chiffres affiché par votre application d'authentification, ou un code de secours.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )
