from django import forms
from django.db.models import Q

from orientation.internships.enums import OfferKind
from orientation.internships.models import PlacementOffer
from orientation.schooling.enums import Level
from orientation.territory.models import Commune

RADIUS_CHOICES = [(5, "5 km"), (10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km")]


def find_commune(value: str) -> Commune | None:
    value = (value or "").strip()
    if not value:
        return None
    return (
        Commune.objects.filter(Q(insee_code=value) | Q(name__iexact=value))
        .order_by("-population", "insee_code")
        .first()
    )


class CommuneField(forms.CharField):
    default_error_messages = {"unknown": "Nous ne trouvons pas cette commune. Écrivez son nom complet, ex. Arras."}

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        commune = find_commune(value)
        if commune is None:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return commune


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class OfferSearchForm(forms.Form):
    commune = CommuneField(label="Autour de", required=False, help_text="Le nom de votre commune, ex. Roubaix.")
    radius = forms.TypedChoiceField(label="Distance", choices=RADIUS_CHOICES, coerce=int, initial=10, required=False)
    week = forms.DateField(
        label="Semaine du stage", required=False, widget=DateInput(), help_text="Un jour de la semaine voulue."
    )
    kind = forms.ChoiceField(label="Type de stage", choices=[("", "Tous"), *OfferKind.choices], required=False)
    job = forms.CharField(label="Métier", required=False, max_length=100, help_text="Un mot, ex. boulanger.")


class OfferForm(forms.ModelForm):
    commune = CommuneField(label="Commune", help_text="Le nom de la commune où se passe le stage.")
    target_levels = forms.MultipleChoiceField(
        label="Niveaux visés",
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Laissez vide pour accueillir tous les niveaux.",
    )

    class Meta:
        model = PlacementOffer
        fields = [
            "kind",
            "title",
            "job_label",
            "rome_code",
            "description",
            "commune",
            "address",
            "starts_on",
            "ends_on",
            "places",
            "reserved_places",
            "reserved_until",
            "target_levels",
            "is_accessible",
            "accessibility_note",
            "contact_name",
            "contact_phone",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "reserved_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.commune_id:
            self.initial["commune"] = self.instance.commune.name

    def clean(self):
        # Cross-field rules are the model's constraints; the service reports them.
        return self.cleaned_data

    def _post_clean(self):
        """Model validation runs in the service (which knows the host); the form only checks fields."""


class ApplicationForm(forms.Form):
    motivation = forms.CharField(
        label="Pourquoi ce stage vous intéresse",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Deux ou trois phrases suffisent.",
    )
    parent_email = forms.EmailField(
        label="Adresse électronique d'un parent",
        required=False,
        help_text="Obligatoire si vous avez moins de 18 ans : votre parent recevra un lien pour donner son accord.",
    )

    def __init__(self, *args, linked_parent_email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.linked_parent_email = linked_parent_email
        if linked_parent_email:  # a parent is linked: their address is used, nothing to ask
            del self.fields["parent_email"]


class MessageForm(forms.Form):
    message = forms.CharField(label="Message à l'élève", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class OptionalMessageForm(forms.Form):
    message = forms.CharField(
        label="Message à l'élève (facultatif)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Raison", max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="Ce qui ne va pas dans cette offre", max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SignForm(forms.Form):
    party = forms.CharField(widget=forms.HiddenInput)
    signer_name = forms.CharField(label="Votre nom et prénom", max_length=150)


class ConsentForm(forms.Form):
    parent_name = forms.CharField(label="Votre nom et prénom", max_length=150)
    decision = forms.ChoiceField(
        label="Votre réponse",
        choices=[("yes", "J'accepte ce stage"), ("no", "Je refuse ce stage")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez « J'accepte » ou « Je refuse »."},
    )


class ParentSignForm(forms.Form):
    parent_name = forms.CharField(label="Votre nom et prénom", max_length=150)
