from django import forms

from orientation.organisations.enums import STAFF_ROLES
from orientation.territory.enums import EstablishmentKind, PriorityNetwork


class MembershipSwitchForm(forms.Form):
    membership = forms.TypedChoiceField(
        label="J'agis en tant que",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choisissez l'un de vos rattachements."},
    )

    def __init__(self, *args, memberships, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [(m.pk, m.label) for m in memberships]
        if current is not None:
            self.fields["membership"].initial = current.pk


class StaffInvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de la personne",
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text="Elle recevra un lien pour créer son compte (ou se connecter) et rejoindre l'établissement.",
    )
    role = forms.ChoiceField(label="Rôle", choices=[(r.value, r.label) for r in STAFF_ROLES])


class CoordinatorInvitationForm(forms.Form):
    email = forms.EmailField(
        label="Adresse électronique de la personne", widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    scope = forms.ChoiceField(
        label="Périmètre",
        help_text="Le coordinateur verra les établissements de ce périmètre et eux seuls.",
    )

    def __init__(self, *args, regions, academies, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self._targets = {}
        groups = []
        for title, prefix, items in (
            ("Région", "region", regions),
            ("Académie", "academy", academies),
            ("Département", "department", departments),
        ):
            options = []
            for item in items:
                key = f"{prefix}:{item.pk}"
                self._targets[key] = (prefix, item)
                options.append((key, str(item)))
            if options:
                groups.append((title, options))
        self.fields["scope"].choices = [("", "Choisir…"), *groups]

    def target(self) -> dict:
        prefix, item = self._targets[self.cleaned_data["scope"]]
        return {prefix: item}


class InvitationAcceptForm(forms.Form):
    first_name = forms.CharField(
        label="Prénom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Nom", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label="Mot de passe",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Au moins 10 caractères, pas uniquement des chiffres, pas un mot de passe trop courant.",
    )
    password2 = forms.CharField(
        label="Mot de passe, une deuxième fois",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password2") and cleaned["password1"] != cleaned["password2"]:
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        return cleaned


class ScopeFilterForm(forms.Form):
    q = forms.CharField(label="Nom, commune ou UAI", required=False, max_length=100)
    department = forms.ModelChoiceField(label="Département", queryset=None, required=False, empty_label="Tous")
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous"), *EstablishmentKind.choices])
    priority_network = forms.ChoiceField(
        label="Éducation prioritaire", required=False, choices=[("", "Tous"), *PriorityNetwork.choices]
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
