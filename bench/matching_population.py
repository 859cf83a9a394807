"""What the matching benchmark needs beside the production matcher: the population's inputs read
from the official open-data files (no database) and a numpy twin of ``matching.build_problem``.

Benchmark-only code: the platform never runs it (its demo reads the same inputs from the database).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from orientation.catalog.importers import tension
from orientation.core.importing import ImportFileError, ImportReport, SourceFile, read_rows
from orientation.interventions.matching import (
    LOAD_STEP,
    PARIS,
    PRIORITY_BONUS,
    SCALE,
    SERVE_VALUE,
    BatchProblem,
    Candidate,
    JobFacts,
    Need,
    score_parts,
    slot_key,
)
from orientation.interventions.population import Home, Inputs, Site
from orientation.territory.importers import files as territory_files

RURAL_POPULATION = 2000  # INSEE's historical threshold of a rural commune


PANORAMA = SourceFile(
    "establishments/panorama-aquatique_etablissements_scolaires_hdf_second-degre.csv",
    ("uai", "school_name", "code_commune", "students_total", "latitude", "longitude"),
    key=("uai",),
    min_rows=500,
)


def _read(spec: SourceFile, data_dir: Path) -> list[dict[str, str]]:
    """The rows of one official file through the import's strict reader; any problem stops the load."""
    report = ImportReport()
    rows = [row for _line, row in read_rows(spec, data_dir, report)]
    if report.problems:
        raise ImportFileError("; ".join(str(problem) for problem in report.problems))
    return rows


def load_open_data(data_dir: Path) -> Inputs:
    """Inputs from the official files (see SOURCES.md): no database needed."""
    populations = {
        row["code"]: int(row["population"] or 0)
        for row in _read(territory_files.COMMUNES, data_dir)
        if row["type"] == "commune-actuelle"
    }
    homes = [
        Home(float(row["centre_latitude"]), float(row["centre_longitude"]), populations.get(row["code"], 0), row["nom"])
        for row in _read(territory_files.CENTRES, data_dir)
        if populations.get(row["code"])
    ]
    rep = {}
    for row in _read(territory_files.COLLEGE_HEADCOUNTS, data_dir):
        if row.get("rep0") in ("1", "1.0"):
            rep[row["numero_college"]] = "REP+"
        elif row.get("rep") in ("1", "1.0"):
            rep[row["numero_college"]] = "REP"
    sites = []
    for n, row in enumerate(_read(PANORAMA, data_dir)):
        if not row["latitude"] or not row["longitude"]:
            continue
        label = rep.get(row["uai"], "")
        if not label and populations.get(row["code_commune"], RURAL_POPULATION) < RURAL_POPULATION:
            label = "en zone rurale"
        sites.append(
            Site(
                id=n + 1,
                name=row["school_name"],
                lat=float(row["latitude"]),
                lon=float(row["longitude"]),
                weight=float(row["students_total"] or 100),
                priority=bool(label),
                priority_label=label,
            )
        )
    families: dict[str, set[str]] = defaultdict(set)
    for row in _read(tension.FILES["rome_fap"], data_dir):
        families[row["FAP341"][:4]].add(row["ROME"])
    projects: dict[str, float] = defaultdict(float)
    for row in _read(tension.FILES["bmo"], data_dir):
        if row["met"].strip().isdigit():
            projects[row["Code métier BMO"][:4]] += int(row["met"])
    job_weights: dict[str, float] = defaultdict(float)
    for family, total in projects.items():
        codes = families.get(family) or set()
        for code in codes:
            job_weights[code] += total / len(codes)
    return Inputs(sites=sites, homes=homes, job_weights=dict(job_weights))


# --- vectorised problem builder (same hard rules and score as matching.build_problem) ----------


def build_problem_fast(
    needs: list[Need],
    candidates: list[Candidate],
    facts: JobFacts,
    max_per_candidate: int = 5,
    chunk: int = 500,
    per_need: int = 0,
) -> tuple[BatchProblem, list[dict[int, datetime]]]:
    """numpy twin of ``matching.build_problem`` for populations drawn by ``population.generate`` (one
    duration, no availability periods, no busy times): the benchmark checks both agree.

    ``per_need`` > 0 keeps only each request's best pairs (value minus current load), as
    ``matching.solve_flow(per_need=…)`` does, but before building them: the benchmark measures
    what this pruning costs against the exact optimum."""
    durations = {n.duration_minutes for n in needs}
    if len(durations) > 1 or any(c.periods or c.busy for c in candidates):
        raise ValueError("build_problem_fast handles one duration and weekly slots only")
    duration = durations.pop() if durations else 120
    slot_index: dict = {}
    slot_minute: dict[int, tuple[int, int]] = {}
    need_masks = np.zeros(len(needs), dtype=np.int64)
    need_starts: list[dict[int, datetime]] = []
    for n, need in enumerate(needs):
        starts = {}
        for start, end in need.windows:
            if end - start < timedelta(minutes=duration):
                continue
            s = slot_index.setdefault(slot_key(start), len(slot_index))
            local = start.astimezone(PARIS)
            slot_minute[s] = (local.weekday(), local.hour * 60 + local.minute)
            starts.setdefault(s, start)
            need_masks[n] |= 1 << s
        need_starts.append(starts)
    cand_masks = np.zeros(len(candidates), dtype=np.int64)
    for c, cand in enumerate(candidates):
        for s, (weekday, minute) in slot_minute.items():
            if any(w == weekday and lo <= minute and minute + duration <= hi for w, lo, hi in cand.weekly):
                cand_masks[c] |= 1 << s

    inv = sorted({code for cand in candidates for code in cand.rome_codes})
    code_ids = {code: i for i, code in enumerate(inv)}
    c_codes = np.full((len(candidates), 2), len(inv), dtype=np.int64)  # len(inv): "no code"
    for c, cand in enumerate(candidates):
        for k, code in enumerate(sorted(cand.rome_codes)[:2]):
            c_codes[c, k] = code_ids[code]

    def has(predicate) -> np.ndarray:
        table = np.array([predicate(code) for code in inv] + [False])
        return table[c_codes].any(axis=1)

    recruits = has(lambda code: code in facts.recruiting)
    little = has(lambda code: code in facts.little_known)
    counter = np.array([c.counter_stereotype for c in candidates])
    radius = np.array([c.radius_km for c in candidates])
    loads = np.array([c.load for c in candidates], dtype=np.int64)
    c_lat = np.radians([c.lat for c in candidates])
    c_lon = np.radians([c.lon for c in candidates])
    conflicts: dict[int, list[int]] = defaultdict(list)
    for c, cand in enumerate(candidates):
        for establishment_id in cand.conflicts:
            conflicts[establishment_id].append(c)
    wish_cache: dict[frozenset[str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    out_need, out_cand, out_value = [], [], []
    for lo in range(0, len(needs), chunk):
        block = needs[lo : lo + chunk]
        n_lat = np.radians([n.lat for n in block])[:, None]
        n_lon = np.radians([n.lon for n in block])[:, None]
        a = np.sin((c_lat - n_lat) / 2) ** 2 + np.cos(n_lat) * np.cos(c_lat) * np.sin((c_lon - n_lon) / 2) ** 2
        dist = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
        feasible = (dist <= radius) & ((need_masks[lo : lo + chunk, None] & cand_masks[None, :]) != 0)
        exact = np.zeros_like(feasible)
        sector = np.zeros_like(feasible)
        domain = np.zeros_like(feasible)
        for i, need in enumerate(block):
            for c in conflicts.get(need.establishment_id, ()):
                feasible[i, c] = False
            if need.wish_kind == "RECRUITING_NEAR":
                exact[i] = recruits
                continue
            if need.wished not in wish_cache:
                full = {w for w in need.wished if len(w) == 5}
                prefixes = [w for w in need.wished if len(w) < 5]
                e = has(lambda code, full=full: code in full)
                sc = has(lambda code, prefixes=prefixes: any(code.startswith(p) for p in prefixes)) & ~e
                d = has(lambda code, full=full: code[:3] in {w[:3] for w in full}) & ~e & ~sc
                wish_cache[need.wished] = (e, sc, d)
            exact[i], sector[i], domain[i] = wish_cache[need.wished]
        score = score_parts(dist, radius, exact, sector, domain, recruits, little, counter)
        prio_block = np.array([n.priority for n in block])
        values = np.rint((SERVE_VALUE + PRIORITY_BONUS * prio_block[:, None] + score) * SCALE).astype(np.int64)
        if per_need and per_need < len(candidates):
            adjusted = np.where(feasible, values - (LOAD_STEP * SCALE * loads)[None, :].astype(np.int64), -(2**62))
            top = np.argpartition(-adjusted, per_need - 1, axis=1)[:, :per_need]
            keep = np.zeros_like(feasible)
            np.put_along_axis(keep, top, True, axis=1)
            feasible &= keep
        rows, cols = np.nonzero(feasible)
        value = values[rows, cols]
        out_need.append(rows + lo)
        out_cand.append(cols)
        out_value.append(value)
    pair_need = np.concatenate(out_need)
    pair_cand = np.concatenate(out_cand)
    common = (need_masks[pair_need] & cand_masks[pair_cand]).tolist()
    bits_cache: dict[int, tuple[int, ...]] = {}
    pair_slots = []
    for m in common:
        bits = bits_cache.get(m)
        if bits is None:
            bits = bits_cache[m] = tuple(s for s in range(len(slot_index)) if m >> s & 1)
        pair_slots.append(bits)
    problem = BatchProblem(
        need_ids=[n.id for n in needs],
        cand_ids=[c.id for c in candidates],
        pair_need=pair_need,
        pair_cand=pair_cand,
        pair_value=np.concatenate(out_value),
        pair_slots=pair_slots,
        slot_keys=list(slot_index),
        cand_load=np.array([c.load for c in candidates], dtype=np.int64),
        max_per_candidate=max_per_candidate,
    )
    return problem, need_starts
