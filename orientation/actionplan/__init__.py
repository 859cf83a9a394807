"""Action plan and contracts per establishment (R9, R14).

Design
------
* ``ActionPlan``: the regional plan of one school year. ``Action``: one action of it, filed under an
  objective of the three strategic axes (``interventions.enums.Objective``/``Axis``, DOMAIN.md), with
  its owner (a partner organisation, ``organisations.Company``), publics, levels, territory (a
  département, or the whole region), dates. Its status (planned, running, done, late) is computed
  from its dates and its indicators' progress, never stored.
* ``ActionIndicator``: a target and how the value is obtained — *computed* from the platform's
  records (``computed.COMPUTED``: e.g. the share of 3e classes with at least one intervention on a job
  that recruits) or *entered* by a coordinator with its source. Progress = value / target.
* ``Contract``: an establishment's orientation contract linking its multi-year programme (PPO) to
  actions of the plan. Lifecycle in ``workflow.CONTRACT`` (the core workflow idiom, one
  ``ContractStatusLog`` row per change): draft → signed by the parties → active for three years →
  evaluated → renewed (a new draft contract follows it) or ended. Either party may give formal
  notice: the termination takes effect two months later (``termination_effective_on``), when the
  daily task ends it. ``ContractAmendment`` (avenant) is versioned: it records what changed and the
  previous terms as they were, and the contract's ``version`` goes up. Reminders go before expiry
  (``services.contract_expiry_remind``, 90 and 30 days). Contract and amendments print as PDF.
* Scope: coordinators see the contracts of their territory, an establishment's staff its own; any
  other contract answers 404.
"""
