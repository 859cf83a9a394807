import random
from datetime import UTC, datetime, timedelta

import pytest

from orientation.interventions import matching
from orientation.interventions.matching import Candidate, JobFacts, Need
from orientation.territory.calendar import SchoolCalendar

MONDAY_9 = datetime(2027, 3, 8, 8, 0, tzinfo=UTC)  # 9:00 in Paris (winter time)
TUESDAY_9 = datetime(2027, 3, 9, 8, 0, tzinfo=UTC)
ALL_WEEK = tuple((d, 8 * 60, 18 * 60) for d in range(5))
LILLE = (50.6292, 3.0573)
ROUBAIX = (50.6942, 3.1746)
AMIENS = (49.8941, 2.2958)


def need(**kw):
    defaults = {
        "id": 1,
        "establishment_id": 10,
        "lat": ROUBAIX[0],
        "lon": ROUBAIX[1],
        "wished": frozenset({"H2909"}),
        "windows": ((MONDAY_9, MONDAY_9.replace(hour=10)),),
        "duration_minutes": 120,
    }
    defaults.update(kw)
    return Need(**defaults)


def cand(**kw):
    defaults = {
        "id": 1,
        "lat": LILLE[0],
        "lon": LILLE[1],
        "radius_km": 30,
        "rome_codes": frozenset({"H2909"}),
        "weekly": ALL_WEEK,
    }
    defaults.update(kw)
    return Candidate(**defaults)


class TestHardRules:
    def test_eligible_pair_has_reasons(self):
        pair = matching.evaluate(need(priority=True, priority_label="REP+"), cand(counter_stereotype=True), JobFacts())
        assert pair is not None
        text = " ".join(pair.reasons)
        assert "km" in text
        assert "métier demandé" in text
        assert "stéréotypes" in text
        assert "REP+" in text

    def test_conflict_of_interest_is_never_proposed(self):
        assert matching.evaluate(need(), cand(conflicts=frozenset({10})), JobFacts()) is None

    def test_out_of_range_is_never_proposed(self):
        assert matching.evaluate(need(lat=AMIENS[0], lon=AMIENS[1]), cand(), JobFacts()) is None

    def test_unavailable_weekday(self):
        assert matching.evaluate(need(), cand(weekly=((1, 480, 1080),)), JobFacts()) is None

    def test_window_shorter_than_duration(self):
        assert matching.evaluate(need(duration_minutes=180), cand(), JobFacts()) is None

    def test_outside_availability_period(self):
        from datetime import date

        assert matching.evaluate(need(), cand(periods=((date(2027, 4, 1), date(2027, 6, 30)),)), JobFacts()) is None

    def test_busy_ambassador(self):
        busy = ((MONDAY_9.replace(hour=9), MONDAY_9.replace(hour=10)),)
        assert matching.evaluate(need(), cand(busy=busy), JobFacts()) is None


class TestRanking:
    def test_job_match_then_distance_then_load(self):
        exact = cand(id=1)
        other_job = cand(id=2, rome_codes=frozenset({"K2111"}))
        near_domain = cand(id=3, rome_codes=frozenset({"H2903"}))
        busy_exact = cand(id=4, load=2)
        ranked = matching.rank(need(), [other_job, near_domain, busy_exact, exact], JobFacts())
        assert [p.candidate_id for p in ranked] == [1, 4, 3, 2]

    def test_recruiting_near_favours_bmo_jobs(self):
        facts = JobFacts(recruiting=frozenset({"J1501"}))
        ranked = matching.rank(
            need(wish_kind="RECRUITING_NEAR", wished=frozenset()),
            [cand(id=1, rome_codes=frozenset({"M1607"})), cand(id=2, rome_codes=frozenset({"J1501"}))],
            facts,
        )
        assert ranked[0].candidate_id == 2
        assert any("recrute" in r for r in ranked[0].reasons)

    def test_little_known_and_counter_stereotype_raise_rank(self):
        facts = JobFacts(little_known=frozenset({"H2909"}))
        plain = cand(id=1)
        model = cand(id=2, counter_stereotype=True)
        ranked = matching.rank(need(), [plain, model], facts)
        assert ranked[0].candidate_id == 2
        assert any("peu connu" in r for r in ranked[0].reasons)


def random_instance(seed, n_needs=40, n_cands=15):
    rng = random.Random(seed)
    slots = [(MONDAY_9, MONDAY_9.replace(hour=10)), (TUESDAY_9, TUESDAY_9.replace(hour=10))]
    needs = [
        need(
            id=i,
            establishment_id=i,
            lat=LILLE[0] + rng.uniform(-0.2, 0.2),
            lon=LILLE[1] + rng.uniform(-0.3, 0.3),
            priority=rng.random() < 0.3,
            wished=frozenset({rng.choice(["H2909", "J1501", "K2111"])}),
            windows=tuple(rng.sample(slots, rng.randint(1, 2))),
        )
        for i in range(n_needs)
    ]
    cands = [
        cand(
            id=100 + j,
            lat=LILLE[0] + rng.uniform(-0.2, 0.2),
            lon=LILLE[1] + rng.uniform(-0.3, 0.3),
            radius_km=rng.choice([10, 20, 40]),
            rome_codes=frozenset({rng.choice(["H2909", "J1501", "K2111"])}),
            load=rng.randint(0, 3),
            conflicts=frozenset({rng.randrange(n_needs)}),
        )
        for j in range(n_cands)
    ]
    return needs, cands


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_flow_is_optimal_and_respects_every_constraint(seed):
    needs, cands = random_instance(seed)
    problem, _pairs = matching.build_problem(needs, cands, JobFacts(), max_per_candidate=3)
    flow = matching.solve_flow(problem)
    exact, _bound = matching.solve_exact(problem)
    assert matching.objective(problem, flow) == matching.objective(problem, exact)
    # each request at most once, each ambassador at most once per half-day and ≤ 3 in all
    assert len({a.need_index for a in flow}) == len(flow)
    assert len({(a.cand_index, a.slot_index) for a in flow}) == len(flow)
    per_cand = {}
    for a in flow:
        per_cand[a.cand_index] = per_cand.get(a.cand_index, 0) + 1
        assert needs[a.need_index].establishment_id not in cands[a.cand_index].conflicts
        assert a.slot_index in problem.pair_slots[a.pair_index]
    assert max(per_cand.values()) <= 3


def test_priority_requests_served_first_when_scarce():
    window = (MONDAY_9, MONDAY_9.replace(hour=10))
    needs = [
        need(id=1, establishment_id=1, windows=(window,)),
        need(id=2, establishment_id=2, windows=(window,), priority=True),
    ]
    problem, _ = matching.build_problem(needs, [cand()], JobFacts())
    [assignment] = matching.solve_flow(problem)
    assert needs[assignment.need_index].id == 2


def test_on_a_drawn_population_pruning_keeps_the_optimum():
    # The benchmark's numpy builder is checked against build_problem by bench/matching.py itself.
    from datetime import date

    from orientation.interventions import population

    sites = [
        population.Site(
            i, f"Collège {i}", 50.6 + i * 0.01, 3.0 + i * 0.02, 100, i % 3 == 0, "REP" if i % 3 == 0 else ""
        )
        for i in range(1, 20)
    ]
    homes = [population.Home(50.6 + i * 0.015, 3.05 + i * 0.01, 1000 + i) for i in range(15)]
    inputs = population.Inputs(sites, homes, {"H2909": 50, "J1501": 30, "K2111": 5, "D1102": 20, "H2903": 10})
    needs, cands, facts = population.generate(
        inputs, n_requests=40, n_ambassadors=25, week_start=date(2027, 1, 18), seed=3
    )
    problem, _ = matching.build_problem(needs, cands, facts)
    exact, _ = matching.solve_exact(problem)
    assert len(problem.pair_need) > 0
    assert matching.objective(problem, matching.solve_flow(problem, per_need=10)) <= matching.objective(problem, exact)
    assert matching.objective(problem, matching.solve_flow(problem)) == matching.objective(problem, exact)


def test_explain_unserved():
    assert "ne se déplace" in matching.explain_unserved(need(lat=AMIENS[0], lon=AMIENS[1]), [cand()], 0)
    assert "aucun n'est libre" in matching.explain_unserved(need(), [cand(weekly=())], 0)
    assert "lien avec cet établissement" in matching.explain_unserved(need(), [cand(conflicts=frozenset({10}))], 0)
    assert "tous pris" in matching.explain_unserved(need(), [cand()], 1)


class TestSchoolCalendar:
    ZONE_B = SchoolCalendar("B")

    def test_a_window_in_the_christmas_holidays_is_never_proposed(self):
        wednesday = datetime(2026, 12, 23, 8, 0, tzinfo=UTC)
        holiday_need = need(windows=((wednesday, wednesday.replace(hour=12)),), calendar=self.ZONE_B)
        assert matching.evaluate(holiday_need, cand(), JobFacts()) is None
        assert matching.evaluate(need(windows=holiday_need.windows), cand(), JobFacts()) is not None
        why = matching.explain_unserved(holiday_need, [cand()], 0)
        assert why == "Tous les créneaux demandés tombent un jour sans classe : vacances de Noël (zone B)."

    def test_batch_never_proposes_a_closed_day_over_a_whole_school_year(self):
        """Every weekday half-day of 2026-2027 asked by 60 requests; candidates free all week."""
        rng = random.Random(7)
        day, days = datetime(2026, 9, 1, 8, 0, tzinfo=UTC), []
        while day.year < 2027 or day.month < 7:
            if day.weekday() < 5:
                days.append(day)
            day += timedelta(days=1)
        needs = [
            need(
                id=i,
                establishment_id=i,
                windows=tuple((d, d.replace(hour=12)) for d in sorted(rng.sample(days, 6))),
                calendar=self.ZONE_B,
            )
            for i in range(60)
        ]
        cands = [cand(id=j, radius_km=80) for j in range(12)]
        problem, _pairs = matching.build_problem(needs, cands, JobFacts())
        assignments = matching.solve_flow(problem)
        assert assignments
        closed_asked = sum(not self.ZONE_B.is_open(s.date()) for n in needs for s, _e in n.windows)
        assert closed_asked > 0  # the generated year does ask for closed days
        for a in assignments:
            start = problem.pair_start[a.pair_index][a.slot_index]
            assert self.ZONE_B.is_open(start.astimezone(matching.PARIS).date()), start
