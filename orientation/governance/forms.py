from django import forms


class MinutesForm(forms.Form):
    text = forms.CharField(label="Compte rendu", widget=forms.Textarea)


class ApproveForm(forms.Form):
    minutes = forms.IntegerField(widget=forms.HiddenInput)
    at_meeting = forms.ModelChoiceField(label="Approuvé lors de la réunion du", queryset=None)

    def __init__(self, *args, meetings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        self.fields["at_meeting"].label_from_instance = lambda m: f"{m.held_on:%d/%m/%Y}"


class DecisionForm(forms.Form):
    text = forms.CharField(label="Décision", widget=forms.Textarea)


class FollowUpForm(forms.Form):
    decision = forms.IntegerField(widget=forms.HiddenInput)
    what = forms.CharField(label="Suite à donner", max_length=300)
    owner = forms.CharField(label="Responsable", max_length=200)
    due_on = forms.DateField(label="Échéance", widget=forms.DateInput(attrs={"type": "date"}))
