import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms

from orientation.interventions.enums import Place, SurveyAnswer, WishKind
from orientation.interventions.models import InterventionFormat

PARIS = ZoneInfo("Europe/Paris")


class RequestForm(forms.Form):
    school_class = forms.ModelChoiceField(label="Classe", queryset=None, empty_label="Choisir une classe")
    format = forms.ModelChoiceField(
        label="Type d'intervention", queryset=InterventionFormat.objects.none(), empty_label="Choisir un format"
    )
    wish_kind = forms.ChoiceField(label="Ce que vous souhaitez", choices=WishKind.choices, widget=forms.RadioSelect)
    rome_codes = forms.CharField(
        label="Métiers souhaités (codes ROME)",
        required=False,
        help_text="Par exemple D1102, H2909. Pour un secteur : sa lettre (H pour l'industrie).",
    )
    sector = forms.CharField(label="Secteur souhaité", required=False, max_length=255)
    place = forms.ChoiceField(label="Lieu", choices=Place.choices, initial=Place.SCHOOL)
    place_detail = forms.CharField(label="Précisions sur le lieu", required=False, max_length=255)
    date_1 = forms.DateField(label="Date souhaitée", widget=forms.DateInput(attrs={"type": "date"}))
    start_1 = forms.TimeField(label="De", widget=forms.TimeInput(attrs={"type": "time"}), initial="09:00")
    end_1 = forms.TimeField(label="À", widget=forms.TimeInput(attrs={"type": "time"}), initial="12:00")
    date_2 = forms.DateField(
        label="Autre date possible", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start_2 = forms.TimeField(label="De", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_2 = forms.TimeField(label="À", required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    description = forms.CharField(
        label="Message pour l'ambassadeur",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce que la classe prépare, ce qu'elle aimerait savoir.",
    )

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = classes
        self.fields["format"].queryset = InterventionFormat.objects.filter(is_active=True)

    def clean_rome_codes(self):
        codes = [c.strip().upper() for c in re.split(r"[,;\s]+", self.cleaned_data["rome_codes"]) if c.strip()]
        for code in codes:
            if not re.match(r"^[A-N]([0-9]{2}|[0-9]{4})?$", code):
                raise forms.ValidationError(f"« {code} » n'est pas un code ROME (ex. D1102) ni une lettre de secteur.")
        return codes

    def clean(self):
        data = super().clean()
        windows = []
        for n in (1, 2):
            day, start, end = data.get(f"date_{n}"), data.get(f"start_{n}"), data.get(f"end_{n}")
            if day and start and end:
                if end <= start:
                    self.add_error(f"end_{n}", "L'heure de fin doit suivre l'heure de début.")
                    continue
                windows.append((datetime.combine(day, start, tzinfo=PARIS), datetime.combine(day, end, tzinfo=PARIS)))
            elif n == 2 and (day or start or end):
                self.add_error("date_2", "Complétez la date et les heures, ou laissez vide.")
        data["windows"] = windows
        if data.get("wish_kind") == WishKind.JOBS and not data.get("rome_codes"):
            self.add_error("rome_codes", "Indiquez au moins un métier.")
        if data.get("wish_kind") == WishKind.SECTOR and not (data.get("sector") or "").strip():
            self.add_error("sector", "Indiquez le secteur souhaité.")
        return data


class TransitionForm(forms.Form):
    to_status = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Motif", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ProposeForm(forms.Form):
    ambassador = forms.IntegerField(widget=forms.HiddenInput)
    starts_at = forms.DateTimeField(widget=forms.HiddenInput)


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Votre appréciation générale",
        choices=[(i, f"{i} sur 5") for i in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    met_objective = forms.TypedChoiceField(
        label="L'objectif de l'intervention a-t-il été atteint ?",
        choices=[("1", "Oui"), ("0", "Non")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SurveyForm(forms.Form):
    learned = forms.TypedChoiceField(
        label="J'ai appris des choses sur ce métier", choices=SurveyAnswer.choices, coerce=int, widget=forms.RadioSelect
    )
    interested = forms.TypedChoiceField(
        label="Ce métier m'intéresse", choices=SurveyAnswer.choices, coerce=int, widget=forms.RadioSelect
    )
    changed_view = forms.TypedChoiceField(
        label="J'ai changé d'avis sur ce métier", choices=SurveyAnswer.choices, coerce=int, widget=forms.RadioSelect
    )
