from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from orientation.events.enums import EventKind, StandKind
from orientation.organisations.models import Company
from orientation.schooling.enums import Level
from orientation.territory.models import Commune, Department, Establishment

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class AgendaFilterForm(forms.Form):
    date_from = forms.DateField(label="À partir du", required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label="Jusqu'au", required=False, widget=DATE_INPUT)
    department = forms.ChoiceField(label="Département", required=False)
    commune = forms.ChoiceField(label="Commune", required=False)
    level = forms.ChoiceField(
        label="Niveau de la classe", required=False, choices=[("", "Tous les niveaux"), *Level.choices]
    )
    kind = forms.ChoiceField(label="Type", required=False, choices=[("", "Tous les types"), *EventKind.choices])

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "Tous les départements")] + [
            (d.code, str(d)) for d in Department.objects.order_by("code")
        ]
        self.fields["commune"].choices = [("", "Toutes les communes")] + [(c.insee_code, c.name) for c in communes]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "Cette date doit suivre la date de début.")
        return data


class RegisterClassForm(forms.Form):
    school_class = forms.ModelChoiceField(
        label="Classe à inscrire",
        queryset=None,
        empty_label="Choisir une classe",
        help_text="Toute la classe est inscrite : son effectif compte dans les places.",
        error_messages={
            "required": "Choisissez une classe.",
            "invalid_choice": "Cette classe ne peut pas être inscrite.",
        },
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["school_class"].label_from_instance = lambda c: (
            f"{c.name} — {c.get_level_display()} ({c.size} élèves)"
        )


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Type d'événement", choices=EventKind.choices)
    title = forms.CharField(label="Titre", max_length=200)
    organiser_name = forms.CharField(
        label="Organisé par", max_length=200, help_text="Nom affiché au public, par exemple « Région Hauts-de-France »."
    )
    description = forms.CharField(
        label="Présentation",
        required=False,
        widget=forms.Textarea,
        help_text="Des mots simples. Pas de lien, de prix ni de publicité.",
    )
    levels = forms.MultipleChoiceField(
        label="Niveaux visés",
        required=False,
        choices=Level.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucun niveau coché : ouvert à tous les niveaux.",
    )
    opens_on_saturday = forms.BooleanField(
        label="Séances possibles le samedi",
        required=False,
        help_text="Pour un forum du samedi. Jamais de séance un dimanche, un jour férié ni pendant les vacances scolaires.",
    )
    label = forms.CharField(
        label="Label entrepreneuriat (facultatif)",
        max_length=30,
        required=False,
        help_text="Par exemple IDEE ou PEPITE, si l'événement développe l'esprit d'entreprendre.",
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label="Nombre de places (élèves)", min_value=1, max_value=10000)


class _PlaceLookupMixin:
    def _commune_from_code(self, code: str):
        if not code:
            return None
        commune = Commune.objects.filter(insee_code=code.strip()).first()
        if commune is None:
            raise forms.ValidationError("Aucune commune n'a ce code INSEE.")
        return commune

    def _establishment_from_uai(self, uai: str):
        if not uai:
            return None
        establishment = Establishment.objects.filter(uai=uai.strip().upper()).select_related("commune").first()
        if establishment is None:
            raise forms.ValidationError("Aucun établissement n'a cet UAI.")
        return establishment


class SessionForm(_PlaceLookupMixin, forms.Form):
    starts_at = forms.DateTimeField(label="Début", input_formats=DATETIME_FORMATS, widget=DATETIME_INPUT)
    ends_at = forms.DateTimeField(label="Fin", input_formats=DATETIME_FORMATS, widget=DATETIME_INPUT)
    capacity = forms.IntegerField(label="Nombre de places (élèves)", min_value=1, max_value=10000)
    bus_stop = forms.ModelChoiceField(label="Arrêt du bus", queryset=None, required=False, empty_label="Aucun")
    establishment = forms.CharField(
        label="UAI de l'établissement d'accueil", required=False, max_length=8, help_text="Par exemple 0593667R."
    )
    commune = forms.CharField(
        label="Code INSEE de la commune",
        required=False,
        max_length=5,
        help_text="Si la séance n'a pas lieu dans un établissement. Par exemple 59350 pour Lille.",
    )
    place_name = forms.CharField(label="Nom du lieu", required=False, max_length=200)
    address = forms.CharField(label="Adresse", required=False, max_length=255)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bus_stop"].queryset = event.bus_stops.select_related("establishment")

    def clean_establishment(self):
        return self._establishment_from_uai(self.cleaned_data["establishment"])

    def clean_commune(self):
        return self._commune_from_code(self.cleaned_data["commune"])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "La fin doit suivre le début.")
        if starts and starts <= timezone.now():
            self.add_error("starts_at", "La séance doit être dans le futur.")
        return data


class BusStopForm(_PlaceLookupMixin, forms.Form):
    establishment = forms.CharField(label="UAI de l'établissement", max_length=8, help_text="Par exemple 0020043L.")
    day = forms.DateField(label="Jour", widget=DATE_INPUT)

    def clean_establishment(self):
        return self._establishment_from_uai(self.cleaned_data["establishment"])


class StandForm(_PlaceLookupMixin, forms.Form):
    kind = forms.ChoiceField(label="Type de stand", choices=StandKind.choices)
    name = forms.CharField(label="Nom affiché", max_length=200)
    description = forms.CharField(label="Ce que l'on y découvre", max_length=500, required=False)
    company = forms.ModelChoiceField(
        label="Entreprise ou branche", queryset=Company.objects.order_by("name"), required=False
    )
    establishment = forms.CharField(label="UAI du CFA", max_length=8, required=False)
    ambassador = forms.EmailField(label="Adresse électronique de l'ambassadeur", required=False)

    def clean_establishment(self):
        return self._establishment_from_uai(self.cleaned_data["establishment"])

    def clean_ambassador(self):
        email = self.cleaned_data["ambassador"]
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, memberships__role="AMBASSADOR").first()
        if user is None:
            raise forms.ValidationError("Aucun ambassadeur n'a cette adresse.")
        return user


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label="La classe est-elle venue ?",
        choices=[("1", "Oui, présente"), ("0", "Non, absente")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    hours = forms.DecimalField(
        label="Heures à compter",
        required=False,
        min_value=Decimal("0.25"),
        max_value=Decimal(200),
        decimal_places=2,
        help_text="Laisser vide pour compter la durée de la séance.",
    )
