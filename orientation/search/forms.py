"""The search parameters, validated once for the page and the API (French messages)."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

from django import forms

from orientation.search.enums import LEVEL_LABELS, DocumentType, Modality
from orientation.search.places import place_by_code, place_by_words, places_generation
from orientation.search.selectors import MAX_PAGE, SearchParams
from orientation.search.text import words

MAX_RADIUS_KM = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Que cherchez-vous ?",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
        help_text="Un métier, une formation, un domaine… par exemple « boulangère » ou « BTS compta ».",
        error_messages={"max_length": "La recherche est trop longue (200 caractères au plus)."},
    )
    commune = forms.CharField(
        label="Votre commune (facultatif)",
        required=False,
        max_length=150,
        help_text="Pour voir la distance jusqu'aux lieux de formation. Nom ou code INSEE.",
    )
    radius_km = forms.IntegerField(
        label="Distance maximale (km)",
        required=False,
        min_value=1,
        max_value=MAX_RADIUS_KM,
        error_messages={
            "invalid": "La distance doit être un nombre entier de kilomètres.",
            "min_value": "La distance doit être d'au moins 1 km.",
            "max_value": f"La distance ne peut pas dépasser {MAX_RADIUS_KM} km.",
        },
    )
    type = forms.MultipleChoiceField(
        label="Type de résultat",
        required=False,
        choices=DocumentType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Type inconnu : choisissez métier, formation ou lieu de formation."},
    )
    level = forms.TypedMultipleChoiceField(
        label="Niveau",
        required=False,
        coerce=int,
        choices=[(str(k), v) for k, v in LEVEL_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Niveau inconnu : choisissez un niveau de 3 (CAP) à 8 (doctorat)."},
    )
    modality = forms.ChoiceField(
        label="Voie",
        required=False,
        choices=[("", "Toutes"), *Modality.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Voie inconnue : choisissez voie scolaire ou apprentissage."},
    )
    department = forms.RegexField(
        label="Département",
        required=False,
        regex=r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$",
        error_messages={"invalid": "Département inconnu : donnez son code, par exemple 59 ou 02."},
    )
    recruits = forms.BooleanField(label="Seulement les métiers qui recrutent", required=False)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "Le numéro de page doit être un nombre entier.",
            "min_value": "Le numéro de page commence à 1.",
            "max_value": f"Les résultats s'arrêtent à la page {MAX_PAGE}.",
        },
    )

    def clean_commune(self):
        value = (self.cleaned_data.get("commune") or "").strip()
        if not value:
            return None
        place = place_by_code(value.upper()) if value[:2].isalnum() and len(value) == 5 else None
        if place is None:
            found = place_by_words(words(value))
            if found is not None and found[1] == len(words(value)):
                place = found[0]
        if place is None:
            raise forms.ValidationError(f"Commune introuvable : « {value} ». Vérifiez le nom ou le code INSEE.")
        return place

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q") or "",
            place=data.get("commune"),
            radius_km=data.get("radius_km"),
            types=list(data.get("type") or []),
            levels=list(data.get("level") or []),
            modality=data.get("modality") or "",
            department=data.get("department") or "",
            recruits=bool(data.get("recruits")),
            page=data.get("page") or 1,
        )


VALIDATED_SIZE = 2000
_validated_lock = threading.Lock()
_validated: OrderedDict[tuple, SearchParams | str] = OrderedDict()


def validated_params(data: dict) -> SearchParams | str:
    """The API's parameters validated by ``SearchForm``: the params, or the French error message.

    Validation is a pure function of the parameters (and of the communes, whose reload changes
    ``places_generation``), and building a form costs more than the rest of a remembered request:
    recent outcomes are kept, a fresh copy of the params is returned each time.
    """
    key = (places_generation(), *((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(data.items())))
    with _validated_lock:
        found = _validated.get(key)
    if found is None:
        form = SearchForm(data)
        if form.is_valid():
            found = form.params()
        else:
            found = " ".join(f"{name} : {error}" for name, errors in form.errors.items() for error in errors)
        with _validated_lock:
            _validated[key] = found
            while len(_validated) > VALIDATED_SIZE:
                _validated.popitem(last=False)
    if isinstance(found, str):
        return found
    return dataclasses.replace(found, types=list(found.types), levels=list(found.levels))
