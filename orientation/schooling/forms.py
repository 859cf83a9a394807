from decimal import Decimal

from django import forms

from orientation.schooling.enums import Level, SchoolActivityKind


class SchoolYearForm(forms.Form):
    annee = forms.ChoiceField(label="Année scolaire", required=False)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["annee"].choices = [(y.label, y.label) for y in years]


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Fichier de la liste des élèves",
        help_text=(
            "Export SIECLE « ElevesSansAdresses.xml » ou l'archive « ExportXML_ElevesSansAdresses.zip » "
            "(elle peut contenir aussi « ResponsablesAvecAdresses.xml » pour relier les parents), "
            "ou le fichier CSV décrit sur cette page pour les établissements hors SIECLE."
        ),
    )


class ActivityDeclareForm(forms.Form):
    kind = forms.ChoiceField(label="Nature de l'action", choices=SchoolActivityKind.choices)
    title = forms.CharField(label="Intitulé", max_length=200)
    occurred_on = forms.DateField(
        label="Date",
        help_text="Au format JJ/MM/AAAA.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    hours = forms.DecimalField(
        label="Durée en heures",
        min_value=Decimal("0.5"),
        max_value=Decimal(40),
        decimal_places=1,
        help_text="Par exemple 1,5.",
    )
    absent = forms.MultipleChoiceField(
        label="Élèves absents",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les élèves absents ne sont pas crédités de l'action.",
    )
    planned = forms.ChoiceField(label="Action prévue qu'elle réalise", required=False)

    def __init__(self, *args, pupils=(), planned=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["absent"].choices = [(str(p.pk), f"{p.last_name} {p.first_name}") for p in pupils]
        self.fields["planned"].choices = [("", "Aucune")] + [
            (str(a.pk), f"{a.title} ({a.planned_on:%d/%m/%Y})") for a in planned
        ]


class ActivityPlanForm(forms.Form):
    title = forms.CharField(label="Intitulé de l'action prévue", max_length=200)
    planned_on = forms.DateField(label="Date prévue", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    hours = forms.DecimalField(
        label="Durée prévue en heures", min_value=Decimal("0.5"), max_value=Decimal(40), decimal_places=1
    )


class LevelChoiceForm(forms.Form):
    """One level per class the roster file could not settle."""

    def __init__(self, *args, class_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        for index, name in enumerate(class_names):
            self.fields[f"level_{index}"] = forms.ChoiceField(
                label=f"Niveau de la classe « {name} »", choices=[("", "Choisir…"), *Level.choices]
            )
        self.class_names = list(class_names)

    def levels(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"level_{i}"] for i, name in enumerate(self.class_names)}


class ClassStaffForm(forms.Form):
    form_teacher = forms.ModelChoiceField(label="Professeur principal", queryset=None, required=False)
    guidance_psychologist = forms.ModelChoiceField(
        label="Psychologue de l'Éducation nationale", queryset=None, required=False
    )

    def __init__(self, *args, teachers, psychologists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_teacher"].queryset = teachers
        self.fields["guidance_psychologist"].queryset = psychologists
        for field in self.fields.values():
            field.label_from_instance = lambda user: user.get_full_name() or user.email
            field.empty_label = "Personne"


class RosterManagerForm(forms.Form):
    user = forms.ModelChoiceField(label="Membre du personnel autorisé à charger la liste des élèves", queryset=None)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff
        self.fields["user"].label_from_instance = lambda user: user.get_full_name() or user.email


class ParentLinkForm(forms.Form):
    email = forms.EmailField(label="Adresse électronique du parent")
    first_name = forms.CharField(label="Prénom du parent", max_length=150, required=False)
    last_name = forms.CharField(label="Nom du parent", max_length=150, required=False)
