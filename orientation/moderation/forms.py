from django import forms


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("approve", "Publier le texte"), ("reject", "Refuser le texte")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Explication pour l'auteur (obligatoire en cas de refus)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
