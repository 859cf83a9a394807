"""Contract lifecycle (R14), amendments, termination, reminders, scope and PDF."""

import datetime
import subprocess
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from orientation.actionplan import selectors, services
from orientation.actionplan.enums import ActionStatus, ContractStatus
from orientation.actionplan.models import Action, ActionIndicator, ActionPlan, Contract
from orientation.core.errors import DomainError, PermissionDeniedError
from tests.organisations.factories import CompanyFactory
from tests.reporting.conftest import YEAR, coordinator_of


@pytest.fixture
def plan(world):
    plan = ActionPlan.objects.create(region=world.region, school_year=YEAR, title="Plan régional 2026-2027")
    plan.talks = Action.objects.create(
        plan=plan,
        objective="1.1",
        title="Des métiers qui recrutent dans chaque collège",
        owner=CompanyFactory(name="Chambre de métiers"),
        publics=["PUPILS"],
        levels=["3E"],
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2027, 6, 30),
    )
    return plan


@pytest.fixture
def contract(world, plan):
    return services.contract_create(
        actor=coordinator_of(world.nord),
        establishment=world.a,
        plan=plan,
        ppo_summary="Découvrir trois métiers par an.",
        commitments="La Région finance le bus.",
        actions=[plan.talks],
    )


@pytest.mark.django_db
def test_the_whole_lifecycle_draft_signed_active_evaluated_renewed(world, contract):
    coordinator = contract.created_by
    services.contract_sign(actor=world.head, contract=contract, party="ESTABLISHMENT")
    assert Contract.objects.get(pk=contract.pk).status == ContractStatus.DRAFT  # one party is not enough
    with pytest.raises(PermissionDeniedError):
        services.contract_sign(actor=world.head, contract=contract, party="REGION")
    signed = services.contract_sign(actor=coordinator, contract=contract, party="REGION")
    assert signed.status == ContractStatus.SIGNED
    active = services.contract_transition(
        actor=coordinator, contract=signed, to=ContractStatus.ACTIVE, today=datetime.date(2026, 9, 15)
    )
    assert (active.starts_on, active.ends_on) == (datetime.date(2026, 9, 15), datetime.date(2029, 9, 14))
    with pytest.raises(DomainError, match="conclusions"):
        services.contract_transition(actor=coordinator, contract=active, to=ContractStatus.EVALUATED)
    evaluated = services.contract_transition(
        actor=coordinator, contract=active, to=ContractStatus.EVALUATED, note="Objectifs atteints."
    )
    services.contract_transition(actor=coordinator, contract=evaluated, to=ContractStatus.RENEWED)
    renewal = Contract.objects.get(renewed_from=contract)
    assert renewal.status == ContractStatus.DRAFT
    assert list(renewal.actions.all()) == [contract.plan.talks]
    assert [row.to_status for row in contract.status_log.all()] == ["DRAFT", "SIGNED", "ACTIVE", "EVALUATED", "RENEWED"]


@pytest.mark.django_db
def test_termination_takes_effect_two_months_after_notice(world, contract, django_capture_on_commit_callbacks):
    coordinator = contract.created_by
    services.contract_sign(actor=world.head, contract=contract, party="ESTABLISHMENT")
    services.contract_sign(actor=coordinator, contract=contract, party="REGION")
    with django_capture_on_commit_callbacks(execute=True):
        noticed = services.contract_give_notice(
            actor=world.head,
            contract=contract,
            party="ESTABLISHMENT",
            given_on=datetime.date(2026, 12, 31),
            reason="Fusion",
        )
    assert noticed.termination_effective_on == datetime.date(2027, 2, 28)
    assert len(mail.outbox) == 2
    assert "28 février 2027" in mail.outbox[0].body
    assert services.contracts_end_terminated(today=datetime.date(2027, 2, 27)) == 0
    assert Contract.objects.get(pk=contract.pk).status == ContractStatus.SIGNED
    with pytest.raises(DomainError, match="déjà"):
        services.contract_give_notice(
            actor=coordinator, contract=contract, party="REGION", given_on=datetime.date(2027, 1, 5), reason="x"
        )


@pytest.mark.django_db
def test_the_notice_ends_the_contract_once_elapsed(world, contract):
    coordinator = contract.created_by
    services.contract_sign(actor=world.head, contract=contract, party="ESTABLISHMENT")
    services.contract_sign(actor=coordinator, contract=contract, party="REGION")
    Contract.objects.filter(pk=contract.pk).update(
        notice_given_on=datetime.date(2020, 1, 10), termination_effective_on=datetime.date(2020, 3, 10)
    )
    assert services.contracts_end_terminated() == 1
    ended = Contract.objects.get(pk=contract.pk)
    assert ended.status == ContractStatus.ENDED
    assert ended.status_log.last().actor is None


@pytest.mark.django_db
def test_an_amendment_keeps_the_previous_version(world, contract, plan):
    coordinator = contract.created_by
    with pytest.raises(DomainError, match="signé"):
        services.contract_amend(actor=coordinator, contract=contract, summary="Trop tôt")
    services.contract_sign(actor=world.head, contract=contract, party="ESTABLISHMENT")
    services.contract_sign(actor=coordinator, contract=contract, party="REGION")
    amendment = services.contract_amend(
        actor=coordinator,
        contract=contract,
        summary="Un métier de plus",
        ppo_summary="Découvrir quatre métiers par an.",
    )
    contract.refresh_from_db()
    assert (contract.version, amendment.number) == (2, 1)
    assert amendment.previous_terms["ppo_summary"] == "Découvrir trois métiers par an."
    assert amendment.new_terms["ppo_summary"] == "Découvrir quatre métiers par an."
    assert amendment.previous_terms["actions"] == [plan.talks.title]
    second = services.contract_amend(actor=coordinator, contract=contract, summary="Sans action", actions=[])
    assert second.number == 2
    assert second.previous_terms["ppo_summary"] == "Découvrir quatre métiers par an."
    assert second.new_terms["actions"] == []


@pytest.mark.django_db
def test_reminders_before_expiry_once_per_threshold(world, contract, django_capture_on_commit_callbacks):
    Contract.objects.filter(pk=contract.pk).update(
        status=ContractStatus.ACTIVE, starts_on=datetime.date(2024, 9, 1), ends_on=datetime.date(2027, 8, 31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.contract_expiry_remind(today=datetime.date(2027, 5, 1)) == 0
        assert services.contract_expiry_remind(today=datetime.date(2027, 6, 10)) == 1
        assert services.contract_expiry_remind(today=datetime.date(2027, 6, 11)) == 0
        assert services.contract_expiry_remind(today=datetime.date(2027, 8, 5)) == 1
    assert len(mail.outbox) == 4  # the head and the coordinator, twice
    assert "31 août 2027" in mail.outbox[0].body


@pytest.mark.django_db
def test_contracts_outside_the_territory_answer_404(world, contract, client, tmp_path):
    url = reverse("actionplan:contract", args=[contract.pk])
    client.force_login(coordinator_of(world.pas_de_calais))
    assert client.get(url).status_code == 404
    assert client.get(reverse("actionplan:contract_pdf", args=[contract.pk])).status_code == 404
    assert client.post(reverse("actionplan:contract_sign", args=[contract.pk]), {"party": "REGION"}).status_code == 404
    client.force_login(world.head)
    assert client.get(url).status_code == 200
    client.force_login(contract.created_by)
    page = client.get(url).content.decode()
    assert "Collège Rosa Parks" in page
    pdf = client.get(reverse("actionplan:contract_pdf", args=[contract.pk]))
    path = tmp_path / "contrat.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert "Collège Rosa Parks" in text
    assert "Découvrir trois métiers par an." in text


@pytest.mark.django_db
def test_plan_progress_computed_and_entered_indicators(world, plan):
    ActionIndicator.objects.create(
        action=plan.talks, label="Interventions", target=Decimal(4), computed_code="interventions_done"
    )
    entered = ActionIndicator.objects.create(action=plan.talks, label="Familles informées", target=Decimal(100))
    services.action_indicator_enter(
        actor=coordinator_of(region=world.region),
        indicator=entered,
        value=Decimal(120),
        source="Enquête CIO, juin 2027",
    )
    (row,) = selectors.plan_progress(plan, today=datetime.date(2027, 7, 15))
    assert [p.value for p in row.indicators] == [Decimal(3), Decimal(120)]  # 2 in the Nord + 1 in the Pas-de-Calais
    assert [p.percent for p in row.indicators] == [75, 100]
    assert row.status == ActionStatus.LATE
    (row,) = selectors.plan_progress(plan, today=datetime.date(2027, 1, 15))
    assert row.status == ActionStatus.RUNNING
    with pytest.raises(DomainError, match="source"):
        services.action_indicator_enter(
            actor=coordinator_of(region=world.region), indicator=entered, value=Decimal(1), source=""
        )
