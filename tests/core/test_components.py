from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    email = forms.EmailField(label="Adresse électronique", help_text="Celle de l'établissement.")


def test_form_field_hint_is_the_target_of_the_input_description():
    """The input's aria-describedby (set by Django) must point at the rendered hint and error."""
    form = _Form(data={"email": "pas-une-adresse"})
    html = render_to_string("components/form_field.html", {"field": form["email"]})
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert 'id="id_email_helptext"' in html
    assert 'id="id_email_error"' in html
    assert "Saisissez une adresse de courriel valide." in html
