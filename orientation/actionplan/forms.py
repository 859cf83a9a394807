from django import forms

from orientation.actionplan.enums import Party
from orientation.actionplan.models import Action


class ContractForm(forms.Form):
    ppo_summary = forms.CharField(
        label="Programme pluriannuel d'orientation (PPO) de l'établissement",
        widget=forms.Textarea,
        help_text="Les grandes lignes du programme voté par l'établissement.",
    )
    commitments = forms.CharField(label="Engagements des parties", widget=forms.Textarea)
    actions = forms.ModelMultipleChoiceField(
        label="Actions du plan concernées",
        queryset=Action.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["actions"].queryset = plan.actions.all()


class AmendmentForm(ContractForm):
    summary = forms.CharField(label="Ce que l'avenant change", widget=forms.Textarea)

    field_order = ["summary", "ppo_summary", "commitments", "actions"]


class NoticeForm(forms.Form):
    party = forms.ChoiceField(label="Partie qui résilie", choices=Party.choices)
    given_on = forms.DateField(label="Date du préavis", widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label="Motif", widget=forms.Textarea)


class SignForm(forms.Form):
    party = forms.ChoiceField(label="Je signe pour", choices=Party.choices)


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label="Commentaire", required=False, widget=forms.Textarea)
