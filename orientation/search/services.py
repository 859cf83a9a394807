"""Writes to the search index: only ``search_index_rebuild`` (and its building block for tests)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Count

from orientation.catalog.enums import Modality as CatalogModality
from orientation.catalog.models import (
    Appellation,
    Job,
    JobInterest,
    JobTraining,
    RecruitmentNeed,
    RomeFapLink,
    Training,
    TrainingOffer,
)
from orientation.core.importing import FileStats, ImportReport
from orientation.search.enums import DocumentType
from orientation.search.models import SearchDocument, SearchTerm
from orientation.search.text import STOP_WORDS, analysed_names, analysed_text, normalize, stem, words

# A job "recruits" (facet and flag) when its BMO families plan at least this many recruitments
# in the region, or a smaller number judged difficult in most cases.
RECRUITS_MIN_PROJECTS = 500
RECRUITS_MIN_DIFFICULT_PROJECTS = 100
RECRUITS_MIN_DIFFICULT_SHARE = 0.6
# A département appears in a job's facet when the job's families plan this many recruitments there.
DEPARTMENT_MIN_PROJECTS = 30
SUMMARY_LENGTH = 220


def _short(text: str, length: int = SUMMARY_LENGTH) -> str:
    text = " ".join((text or "").replace("''", "'").split())  # the ROME texts double their apostrophes
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


def _log_boost(value: float, ceiling: float) -> float:
    """0 … 1 on a log scale (value 0 → 0, value ≥ ceiling → 1)."""
    if value <= 0:
        return 0.0
    return min(1.0, math.log1p(value) / math.log1p(ceiling))


def _job_recruitment() -> dict[str, tuple[int, int, dict[str, int]]]:
    """ROME v3 code → (projects in the region, difficult projects, projects by département), latest BMO year."""
    latest = RecruitmentNeed.objects.order_by("-year").values_list("year", flat=True).first()
    if latest is None:
        return {}
    by_family: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for family_id, department, projects, difficult in RecruitmentNeed.objects.filter(year=latest).values_list(
        "family_id", "department_code", "projects", "difficult"
    ):
        cell = by_family[family_id][department]
        cell[0] += projects or 0
        cell[1] += difficult or 0
    families_by_rome: dict[str, set[int]] = defaultdict(set)
    for rome_v3, family_id in RomeFapLink.objects.values_list("rome_v3_code", "family_id"):
        families_by_rome[rome_v3].add(family_id)
    result = {}
    for rome_v3, families in families_by_rome.items():
        departments: Counter = Counter()
        difficult = 0
        for family_id in families:
            for department, (projects, hard) in by_family.get(family_id, {}).items():
                departments[department] += projects
                difficult += hard
        result[rome_v3] = (sum(departments.values()), difficult, dict(departments))
    return result


def _recruits(projects: int, difficult: int) -> bool:
    if projects >= RECRUITS_MIN_PROJECTS:
        return True
    return projects >= RECRUITS_MIN_DIFFICULT_PROJECTS and difficult / projects >= RECRUITS_MIN_DIFFICULT_SHARE


def _dept_list(codes: Iterable[str]) -> str:
    return ",".join(sorted({c.lstrip("0").zfill(2) for c in codes if c}))


def build_job_documents() -> list[SearchDocument]:
    appellations: dict[int, list[str]] = defaultdict(list)
    for job_id, label in Appellation.objects.values_list("job_id", "long_label"):
        appellations[job_id].append(label)
    interests: dict[int, list[str]] = defaultdict(list)
    for job_id, label in JobInterest.objects.values_list("job_id", "centre__label"):
        interests[job_id].append(label)
    onisep: dict[int, list[str]] = defaultdict(list)
    for job_id, title, domains in Job.onisep_jobs.through.objects.values_list(
        "job_id", "onisepjob__title", "onisepjob__domains"
    ):
        onisep[job_id].extend([title, domains])
    recruitment = _job_recruitment()
    documents = []
    jobs = Job.objects.select_related("domain__grand_domain").order_by("rome_code")
    for job in jobs:
        projects, difficult, by_department = recruitment.get(job.rome_v3_parent, (0, 0, {}))
        domain = job.domain.label if job.domain else ""
        grand_domain = job.domain.grand_domain.label if job.domain else ""
        names = appellations.get(job.id, [])
        # Popularity: described by Onisep, many recruitments, many ways to name it.
        boost = 0.4 * bool(onisep.get(job.id)) + 0.3 * _log_boost(projects, 5000) + 0.3 * _log_boost(len(names), 20)
        documents.append(
            SearchDocument(
                type=DocumentType.JOB,
                object_id=job.id,
                code=job.rome_code,
                title=job.title,
                summary=_short(job.definition),
                url=f"/catalogue/metiers/{job.rome_code}/",
                title_terms=analysed_text(job.title),
                alt_terms=analysed_text(*names, *onisep.get(job.id, [])[0::2]),
                names=analysed_names(job.title, *names, *onisep.get(job.id, [])[0::2]),
                body_terms=analysed_text(
                    domain, grand_domain, *interests.get(job.id, []), *onisep.get(job.id, [])[1::2]
                ),
                departments=_dept_list(d for d, n in by_department.items() if n >= DEPARTMENT_MIN_PROJECTS),
                recruits=_recruits(projects, difficult),
                little_known=job.is_little_known,
                boost=round(boost, 4),
            )
        )
    return documents


_LEVEL_IN_LABEL = re.compile(r"niveau\s+([1-8])\b")
# When the source gives no level: the usual level of the diploma kind (European / RNCP numbering).
_LEVEL_BY_KIND = {
    "cap": 3,
    "capa": 3,
    "cap agricole": 3,
    "bep": 3,
    "mc": 3,
    "certificat de specialisation": 4,
    "bac pro": 4,
    "bp": 4,
    "bpa": 3,
    "bma": 4,
    "bts": 5,
    "btsa": 5,
    "dn made": 6,
    "but": 6,
    "deust": 5,
    "licence": 6,
    "licence pro": 6,
    "double licence": 6,
    "master": 7,
    "mastere spe": 7,
    "msc": 7,
}


def training_level(training: Training) -> int | None:
    """European (RNCP) level 1–8, read from the level label ("niveau 3 (niveau CAP)"), else from the kind.

    The numeric Onisep column uses the former French numbering (5 = CAP … 1 = bac + 5); its label
    gives the current level, which is what pupils and the facet use.
    """
    found = _LEVEL_IN_LABEL.search(training.rncp_level_label or "")
    if found:
        return int(found.group(1))
    return _LEVEL_BY_KIND.get(normalize(training.kind_acronym))


def _training_keywords(training: Training) -> list[str]:
    return [training.kind_label, training.kind_acronym, training.acronym, training.domains, training.rncp_level_label]


def build_training_documents() -> list[SearchDocument]:
    offers = (
        TrainingOffer.objects.select_related("training", "establishment__commune__department")
        .order_by("training_id", "establishment__name", "id")
        .only(
            "id",
            "modality",
            "training__id",
            "training__title",
            "training__kind_label",
            "training__kind_acronym",
            "training__acronym",
            "training__domains",
            "training__rncp_level",
            "training__rncp_level_label",
            "establishment__uai",
            "establishment__name",
            "establishment__latitude",
            "establishment__longitude",
            "establishment__commune__name",
            "establishment__commune__latitude",
            "establishment__commune__longitude",
            "establishment__commune__department__code",
        )
    )
    job_titles: dict[int, list[str]] = defaultdict(list)
    for training_id, title in JobTraining.objects.order_by("training_id", "-score", "job_id").values_list(
        "training_id", "job__title"
    ):
        if len(job_titles[training_id]) < 5:
            job_titles[training_id].append(title)
    modalities: dict[int, set[str]] = defaultdict(set)
    departments: dict[int, set[str]] = defaultdict(set)
    documents = []
    seen: set[tuple[int, int, str]] = set()
    levels: dict[int, int | None] = {}
    for offer in offers:
        training, establishment = offer.training, offer.establishment
        key = (training.id, establishment.id, offer.modality)
        if key in seen:  # the same place reported by two sources (lycées pro and Parcoursup)
            continue
        seen.add(key)
        commune = establishment.commune
        modalities[training.id].add(offer.modality)
        departments[training.id].add(commune.department.code)
        apprenticeship = offer.modality == CatalogModality.APPRENTICESHIP
        documents.append(
            SearchDocument(
                type=DocumentType.OFFER,
                object_id=offer.id,
                code=establishment.uai,
                title=training.title,
                summary=_short(
                    f"{establishment.name} — {commune.name}" + (" — en apprentissage" if apprenticeship else "")
                ),
                url=f"/catalogue/formations/{training.id}/",
                title_terms=analysed_text(training.title),
                alt_terms=analysed_text(establishment.name, commune.name),
                names=analysed_names(training.title),
                body_terms=analysed_text(
                    *_training_keywords(training),
                    "apprentissage" if apprenticeship else "voie scolaire",
                    *job_titles.get(training.id, []),
                ),
                level=levels.setdefault(training.id, training_level(training)),
                by_school=not apprenticeship,
                by_apprenticeship=apprenticeship,
                departments=_dept_list([commune.department.code]),
                commune_name=commune.name,
                latitude=establishment.latitude if establishment.latitude is not None else commune.latitude,
                longitude=establishment.longitude if establishment.longitude is not None else commune.longitude,
                boost=0.0,
            )
        )
    offer_counts = dict(Training.objects.annotate(n=Count("offers")).filter(n__gt=0).values_list("id", "n"))
    for training in Training.objects.order_by("id"):
        level = training_level(training)
        kind = training.kind_label or training.get_source_display()
        documents.append(
            SearchDocument(
                type=DocumentType.TRAINING,
                object_id=training.id,
                code=training.code[:20],
                title=training.title,
                summary=_short(" — ".join(p for p in [kind, training.rncp_level_label, training.duration] if p)),
                url=f"/catalogue/formations/{training.id}/",
                title_terms=analysed_text(training.title),
                alt_terms=analysed_text(training.acronym, *job_titles.get(training.id, [])),
                names=analysed_names(training.title, f"{training.kind_acronym} {training.acronym}"),
                body_terms=analysed_text(*_training_keywords(training)),
                level=level,
                by_school=CatalogModality.SCHOOL in modalities.get(training.id, ()),
                by_apprenticeship=CatalogModality.APPRENTICESHIP in modalities.get(training.id, ()),
                departments=_dept_list(departments.get(training.id, ())),
                boost=round(_log_boost(offer_counts.get(training.id, 0), 50), 4),
            )
        )
    return documents


def _vocabulary(documents: list[SearchDocument], displays: dict[str, Counter]) -> list[SearchTerm]:
    counts: Counter = Counter()
    for document in documents:
        counts.update(set(f"{document.title_terms} {document.alt_terms} {document.body_terms}".split()))
    return [
        SearchTerm(
            term=term[:100],
            display=(displays[term].most_common(1)[0][0] if displays.get(term) else term)[:100],
            document_count=count,
        )
        for term, count in counts.items()
        if len(term) <= 100
    ]


def _display_forms(documents: list[SearchDocument]) -> dict[str, Counter]:
    """For each stem, the written words it comes from (titles only: what a pupil would recognise)."""
    forms: dict[str, Counter] = defaultdict(Counter)
    for document in documents:
        for word in words(document.title):
            if word not in STOP_WORDS:
                forms[stem(word)][word] += 1
    return forms


_DOCUMENT_FIELDS = [
    f.attname for f in SearchDocument._meta.concrete_fields if f.attname not in ("id", "type", "object_id")
]


def _sync(model, key_fields: tuple[str, ...], fields: list[str], objects: list, stats: FileStats) -> bool:
    """Upsert ``objects`` keyed on ``key_fields``, delete the rows they no longer contain; True if anything changed."""
    existing = {tuple(row[k] for k in key_fields): row for row in model.objects.values("id", *key_fields, *fields)}
    to_create, to_update = [], []
    for obj in objects:
        row = existing.pop(tuple(getattr(obj, k) for k in key_fields), None)
        if row is None:
            obj.pk = None
            to_create.append(obj)
        elif any(getattr(obj, f) != row[f] for f in fields):
            obj.pk = row["id"]
            to_update.append(obj)
        else:
            stats.unchanged += 1
    if existing:
        model.objects.filter(id__in=[row["id"] for row in existing.values()]).delete()
    model.objects.bulk_create(to_create, batch_size=1000)
    model.objects.bulk_update(to_update, fields, batch_size=500)
    stats.created += len(to_create)
    stats.updated += len(to_update)
    stats.deleted += len(existing)
    return bool(to_create or to_update or existing)


@transaction.atomic
def search_index_replace(documents: list[SearchDocument], report: ImportReport | None = None) -> int:
    """Make the index (and its vocabulary) exactly ``documents``; returns their count.

    An idempotent upsert keyed on (type, object id): a second run with the same catalogue writes
    nothing, and the per-process caches are only dropped when something changed.
    """
    from orientation.search.places import forget_places
    from orientation.search.selectors import forget_results
    from orientation.search.vocabulary import forget_vocabulary

    report = report or ImportReport()
    changed = _sync(
        SearchDocument, ("type", "object_id"), _DOCUMENT_FIELDS, documents, report.for_model("search.SearchDocument")
    )
    terms = _vocabulary(documents, _display_forms(documents))
    changed |= _sync(SearchTerm, ("term",), ["display", "document_count"], terms, report.for_model("search.SearchTerm"))
    if not changed:
        return len(documents)
    if connection.vendor == "sqlite":
        from orientation.search.backends.sqlite import refresh_fts

        refresh_fts()
    # Fresh statistics for the planner (on PostgreSQL none on the search vector: migration 0004).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchdocument")
        cursor.execute("ANALYZE search_searchterm")
        if connection.vendor == "postgresql":
            # GIN indexes first queue new entries in a pending list that every search then scans
            # linearly until a vacuum merges it: merge it now, not whenever autovacuum comes by.
            cursor.execute("SELECT gin_clean_pending_list('search_document_vector_gin'::regclass)")
            cursor.execute("SELECT gin_clean_pending_list('search_term_trgm'::regclass)")
    transaction.on_commit(forget_vocabulary)
    transaction.on_commit(forget_results)
    forget_vocabulary()
    forget_places()
    forget_results()
    return len(documents)


def search_index_rebuild(progress: Callable[[str], None] | None = None, report: ImportReport | None = None) -> int:
    """Rebuild the index from the catalogue (jobs, training, training offers)."""
    say = progress or (lambda message: None)
    documents = build_job_documents()
    say(f"recherche : {len(documents)} métiers")
    trainings = build_training_documents()
    say(f"recherche : {len(trainings)} formations et lieux de formation")
    return search_index_replace(documents + trainings, report)
