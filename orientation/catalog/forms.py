from django import forms

from orientation.catalog.selectors import find_commune


class CommuneForm(forms.Form):
    """« Près de chez moi » : a commune by INSEE code or name, to sort places by distance."""

    commune = forms.CharField(
        label="Votre commune",
        required=False,
        max_length=150,
        help_text="Son nom (ex. Arras) ou son code INSEE (ex. 62041), pour voir les lieux les plus proches.",
    )

    def clean_commune(self):
        value = self.cleaned_data["commune"].strip()
        if not value:
            self.commune_obj = None
            return ""
        self.commune_obj = find_commune(value)
        if self.commune_obj is None:
            raise forms.ValidationError(
                "Nous ne trouvons pas cette commune dans la région. Vérifiez l'orthographe ou donnez son code INSEE."
            )
        return value


class RecruitingAreaForm(forms.Form):
    """Choice of a département or an employment area (bassin) for the jobs-that-recruit page."""

    departement = forms.ChoiceField(label="Département", required=False)
    bassin = forms.ChoiceField(
        label="ou bassin d'emploi",
        required=False,
        help_text="Le bassin d'emploi est plus précis que le département ; s'il est choisi, il l'emporte.",
    )

    def __init__(self, *args, departments=(), basins=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departement"].choices = [("", "Toute la région")] + [(d.code, str(d)) for d in departments]
        self.fields["bassin"].choices = [("", "Tous les bassins")] + [(b.code, b.name.title()) for b in basins]
