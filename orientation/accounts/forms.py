from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import ValidationError
from django.utils import formats, timezone

from orientation.accounts import services
from orientation.accounts.models import User


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
            locked_until = (
                User.objects.filter(email__iexact=email).values_list("locked_until", flat=True).first()
                if email
                else None
            )
            if locked_until and locked_until > timezone.now():
                # Said whatever the password typed: the message reveals nothing about it.
                raise ValidationError(
                    "Après plusieurs essais sans succès, ce compte est bloqué pour quelques minutes. "
                    "Vous pourrez réessayer à partir de %(time)s.",
                    code="locked",
                    params={"time": formats.time_format(timezone.localtime(locked_until), "H \\h i")},
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
    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            services.lock_clear(user=user)
        return user


class ChangePasswordForm(PasswordChangeForm):
    pass
