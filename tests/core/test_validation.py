import pytest
from django import forms

from orientation.core.errors import DomainError
from orientation.core.validation import add_domain_error, validate
from orientation.schooling.models import SchoolYear

pytestmark = pytest.mark.django_db


def test_field_error_keeps_its_field_and_french_message():
    year = SchoolYear(label="", starts_on="2026-09-01", ends_on="2027-07-04")
    with pytest.raises(DomainError) as caught:
        validate(year)
    assert caught.value.field == "label"
    assert "Ce champ ne peut pas être vide." in caught.value.message


def test_constraint_error_has_no_field():
    year = SchoolYear(label="2026-2027", starts_on="2027-07-04", ends_on="2026-09-01")
    with pytest.raises(DomainError) as caught:
        validate(year)
    assert caught.value.field is None


class _Form(forms.Form):
    email = forms.EmailField()
    password1 = forms.CharField()


def _bound_form():
    form = _Form({"email": "a@exemple.fr", "password1": "x"})
    assert form.is_valid()
    return form


def test_error_goes_beside_its_field_when_the_form_has_it():
    form = _bound_form()
    add_domain_error(form, DomainError("Adresse déjà utilisée.", field="email"))
    assert form.errors == {"email": ["Adresse déjà utilisée."]}


def test_error_on_a_field_the_form_lacks_goes_on_top():
    form = _bound_form()
    add_domain_error(form, DomainError("Trop tard.", field="starts_at"))
    assert form.non_field_errors() == ["Trop tard."]


def test_renamed_field():
    form = _bound_form()
    add_domain_error(form, DomainError("Trop court.", field="password"), renames={"password": "password1"})
    assert form.errors == {"password1": ["Trop court."]}
