"""Matching ambassadors with intervention requests (R3, R4, R12).

Pure code, no database: loaders (``interventions.selectors`` for the site, ``interventions.demo``
for the benchmark) describe requests as :class:`Need` and ambassadors as :class:`Candidate`.

Hard rules — a pair is never proposed when any fails: the ambassador is proposable (active,
current charter, training done: checked by the loader), has no declared interest in the
establishment, the establishment is within their travel radius, and they are free in one of the
request's windows.

Soft rules — the score, with its reasons shown to the coordinator: distance, job match, jobs that
recruit (BMO) or are little known, counter-stereotype role models, and a fair load across
ambassadors. In batch matching, serving a REP/REP+ or rural establishment earns a bonus so those
requests are served first.

Batch matching solves one optimisation over every request at once: a min-cost flow (OR-Tools)
source → request → (ambassador, half-day) → ambassador → sink, whose integral optimum is the
best assignment; the ambassador → sink arcs carry an increasing cost per extra intervention (a
convex fair-load penalty). :func:`solve_exact` writes the very same objective as a MILP (HiGHS),
used by the benchmark to measure the optimality gap of the production method.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from orientation.core.geo import haversine_km
from orientation.territory.calendar import SchoolCalendar

# Score weights (points). Kept together so the page and the benchmark share one objective.
W_DISTANCE = 25.0
W_JOB_EXACT = 30.0
W_JOB_SECTOR = 20.0
W_JOB_DOMAIN = 12.0
W_RECRUITS = 10.0
W_LITTLE_KNOWN = 8.0
W_COUNTER_STEREOTYPE = 10.0
LOAD_STEP = 4.0  # fair load: each intervention already held costs this much more
SERVE_VALUE = 100.0  # batch: serving a request at all
PRIORITY_BONUS = 40.0  # batch: REP/REP+ or rural establishments first
PARIS = ZoneInfo("Europe/Paris")  # weekly slots are local times
SCALE = 10  # integer costs for the flow solver: 0.1 point resolution

SlotKey = Hashable


@dataclass(frozen=True)
class Need:
    """A request as the matcher sees it. ``windows`` are (start, end) aware datetimes."""

    id: int
    establishment_id: int
    lat: float
    lon: float
    priority: bool = False
    priority_label: str = ""
    wish_kind: str = "JOBS"
    wished: frozenset[str] = frozenset()  # ROME codes (5 chars) or sector prefixes (1–3 chars)
    windows: tuple[tuple[datetime, datetime], ...] = ()
    duration_minutes: int = 120
    calendar: SchoolCalendar = field(default_factory=SchoolCalendar)  # the establishment's: no closed day


@dataclass(frozen=True)
class Candidate:
    """An ambassador as the matcher sees it (already known to be proposable)."""

    id: int
    lat: float
    lon: float
    radius_km: float
    rome_codes: frozenset[str]
    counter_stereotype: bool = False
    load: int = 0
    conflicts: frozenset[int] = frozenset()
    weekly: tuple[tuple[int, int, int], ...] = ()  # (weekday, start minute, end minute)
    periods: tuple[tuple[date, date], ...] = ()  # empty: all year
    busy: tuple[tuple[datetime, datetime], ...] = ()
    name: str = ""


@dataclass(frozen=True)
class JobFacts:
    recruiting: frozenset[str] = frozenset()
    little_known: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Pair:
    need_id: int
    candidate_id: int
    score: float
    distance_km: float
    slots: dict[SlotKey, datetime]  # half-day key → start of the intervention
    reasons: list[str]


def slot_key(start: datetime) -> tuple[date, int]:
    """One intervention per ambassador per half-day: the key of a start time."""
    local = start.astimezone(PARIS) if start.tzinfo else start
    return (local.date(), 0 if local.hour < 13 else 1)


def score_parts(distance_km, radius_km, exact, sector, domain, recruits, little_known, counter):
    """The score, on scalars or numpy arrays alike (the single definition of the objective)."""
    distance = W_DISTANCE * np.clip(1.0 - np.asarray(distance_km) / np.maximum(radius_km, 1.0), 0.0, 1.0)
    job = np.where(exact, W_JOB_EXACT, np.where(sector, W_JOB_SECTOR, np.where(domain, W_JOB_DOMAIN, 0.0)))
    return (
        distance
        + job
        + W_RECRUITS * np.asarray(recruits, dtype=float)
        + W_LITTLE_KNOWN * np.asarray(little_known, dtype=float)
        + W_COUNTER_STEREOTYPE * np.asarray(counter, dtype=float)
    )


def free_slots(candidate: Candidate, need: Need) -> dict[SlotKey, datetime]:
    """Half-day keys (with start time) of the need's windows the candidate can take."""
    result: dict[SlotKey, datetime] = {}
    duration = timedelta(minutes=need.duration_minutes)
    for start, window_end in need.windows:
        end = start + duration
        if end > window_end:
            continue
        local_start, local_end = start.astimezone(PARIS), end.astimezone(PARIS)
        if local_start.date() != local_end.date():
            continue
        day = local_start.date()
        if not need.calendar.is_open(day):
            continue
        if candidate.periods and not any(a <= day <= b for a, b in candidate.periods):
            continue
        start_min = local_start.hour * 60 + local_start.minute
        end_min = local_end.hour * 60 + local_end.minute
        if not any(w == day.weekday() and a <= start_min and end_min <= b for w, a, b in candidate.weekly):
            continue
        if any(b_start < end and start < b_end for b_start, b_end in candidate.busy):
            continue
        result.setdefault(slot_key(start), start)
    return result


def _job_flags(need: Need, candidate: Candidate, facts: JobFacts) -> tuple[bool, bool, bool, str]:
    codes = candidate.rome_codes
    if need.wish_kind == "RECRUITING_NEAR":
        hit = sorted(codes & facts.recruiting)
        return bool(hit), False, False, hit[0] if hit else ""
    exact = sorted(codes & {w for w in need.wished if len(w) == 5})
    if exact:
        return True, False, False, exact[0]
    prefixes = [w for w in need.wished if len(w) < 5]
    sector = sorted(c for c in codes if any(c.startswith(p) for p in prefixes))
    if sector:
        return False, True, False, sector[0]
    domains = {w[:3] for w in need.wished if len(w) == 5}
    domain = sorted(c for c in codes if c[:3] in domains)
    return False, False, bool(domain), domain[0] if domain else ""


def evaluate(need: Need, candidate: Candidate, facts: JobFacts) -> Pair | None:
    """Score one pair with its reasons, or None when a hard rule forbids it."""
    if need.establishment_id in candidate.conflicts:
        return None
    distance = haversine_km(need.lat, need.lon, candidate.lat, candidate.lon)
    if distance > candidate.radius_km:
        return None
    slots = free_slots(candidate, need)
    if not slots:
        return None
    exact, sector, domain, job = _job_flags(need, candidate, facts)
    recruits = bool(candidate.rome_codes & facts.recruiting)
    little_known = bool(candidate.rome_codes & facts.little_known)
    score = float(
        score_parts(
            distance, candidate.radius_km, exact, sector, domain, recruits, little_known, candidate.counter_stereotype
        )
    )
    reasons = [f"À {distance:.0f} km de l'établissement (se déplace jusqu'à {candidate.radius_km:.0f} km)"]
    first = min(slots.values())
    reasons.append(
        f"Disponible le {first.astimezone(PARIS):%d/%m à %Hh%M}"
        + (f" (+{len(slots) - 1} autre(s) créneau(x))" if len(slots) > 1 else "")
    )
    label = facts.labels.get(job, job)
    if exact:
        reasons.append(f"Exerce le métier demandé : {label}")
    elif sector:
        reasons.append(f"Travaille dans le secteur demandé : {label}")
    elif domain:
        reasons.append(f"Exerce un métier proche de celui demandé : {label}")
    if recruits:
        reasons.append("Son métier recrute dans la région (enquête BMO)")
    if little_known:
        reasons.append("Son métier est peu connu des jeunes")
    if candidate.counter_stereotype:
        reasons.append("Modèle qui bouscule les stéréotypes (mixité, handicap)")
    if need.priority:
        reasons.append(f"Établissement {need.priority_label or 'prioritaire'} : servi en priorité")
    if candidate.load:
        reasons.append(f"A déjà {candidate.load} intervention(s) prévue(s) : la charge est répartie")
    return Pair(need.id, candidate.id, score, distance, slots, reasons)


def rank(need: Need, candidates: Iterable[Candidate], facts: JobFacts, limit: int = 10) -> list[Pair]:
    """Ranked candidates for one request (best first); load lowers the rank of busy ambassadors."""
    pairs = []
    loads = {}
    for candidate in candidates:
        pair = evaluate(need, candidate, facts)
        if pair is not None:
            pairs.append(pair)
            loads[candidate.id] = candidate.load
    pairs.sort(key=lambda p: (-(p.score - LOAD_STEP * loads[p.candidate_id]), p.distance_km, p.candidate_id))
    return pairs[:limit]


def explain_unserved(need: Need, candidates: Iterable[Candidate], feasible_count: int) -> str:
    """Why a request got nobody, in words a coordinator can act on."""
    candidates = list(candidates)
    closed = {need.calendar.closure(start.astimezone(PARIS).date()) for start, _end in need.windows}
    if need.windows and all(closed):
        return "Tous les créneaux demandés tombent un jour sans classe : " + ", ".join(sorted(closed)) + "."
    if feasible_count:
        return (
            f"{feasible_count} ambassadeur(s) possible(s), tous pris au même moment par d'autres demandes "
            "(prioritaires ou mieux adaptées) : proposez d'autres créneaux."
        )
    in_range = [c for c in candidates if haversine_km(need.lat, need.lon, c.lat, c.lon) <= c.radius_km]
    if not in_range:
        return "Aucun ambassadeur actif ne se déplace jusqu'à cet établissement."
    free = [c for c in in_range if free_slots(c, need)]
    if not free:
        return f"{len(in_range)} ambassadeur(s) à portée, mais aucun n'est libre sur les créneaux demandés."
    return f"{len(free)} ambassadeur(s) à portée et libre(s), mais tous ont déclaré un lien avec cet établissement."


# --- batch -------------------------------------------------------------------------------------


@dataclass
class BatchProblem:
    """Feasible pairs for many requests, in compact integer form.

    ``pair_need[i]``, ``pair_cand[i]``: indices; ``pair_value[i]``: integer value of serving that
    request with that candidate (serve + priority + score, ×SCALE); ``pair_slots[i]``: slot
    indices available for that pair. ``cand_load``: interventions already held.
    """

    need_ids: list[int]
    cand_ids: list[int]
    pair_need: np.ndarray
    pair_cand: np.ndarray
    pair_value: np.ndarray
    pair_slots: list[tuple[int, ...]]
    slot_keys: list[SlotKey]
    cand_load: np.ndarray
    max_per_candidate: int
    pair_start: list[dict[int, datetime]] | None = None

    def load_costs(self, cand: int) -> list[int]:
        """Integer cost of the 1st, 2nd… new intervention of a candidate (convex)."""
        base = int(self.cand_load[cand])
        return [round(LOAD_STEP * SCALE * (base + k)) for k in range(self.max_per_candidate)]


def pair_value(score: float, priority: bool) -> int:
    return round((SERVE_VALUE + (PRIORITY_BONUS if priority else 0.0) + score) * SCALE)


def build_problem(
    needs: Sequence[Need], candidates: Sequence[Candidate], facts: JobFacts, max_per_candidate: int = 5
) -> tuple[BatchProblem, dict[tuple[int, int], Pair]]:
    """The generic (pure Python) builder used by the site; the benchmark has a vectorised twin."""
    slot_index: dict[SlotKey, int] = {}
    rows: list[tuple[int, int, int, tuple[int, ...], dict[int, datetime]]] = []
    pairs: dict[tuple[int, int], Pair] = {}
    for n, need in enumerate(needs):
        for c, candidate in enumerate(candidates):
            pair = evaluate(need, candidate, facts)
            if pair is None:
                continue
            pairs[(need.id, candidate.id)] = pair
            idx = tuple(slot_index.setdefault(k, len(slot_index)) for k in pair.slots)
            starts = {slot_index[k]: v for k, v in pair.slots.items()}
            rows.append((n, c, pair_value(pair.score, need.priority), idx, starts))
    problem = BatchProblem(
        need_ids=[n.id for n in needs],
        cand_ids=[c.id for c in candidates],
        pair_need=np.array([r[0] for r in rows], dtype=np.int64),
        pair_cand=np.array([r[1] for r in rows], dtype=np.int64),
        pair_value=np.array([r[2] for r in rows], dtype=np.int64),
        pair_slots=[r[3] for r in rows],
        slot_keys=list(slot_index),
        cand_load=np.array([c.load for c in candidates], dtype=np.int64),
        max_per_candidate=max_per_candidate,
        pair_start=[r[4] for r in rows],
    )
    return problem, pairs


@dataclass
class Assignment:
    need_index: int
    cand_index: int
    slot_index: int
    pair_index: int


def objective(problem: BatchProblem, assignments: Sequence[Assignment]) -> int:
    """The batch objective (integer): Σ pair values − Σ convex load costs."""
    total = sum(int(problem.pair_value[a.pair_index]) for a in assignments)
    per_cand: dict[int, int] = defaultdict(int)
    for a in assignments:
        per_cand[a.cand_index] += 1
    for cand, count in per_cand.items():
        total -= sum(problem.load_costs(cand)[:count])
    return total


def _prune(problem: BatchProblem, per_need: int) -> np.ndarray:
    """Indices of the ``per_need`` best pairs of each request (by value minus current load)."""
    if per_need <= 0 or len(problem.pair_need) == 0:
        return np.arange(len(problem.pair_need))
    adjusted = problem.pair_value - (LOAD_STEP * SCALE * problem.cand_load[problem.pair_cand]).astype(np.int64)
    order = np.lexsort((-adjusted, problem.pair_need))
    sorted_need = problem.pair_need[order]
    starts = np.searchsorted(sorted_need, sorted_need, side="left")
    rank_in_need = np.arange(len(order)) - starts
    return np.sort(order[rank_in_need < per_need])


def solve_flow(problem: BatchProblem, per_need: int = 0) -> list[Assignment]:
    """Optimal assignment by min-cost flow (OR-Tools). ``per_need`` > 0 keeps only each request's
    best pairs (a speed-up whose cost is measured by the benchmark's gap)."""
    from ortools.graph.python import min_cost_flow

    keep = _prune(problem, per_need)
    n_need = len(problem.need_ids)
    n_cand = len(problem.cand_ids)
    if len(keep) == 0:
        return []
    # Nodes: source, sink, needs, candidate nodes, (candidate, slot) nodes.
    source, sink = 0, 1
    need_node = 2
    cand_node = need_node + n_need
    next_node = cand_node + n_cand
    cs_nodes: dict[tuple[int, int], int] = {}
    tails, heads, caps, costs = [], [], [], []
    arc_pair: list[tuple[int, int]] = []  # for need → (cand, slot) arcs: (pair index, slot)

    for i in keep:
        n, c = int(problem.pair_need[i]), int(problem.pair_cand[i])
        for s in problem.pair_slots[i]:
            node = cs_nodes.get((c, s))
            if node is None:
                node = cs_nodes[(c, s)] = next_node
                next_node += 1
            tails.append(need_node + n)
            heads.append(node)
            caps.append(1)
            costs.append(-int(problem.pair_value[i]))
            arc_pair.append((int(i), s))
    first_other_arc = len(tails)
    for (c, _s), node in cs_nodes.items():
        tails.append(node)
        heads.append(cand_node + c)
        caps.append(1)
        costs.append(0)
    used_cands = {c for c, _ in cs_nodes}
    for c in used_cands:
        for cost in problem.load_costs(c):
            tails.append(cand_node + c)
            heads.append(sink)
            caps.append(1)
            costs.append(cost)
    for n in range(n_need):
        tails += [source, need_node + n]
        heads += [need_node + n, sink]
        caps += [1, 1]
        costs += [0, 0]  # the second arc: the request stays unserved

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    supplies = np.zeros(next_node, dtype=np.int64)
    supplies[source] = n_need
    supplies[sink] = -n_need
    flow.set_nodes_supplies(np.arange(next_node, dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    flows = flow.flows(np.arange(first_other_arc, dtype=np.int32))
    result = []
    for arc in np.nonzero(flows)[0]:
        i, s = arc_pair[int(arc)]
        result.append(Assignment(int(problem.pair_need[i]), int(problem.pair_cand[i]), s, i))
    return result


def solve_exact(problem: BatchProblem, time_limit: float = 120.0) -> tuple[list[Assignment], float]:
    """The same objective as a MILP (HiGHS) over every feasible pair. Returns (assignment, bound)."""
    import highspy

    x_rows = []  # (pair index, slot)
    for i, slots in enumerate(problem.pair_slots):
        for s in slots:
            x_rows.append((i, s))
    used_cands = sorted({int(c) for c in problem.pair_cand})
    y_index: dict[tuple[int, int], int] = {}
    n_x = len(x_rows)
    for c in used_cands:
        for k in range(problem.max_per_candidate):
            y_index[(c, k)] = n_x + len(y_index)
    n_cols = n_x + len(y_index)
    costs = np.zeros(n_cols)
    for j, (i, _s) in enumerate(x_rows):
        costs[j] = float(problem.pair_value[i])
    for (c, k), j in y_index.items():
        costs[j] = -float(problem.load_costs(c)[k])

    rows: list[tuple[list[int], list[float], float, float]] = []
    by_need: dict[int, list[int]] = defaultdict(list)
    by_cs: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_cand: dict[int, list[int]] = defaultdict(list)
    for j, (i, s) in enumerate(x_rows):
        by_need[int(problem.pair_need[i])].append(j)
        c = int(problem.pair_cand[i])
        by_cs[(c, s)].append(j)
        by_cand[c].append(j)
    for cols in by_need.values():
        rows.append((cols, [1.0] * len(cols), 0.0, 1.0))
    for cols in by_cs.values():
        rows.append((cols, [1.0] * len(cols), 0.0, 1.0))
    for c, cols in by_cand.items():
        ys = [y_index[(c, k)] for k in range(problem.max_per_candidate)]
        rows.append((cols + ys, [1.0] * len(cols) + [-1.0] * len(ys), 0.0, 0.0))

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.addCols(
        n_cols,
        costs,
        np.zeros(n_cols),
        np.ones(n_cols),
        0,
        np.array([], dtype=np.int32),
        np.array([], dtype=np.int32),
        np.array([]),
    )
    starts, index, values, lower, upper = [], [], [], [], []
    for cols, vals, lo, up in rows:
        starts.append(len(index))
        index.extend(cols)
        values.extend(vals)
        lower.append(lo)
        upper.append(up)
    h.addRows(
        len(rows),
        np.array(lower),
        np.array(upper),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.array(values),
    )
    h.changeColsIntegrality(
        n_cols, np.arange(n_cols, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n_cols)
    )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    h.run()
    solution = np.array(h.getSolution().col_value)
    assignments = [
        Assignment(int(problem.pair_need[i]), int(problem.pair_cand[i]), s, i)
        for j, (i, s) in enumerate(x_rows)
        if solution[j] > 0.5
    ]
    bound = float(h.getInfo().mip_dual_bound)
    return assignments, bound
