"""Placement e-mails: each person gets their own message and sees nobody else's address."""

import pytest
from django.core import mail

from orientation.internships import services
from orientation.internships.enums import Party
from tests.internships.conftest import bring_to_validated

PARENT = "parent@exemple.fr"


def _addresses(flow):
    return {"pupil": flow["pupil"].email, "parent": PARENT, "school": flow["teacher"].email, "host": flow["host"].email}


def _sent(subject_start):
    return sorted(m.to[0] for m in mail.outbox if m.subject.startswith(subject_start))


def _run_placement(flow, capture):
    with capture(execute=True):
        application = bring_to_validated(flow)
        application = services.application_accept(actor=flow["host"], application=application, message="Bienvenue")
        agreement = application.agreement
        services.agreement_sign(agreement=agreement, party=Party.PUPIL, actor=flow["pupil"], signer_name="")
        services.agreement_sign(agreement=agreement, party=Party.PARENT, signer_name="Fatima Benali")
        services.agreement_sign(agreement=agreement, party=Party.SCHOOL, actor=flow["teacher"], signer_name="")
        services.agreement_sign(agreement=agreement, party=Party.HOST, actor=flow["host"], signer_name="")


def test_pupil_parent_school_and_company_each_get_their_own_message(flow, django_capture_on_commit_callbacks):
    _run_placement(flow, django_capture_on_commit_callbacks)
    who = _addresses(flow)
    assert _sent("Stage accepté") == sorted([who["pupil"], who["parent"], who["school"]])
    assert _sent("Convention de stage signée") == sorted([who["pupil"], who["school"], who["host"]])
    assert _sent("Nouvelle candidature") == [who["host"]]
    for message in mail.outbox:
        assert message.to in ([address] for address in who.values())
        others = [address for address in who.values() if address != message.to[0]]
        assert not [address for address in others if address in message.subject + message.body]


@pytest.mark.parametrize("full_name", [("Inès", "Benali"), ("", "")])
def test_the_company_never_receives_the_pupils_or_parents_address(flow, django_capture_on_commit_callbacks, full_name):
    flow["pupil"].first_name, flow["pupil"].last_name = full_name
    flow["pupil"].save()
    _run_placement(flow, django_capture_on_commit_callbacks)
    to_company = [m for m in mail.outbox if m.to == [flow["host"].email]]
    assert to_company
    for message in to_company:
        assert flow["pupil"].email not in message.body
        assert PARENT not in message.body
    named = full_name[0] or "Un élève"
    assert any(named in m.body for m in to_company)
