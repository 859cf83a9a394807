"""Benchmark of batch matching on a region-scale orientation week.

    .venv/bin/python bench/matching.py [--requests 5000] [--ambassadors 2000] [--exact-requests 500]

1. Draws 5,000 requests from real establishments (weighted by pupils; REP/REP+ from the DEPP
   file, rural = commune under 2,000 inhabitants) and 2,000 ambassadors living in real communes
   (weighted by population), jobs weighted by BMO 2025 recruitment projects.
2. Times the production batch matcher (vectorised feasibility + score, then OR-Tools min-cost flow).
3. On a 500-request instance (and 200 ambassadors, the same ratio) solves the very same objective
   exactly as a MILP with HiGHS, and reports the optimality gap of the production method.
4. Checks on a sample that the vectorised builder gives the same pairs and values as the
   site's pure-Python builder.

The last line is machine-readable.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The matcher and the generator need no database, but the inputs are read with the import's file
# specifications, which live beside Django models: set Django up (nothing connects to a database).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orientation.settings")
import django  # noqa: E402

django.setup()

from matching_population import build_problem_fast, load_open_data  # noqa: E402

from orientation.interventions import matching, population  # noqa: E402


def data_dir() -> Path:
    env = os.environ.get("ORIENTATION_OPEN_DATA")
    if env and Path(env).is_dir():
        return Path(env)
    sibling = ROOT.parent / "shared" / "data"
    if sibling.is_dir():
        return sibling
    sys.exit("Données ouvertes introuvables : définissez ORIENTATION_OPEN_DATA.")


def served_shares(needs, assignments) -> tuple[float, float]:
    served = {a.need_index for a in assignments}
    prio = [i for i, n in enumerate(needs) if n.priority]
    other = [i for i, n in enumerate(needs) if not n.priority]
    share = lambda idx: 100.0 * sum(1 for i in idx if i in served) / max(1, len(idx))  # noqa: E731
    return share(prio), share(other)


def check_builders_agree(inputs, week) -> None:
    needs, cands, facts = population.generate(inputs, n_requests=60, n_ambassadors=120, week_start=week, seed=7)
    fast, _ = build_problem_fast(needs, cands, facts)
    slow, _pairs = matching.build_problem(needs, cands, facts)
    as_set = lambda p: {  # noqa: E731
        (int(n), int(c), int(v), len(s))
        for n, c, v, s in zip(p.pair_need, p.pair_cand, p.pair_value, p.pair_slots, strict=True)
    }
    if as_set(fast) != as_set(slow):
        sys.exit("ÉCHEC : le constructeur vectorisé et le constructeur du site ne donnent pas les mêmes paires")
    print(f"check: vectorised and site builders agree on {len(slow.pair_need)} pairs")


def assignments_on(full, pruned, assignments):
    """Re-express the pruned problem's assignment as pair indices of the full problem."""
    index = {(int(n), int(c)): i for i, (n, c) in enumerate(zip(full.pair_need, full.pair_cand, strict=True))}
    return [
        matching.Assignment(a.need_index, a.cand_index, a.slot_index, index[(a.need_index, a.cand_index)])
        for a in assignments
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--ambassadors", type=int, default=2000)
    parser.add_argument("--exact-requests", type=int, default=500)
    parser.add_argument("--per-need", type=int, default=0, help="keep only each request's best pairs (0: all)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--full-check",
        action="store_true",
        help="also solve the full-size instance without pruning (min-cost flow is exact) and report that gap",
    )
    args = parser.parse_args()

    started = time.perf_counter()
    inputs = load_open_data(data_dir())
    week = date(2027, 1, 18)  # a Monday: the orientation week
    needs, cands, _facts = population.generate(
        inputs, n_requests=args.requests, n_ambassadors=args.ambassadors, week_start=week, seed=args.seed
    )
    facts = _facts
    print(
        f"data: {len(inputs.sites)} establishments, {len(inputs.homes)} communes, {len(inputs.job_weights)} ROME jobs "
        f"weighted by BMO; priority requests {sum(n.priority for n in needs)}/{len(needs)} "
        f"({time.perf_counter() - started:.1f} s to load and draw)"
    )
    check_builders_agree(inputs, week)

    t0 = time.perf_counter()
    problem, _starts = build_problem_fast(needs, cands, facts, per_need=args.per_need)
    t1 = time.perf_counter()
    assignments = matching.solve_flow(problem)  # already pruned while building
    t2 = time.perf_counter()
    seconds = t2 - t0
    prio, other = served_shares(needs, assignments)
    print(
        f"production: {len(problem.pair_need)} feasible pairs built in {t1 - t0:.2f} s, "
        f"min-cost flow solved in {t2 - t1:.2f} s, objective {matching.objective(problem, assignments)}"
    )

    if args.full_check:
        t5 = time.perf_counter()
        full, _ = build_problem_fast(needs, cands, facts)
        full_obj = matching.objective(full, matching.solve_flow(full))
        pruned_obj = matching.objective(full, assignments_on(full, problem, assignments))
        print(
            f"full-size check: {len(full.pair_need)} pairs, exact optimum {full_obj}, pruned production {pruned_obj}, "
            f"gap {100.0 * (full_obj - pruned_obj) / full_obj:.3f} % ({time.perf_counter() - t5:.1f} s)"
        )

    ratio = args.exact_requests / args.requests
    small_needs, small_cands, small_facts = population.generate(
        inputs,
        n_requests=args.exact_requests,
        n_ambassadors=max(1, round(args.ambassadors * ratio)),
        week_start=week,
        seed=args.seed + 1,
    )
    small, _ = build_problem_fast(small_needs, small_cands, small_facts)  # every feasible pair
    prod_small = matching.objective(small, matching.solve_flow(small, per_need=args.per_need))
    t3 = time.perf_counter()
    exact_assignments, bound = matching.solve_exact(small)
    t4 = time.perf_counter()
    exact_obj = matching.objective(small, exact_assignments)
    best = max(exact_obj, bound if bound == bound else exact_obj)  # NaN-safe
    gap = 100.0 * max(0.0, best - prod_small) / best if best else 0.0
    print(
        f"exact: {args.exact_requests} requests, {len(small.pair_need)} pairs, MILP (HiGHS) objective {exact_obj} "
        f"(bound {bound:.0f}) in {t4 - t3:.1f} s; production objective {prod_small}"
    )
    print(
        f"matching requests={len(needs)} ambassadors={len(cands)} seconds={seconds:.3f} assigned={len(assignments)} "
        f"gap_pct={gap:.3f} served_priority_pct={prio:.1f} served_other_pct={other:.1f}"
    )


if __name__ == "__main__":
    main()
