"""Derived links: Onisep sheets ↔ ROME 4 jobs, jobs ↔ training, and the « little-known » flag.

Method and its limits are documented in the package docstring (``orientation/catalog/__init__.py``);
the coverage figures are written to the import report's notes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from math import log

from orientation.catalog.enums import JobTrainingMethod
from orientation.catalog.importers.sync import pk_map, upsert
from orientation.catalog.importers.text import normalise, stem, subject_words
from orientation.catalog.models import Appellation, Job, JobTraining, OnisepJob, Training
from orientation.core.importing import ImportReport

# A word stem shared by more jobs than this says nothing about a job (« technicien », « agent »…).
MAX_JOBS_PER_STEM = 150
# A training linked to more jobs than this keeps only its best-scored ones.
MAX_JOBS_PER_TRAINING = 8
LITTLE_KNOWN_MAX_TITLES = 3


@lru_cache(maxsize=4096)
def domain_set(value: str) -> frozenset[str]:
    """Onisep « domaine/sous-domaine » list (``|``-separated) → normalised sub-domains."""
    return frozenset(filter(None, (normalise(part) for part in (value or "").split("|"))))


def _job_stems() -> dict[int, set[str]]:
    stems: dict[int, set[str]] = defaultdict(set)
    for job_id, title in Job.objects.values_list("pk", "title"):
        stems[job_id].update(stem(w) for w in subject_words(title))
    for job_id, label in Appellation.objects.filter(is_rarely_used=False).values_list("job_id", "long_label"):
        stems[job_id].update(stem(w) for w in subject_words(label))
    return stems


def sync_onisep_jobs(records: list, report: ImportReport) -> None:
    """Upsert Onisep sheets; link each to the ROME 4 children of its ROME v3 code(s).

    A sheet listed in several publications is one sheet (its codes and domains are merged). Among
    several children of a code, keep those whose titles share a word with the sheet (all if none do).
    """
    merged: dict[str, dict] = {}
    for rec in records:
        sheet = merged.setdefault(rec.code, {"title": rec.title, "url": rec.url, "codes": [], "domains": set()})
        sheet["codes"] += [c for c in rec.rome_v3_codes if c not in sheet["codes"]]
        sheet["domains"] |= {d.strip() for d in rec.domains.split("|") if d.strip()}
    upsert(
        OnisepJob,
        ("code",),
        {
            (code,): {
                "title": sheet["title"],
                "url": sheet["url"],
                "rome_v3_code": sheet["codes"][0] if sheet["codes"] else "",
                "domains": " | ".join(sorted(sheet["domains"])),
            }
            for code, sheet in merged.items()
        },
        report,
    )
    onisep_pk = {code: pk for (code,), pk in pk_map(OnisepJob, ("code",)).items()}
    children: dict[str, list[int]] = defaultdict(list)
    for job_id, parent in Job.objects.values_list("pk", "rome_v3_parent"):
        children[parent].append(job_id)
    job_stems = _job_stems()
    links = {}
    for code, sheet in merged.items():
        if not sheet["codes"]:
            report.unjoined["Onisep métiers : fiche sans code ROME"] += 1
            continue
        words = {stem(w) for w in subject_words(sheet["title"])}
        for rome_v3 in sheet["codes"]:
            candidates = children.get(rome_v3, [])
            if not candidates:
                report.unjoined["Onisep métiers : code ROME v3 sans fiche ROME 4"] += 1
                continue
            for job_id in [job for job in candidates if job_stems[job] & words] or candidates:
                links[(onisep_pk[code], job_id)] = {}
    upsert(OnisepJob.jobs.through, ("onisepjob_id", "job_id"), links, report, delete_missing=True)
    linked_jobs = len({job for _o, job in links})
    report.notes.append(
        f"Onisep métiers : {len(merged)} fiches, {linked_jobs} fiches ROME 4 reliées à une fiche Onisep."
    )


def sync_job_trainings(report: ImportReport) -> None:
    """Link trainings to jobs by shared title words weighted by rarity; a shared Onisep sub-domain helps.

    A word shared only with a secondary title (appellation) of the job needs a second shared word or
    a shared Onisep sub-domain: one coincidence (« rapide », « restauration ») is not a link.
    """
    title_stems: dict[int, set[str]] = {
        job_id: {stem(w) for w in subject_words(title)} for job_id, title in Job.objects.values_list("pk", "title")
    }
    job_stems = _job_stems()
    stem_jobs: dict[str, set[int]] = defaultdict(set)
    for job_id, stems in job_stems.items():
        for s in stems:
            stem_jobs[s].add(job_id)
    total_jobs = max(len(job_stems), 1)
    weight = {s: log(total_jobs / len(jobs)) for s, jobs in stem_jobs.items() if len(jobs) <= MAX_JOBS_PER_STEM}
    job_domains: dict[int, set[str]] = defaultdict(set)
    for job_id, domains in OnisepJob.jobs.through.objects.values_list("job_id", "onisepjob__domains"):
        job_domains[job_id] |= domain_set(domains)

    links = {}
    for training_id, title, domains in Training.objects.values_list("pk", "title", "domains"):
        t_domains = domain_set(domains)
        shared: dict[int, list[str]] = defaultdict(list)
        for s in {stem(w) for w in subject_words(title)}:
            if s in weight:
                for job_id in stem_jobs[s]:
                    shared[job_id].append(s)
        ranked = []
        for job_id, stems in shared.items():
            in_domain = bool(t_domains & job_domains.get(job_id, set()))
            in_title = bool(title_stems.get(job_id, set()) & set(stems))
            if not (in_domain or in_title or len(stems) >= 2):
                continue
            score = sum(weight[s] for s in stems) + (3 if in_domain else 0) + (2 if in_title else 0)
            ranked.append((score, in_domain, job_id))
        ranked.sort(reverse=True)
        for score, in_domain, job_id in ranked[:MAX_JOBS_PER_TRAINING]:
            method = JobTrainingMethod.TITLE_IN_DOMAIN if in_domain else JobTrainingMethod.TITLE
            links[(job_id, training_id)] = {"method": method, "score": min(round(score * 10), 32000)}
    upsert(JobTraining, ("job_id", "training_id"), links, report, delete_missing=True)
    jobs_with = len({j for j, _t in links})
    trainings_with = len({t for _j, t in links})
    report.notes.append(
        f"Métiers ↔ formations : {len(links)} liens ; {jobs_with} fiches ROME sur {len(job_stems)} ont au moins "
        f"une formation ; {trainings_with} formations sur {Training.objects.count()} mènent à au moins un métier."
    )


def flag_little_known(report: ImportReport) -> None:
    """Little known = no Onisep sheet describes the job and it has at most 3 current titles (see ``Job``)."""
    with_sheet = set(OnisepJob.jobs.through.objects.values_list("job_id", flat=True))
    titles = Counter(Appellation.objects.filter(is_rarely_used=False).values_list("job_id", flat=True))
    little = [
        job_id
        for job_id in Job.objects.values_list("pk", flat=True)
        if job_id not in with_sheet and titles.get(job_id, 0) <= LITTLE_KNOWN_MAX_TITLES
    ]
    changed = Job.objects.filter(pk__in=little, is_little_known=False).update(is_little_known=True)
    changed += Job.objects.exclude(pk__in=little).filter(is_little_known=True).update(is_little_known=False)
    report.for_model("catalog.Job").updated += changed
    report.notes.append(f"Métiers peu connus : {len(little)} fiches ROME.")
