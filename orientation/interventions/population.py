"""A realistic population of ambassadors and requests for the demo (and the matching benchmark).

Geography is real (establishments with their coordinates, REP/REP+ status and commune; communes
with their population); jobs are drawn in proportion to the BMO recruitment projects of the region.
The demo reads the inputs from the database (``demo.load_from_db``), the benchmark from the
open-data files (``bench/matching_population.py``). :func:`generate` then draws an orientation week:
each request has two or three half-day windows; each ambassador is free on a few half-days, lives in
a commune drawn by population, travels 15–50 km and practises one or two jobs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from orientation.interventions.matching import (
    PARIS,
    Candidate,
    JobFacts,
    Need,
)

HALF_DAYS = ((time(9), time(12)), (time(14), time(17)))  # morning and afternoon windows


@dataclass(frozen=True)
class Site:
    id: int
    name: str
    lat: float
    lon: float
    weight: float
    priority: bool
    priority_label: str


@dataclass(frozen=True)
class Home:
    lat: float
    lon: float
    weight: float
    name: str = ""


@dataclass(frozen=True)
class Inputs:
    sites: list[Site]
    homes: list[Home]
    job_weights: dict[str, float]  # ROME code → BMO recruitment projects


def job_facts_from_weights(job_weights: dict[str, float]) -> JobFacts:
    """Recruiting: the top quarter of jobs by BMO projects; little known: the bottom fifth."""
    ordered = sorted(job_weights, key=lambda c: (-job_weights[c], c))
    quarter, fifth = len(ordered) // 4, len(ordered) // 5
    return JobFacts(recruiting=frozenset(ordered[:quarter]), little_known=frozenset(ordered[-fifth:] if fifth else []))


def week_slots(week_start: date) -> list[tuple[datetime, datetime]]:
    slots = []
    for day in range(5):
        for start, end in HALF_DAYS:
            d = week_start + timedelta(days=day)
            slots.append((datetime.combine(d, start, tzinfo=PARIS), datetime.combine(d, end, tzinfo=PARIS)))
    return slots


def generate(
    inputs: Inputs, *, n_requests: int, n_ambassadors: int, week_start: date, seed: int = 2026
) -> tuple[list[Need], list[Candidate], JobFacts]:
    rng = random.Random(seed)
    facts = job_facts_from_weights(inputs.job_weights)
    codes = sorted(inputs.job_weights)
    code_weights = [inputs.job_weights[c] for c in codes]
    slots = week_slots(week_start)
    needs = []
    chosen_sites = rng.choices(inputs.sites, weights=[s.weight for s in inputs.sites], k=n_requests)
    for i, site in enumerate(chosen_sites):
        roll = rng.random()
        if roll < 0.7:
            wish_kind, wished = "JOBS", frozenset(rng.choices(codes, weights=code_weights, k=rng.choice((1, 2))))
        elif roll < 0.85:
            wish_kind, wished = "SECTOR", frozenset({rng.choices(codes, weights=code_weights)[0][0]})
        else:
            wish_kind, wished = "RECRUITING_NEAR", frozenset()
        windows = tuple(sorted(rng.sample(slots, rng.choice((2, 3)))))
        needs.append(
            Need(
                id=i + 1,
                establishment_id=site.id,
                lat=site.lat,
                lon=site.lon,
                priority=site.priority,
                priority_label=site.priority_label,
                wish_kind=wish_kind,
                wished=wished,
                windows=windows,
                duration_minutes=120,
            )
        )
    candidates = []
    homes = rng.choices(inputs.homes, weights=[h.weight for h in inputs.homes], k=n_ambassadors)
    for j, home in enumerate(homes):
        free = rng.sample(range(10), rng.choice((1, 2, 2, 3)))
        weekly = tuple(sorted((d // 2, HALF_DAYS[d % 2][0].hour * 60, HALF_DAYS[d % 2][1].hour * 60) for d in free))
        conflicts = frozenset({rng.choice(inputs.sites).id}) if rng.random() < 0.1 else frozenset()
        candidates.append(
            Candidate(
                id=j + 1,
                lat=home.lat + rng.uniform(-0.01, 0.01),
                lon=home.lon + rng.uniform(-0.01, 0.01),
                radius_km=float(rng.choice((15, 20, 30, 30, 40, 50))),
                rome_codes=frozenset(rng.choices(codes, weights=code_weights, k=rng.choice((1, 1, 2)))),
                counter_stereotype=rng.random() < 0.15,
                load=rng.choice((0, 0, 0, 1, 2, 3)),
                conflicts=conflicts,
                weekly=weekly,
                name=f"Ambassadeur {j + 1} ({home.name})",
            )
        )
    return needs, candidates, facts
