import re

from django import forms
from django.db.models import Q

from orientation.ambassadors.enums import CounterStereotype, InterestKind, Weekday
from orientation.ambassadors.models import ROME_CODE_REGEX
from orientation.territory.models import Commune, Establishment


def resolve_commune(value: str) -> Commune:
    value = value.strip()
    matches = list(Commune.objects.filter(Q(insee_code=value) | Q(name__iexact=value)).select_related("department")[:2])
    if not matches:
        matches = list(Commune.objects.filter(postal_codes__contains=[value])[:2]) if value.isdigit() else []
    if len(matches) != 1:
        raise forms.ValidationError(
            "Commune introuvable ou ambiguë : indiquez son code INSEE (ex. 59350 pour Lille)."
            if matches
            else "Commune introuvable : vérifiez l'orthographe ou indiquez son code INSEE (ex. 59350)."
        )
    return matches[0]


class SignUpForm(forms.Form):
    rome_codes = forms.RegexField(
        label="Votre métier (code ROME)",
        regex=r"^\s*[A-Na-n][0-9]{4}(\s*,\s*[A-Na-n][0-9]{4})*\s*$",
        help_text="Un ou plusieurs codes ROME séparés par des virgules, par exemple D1102 pour boulanger.",
        error_messages={"invalid": "Un code ROME est une lettre suivie de 4 chiffres, par exemple D1102."},
    )
    job_title = forms.CharField(label="Comment appelez-vous votre métier ?", max_length=255)
    employer_name = forms.CharField(label="Votre employeur", max_length=255)
    employer_siret = forms.RegexField(
        label="SIRET de l'employeur",
        regex=r"^[0-9]{14}$",
        required=False,
        help_text="14 chiffres, facultatif.",
        error_messages={"invalid": "Un SIRET compte 14 chiffres."},
    )
    commune = forms.CharField(label="Votre commune", help_text="Son nom ou son code INSEE, par exemple Lille ou 59350.")
    travel_radius_km = forms.IntegerField(
        label="Jusqu'où pouvez-vous vous déplacer (en km) ?", min_value=1, max_value=200, initial=30
    )
    languages = forms.CharField(label="Langues parlées", initial="français", help_text="Séparées par des virgules.")
    weekdays = forms.TypedMultipleChoiceField(
        label="Jours où vous pouvez intervenir",
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    starts_at = forms.TimeField(label="De (heure)", initial="09:00", widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label="À (heure)", initial="17:00", widget=forms.TimeInput(attrs={"type": "time"}))
    available_from = forms.DateField(
        label="Disponible à partir du", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    available_until = forms.DateField(label="Jusqu'au", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    counter_stereotype = forms.ChoiceField(
        label="Votre parcours bouscule-t-il un stéréotype ? (facultatif)",
        choices=[("", "Non ou je préfère ne pas le dire"), *CounterStereotype.choices],
        required=False,
    )
    counter_stereotype_explanation = forms.CharField(
        label="Expliquez en quelques mots", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    bio = forms.CharField(
        label="Présentez-vous aux élèves",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Parlez de votre métier, pas de votre entreprise : pas de lien, de contact ni de publicité.",
    )

    def clean_commune(self):
        return resolve_commune(self.cleaned_data["commune"])

    def clean_rome_codes(self):
        codes = [c.strip().upper() for c in self.cleaned_data["rome_codes"].split(",") if c.strip()]
        if any(not re.match(ROME_CODE_REGEX, c) for c in codes):
            raise forms.ValidationError("Un code ROME est une lettre suivie de 4 chiffres, par exemple D1102.")
        return list(dict.fromkeys(codes))

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "L'heure de fin doit suivre l'heure de début.")
        start, end = data.get("available_from"), data.get("available_until")
        if bool(start) != bool(end):
            self.add_error("available_until", "Indiquez les deux dates, ou aucune.")
        elif start and end and end < start:
            self.add_error("available_until", "La date de fin doit suivre la date de début.")
        if data.get("counter_stereotype") and not (data.get("counter_stereotype_explanation") or "").strip():
            self.add_error("counter_stereotype_explanation", "Expliquez en quelques mots votre situation.")
        return data


class AccountForm(forms.Form):
    """For a professional who has no account yet."""

    first_name = forms.CharField(label="Prénom", max_length=150)
    last_name = forms.CharField(label="Nom", max_length=150)
    email = forms.EmailField(
        label="Adresse électronique", help_text="Elle sert à vous connecter et à recevoir les propositions."
    )
    password = forms.CharField(
        label="Mot de passe",
        widget=forms.PasswordInput(render_value=False),
        help_text="Au moins 10 caractères, pas seulement des chiffres.",
    )


class BioForm(forms.Form):
    bio = forms.CharField(label="Présentation", widget=forms.Textarea(attrs={"rows": 5}), required=False)


class InterestForm(forms.Form):
    kind = forms.ChoiceField(label="Quel lien ?", choices=InterestKind.choices)
    uai = forms.CharField(
        label="Établissement concerné (code UAI)",
        required=False,
        help_text="Le code à 8 caractères de l'établissement, par exemple 0593667R. Sauf pour votre employeur.",
    )
    organisation_name = forms.CharField(label="Nom de votre employeur", required=False, max_length=255)
    details = forms.CharField(label="Précisions", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        uai = (data.get("uai") or "").strip().upper()
        data["establishment"] = None
        if data.get("kind") == InterestKind.EMPLOYER:
            if not (data.get("organisation_name") or "").strip():
                self.add_error("organisation_name", "Indiquez le nom de votre employeur.")
        elif not uai:
            self.add_error("uai", "Indiquez le code UAI de l'établissement concerné.")
        else:
            establishment = Establishment.objects.filter(uai=uai).first()
            if establishment is None:
                self.add_error("uai", "Aucun établissement ne porte ce code UAI.")
            data["establishment"] = establishment
        return data


class QuizForm(forms.Form):
    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=list(enumerate(question.choices)),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Choisissez une réponse."},
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"q{q.pk}"] for q in self.questions]


class StatusForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(
        label="Preuves vérifiées ou motif",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Pour valider : ce qui a été vérifié (diplôme, employeur). Pour suspendre : le motif.",
    )
