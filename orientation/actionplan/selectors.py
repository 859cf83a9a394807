"""Reads of the action plan and contracts, scoped to the viewer (404 outside)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from orientation.actionplan.computed import COMPUTED
from orientation.actionplan.enums import ActionStatus
from orientation.actionplan.models import Action, ActionIndicator, ActionPlan, Contract
from orientation.organisations.selectors import staff_establishments_visible_to


def contracts_visible_to(user) -> QuerySet[Contract]:
    """Coordinators: their territory's contracts; an establishment's staff: its own."""
    return Contract.objects.filter(establishment__in=staff_establishments_visible_to(user).values("pk"))


def contract_for(user, pk: int) -> Contract:
    return get_object_or_404(
        contracts_visible_to(user).select_related("establishment__commune", "plan", "renewed_from"), pk=pk
    )


@dataclass
class IndicatorProgress:
    indicator: ActionIndicator
    value: Decimal | None
    source: str

    @property
    def percent(self) -> int:
        if self.value is None:
            return 0
        return min(int(100 * self.value / self.indicator.target), 100)


@dataclass
class ActionProgress:
    action: Action
    indicators: list[IndicatorProgress]
    status: str

    @property
    def status_label(self) -> str:
        return ActionStatus(self.status).label

    @property
    def percent(self) -> int:
        return min((i.percent for i in self.indicators), default=0)


def indicator_progress(indicator: ActionIndicator) -> IndicatorProgress:
    if indicator.computed_code in COMPUTED:
        return IndicatorProgress(
            indicator, COMPUTED[indicator.computed_code][2](indicator.action), "calculé par la plateforme"
        )
    return IndicatorProgress(indicator, indicator.entered_value, indicator.source)


def action_status(action: Action, indicators: list[IndicatorProgress], today: datetime.date) -> str:
    reached = bool(indicators) and all(i.value is not None and i.value >= i.indicator.target for i in indicators)
    if reached:
        return ActionStatus.DONE
    if today < action.starts_on:
        return ActionStatus.PLANNED
    if today > action.ends_on:
        return ActionStatus.LATE
    return ActionStatus.RUNNING


def plan_progress(plan: ActionPlan, *, today: datetime.date | None = None) -> list[ActionProgress]:
    today = today or timezone.localdate()
    rows = []
    actions = plan.actions.select_related("owner", "department", "plan").prefetch_related("indicators")
    for action in actions:
        indicators = [indicator_progress(i) for i in action.indicators.all()]
        rows.append(ActionProgress(action, indicators, action_status(action, indicators, today)))
    return rows


def current_plan(region_id: int | None = None, school_year: str | None = None) -> ActionPlan | None:
    plans = ActionPlan.objects.all()
    if region_id:
        plans = plans.filter(region_id=region_id)
    if school_year:
        plans = plans.filter(school_year=school_year)
    return plans.order_by("-school_year").first()
