"""Reads for the catalogue pages and API. The catalogue is public: no viewer scoping is needed.

Every function runs a fixed number of queries whatever the data (pinned by the tests).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from orientation.catalog.enums import InsertionPopulation, InsertionSource, OfferSource
from orientation.catalog.models import (
    Appellation,
    FapFamily,
    InsertionRate,
    Job,
    JobInterest,
    JobMobility,
    JobTraining,
    RecruitmentNeed,
    RomeFapLink,
    TensionIndicator,
    Training,
    TrainingOffer,
)
from orientation.core.geo import haversine_km
from orientation.core.importing import pad_code
from orientation.territory.models import Basin, Commune, Department

MAX_LITTLE_KNOWN_PER_FAMILY = 3
QUALIFICATION_LABELS = {
    0: "Niveau non précisé",
    1: "Manœuvre",
    2: "Ouvrier spécialisé",
    3: "Ouvrier qualifié",
    4: "Ouvrier hautement qualifié",
    5: "Employé non qualifié",
    6: "Employé qualifié",
    7: "Technicien",
    8: "Agent de maîtrise",
    9: "Cadre",
}


def find_commune(value: str) -> Commune | None:
    """A commune from its INSEE code (leading zero restored) or its exact name; None when unknown."""
    value = (value or "").strip()
    if not value:
        return None
    code = pad_code(value, 5)
    return (
        Commune.objects.select_related("basin")
        .filter(Q(insee_code=code) | Q(name__iexact=value))
        .order_by("-population", "insee_code")
        .first()
    )


def _distance(commune: Commune | None, establishment) -> float | None:
    if commune is None or commune.latitude is None or establishment.latitude is None:
        return None
    return round(haversine_km(commune.latitude, commune.longitude, establishment.latitude, establishment.longitude), 1)


def share(part: int | None, whole: int | None) -> int | None:
    """Rounded percentage, None when unknown or the whole is 0."""
    if not whole or part is None:
        return None
    return round(100 * part / whole)


# ---------------------------------------------------------------- job page


def job_detail(rome_code: str) -> Job:
    """The job with its domain, titles, interests, related jobs and Onisep sheets (5 queries); 404 if unknown."""
    queryset = Job.objects.select_related("domain__grand_domain").prefetch_related(
        Prefetch(
            "appellations",
            queryset=Appellation.objects.filter(is_rarely_used=False).order_by("-is_principal", "long_label"),
        ),
        Prefetch("interest_links", queryset=JobInterest.objects.select_related("centre").order_by("centre__label")),
        Prefetch(
            "mobilities_from",
            queryset=JobMobility.objects.select_related("target").order_by("rank", "target__title"),
        ),
        "onisep_jobs",
    )
    try:
        return queryset.get(rome_code=(rome_code or "").upper())
    except Job.DoesNotExist:
        raise Http404("Métier introuvable.") from None


@dataclass
class AreaFigure:
    code: str
    name: str
    projects: int | None
    difficult: int | None
    masked: bool
    share_base: int | None = None
    """Projects of the basins whose difficult count is known: the base of the share."""

    @property
    def difficult_share(self) -> int | None:
        return share(self.difficult, self.projects if self.share_base is None else self.share_base)


@dataclass
class FamilyRecruitment:
    family: FapFamily
    qualifications: list[str]
    year: int | None = None
    departments: list[AreaFigure] = field(default_factory=list)
    basins: list[AreaFigure] = field(default_factory=list)
    local: AreaFigure | None = None
    """The figure of the viewer's employment area, when a commune was given."""

    @property
    def projects(self) -> int:
        return sum(d.projects or 0 for d in self.departments)

    @property
    def difficult_share(self) -> int | None:
        return share(sum(d.difficult or 0 for d in self.departments), sum(d.share_base or 0 for d in self.departments))


def job_recruitment(job: Job, *, commune: Commune | None = None) -> list[FamilyRecruitment]:
    """BMO figures of each FAP family the job belongs to (by qualification), never summed across families.

    Per département, masked basins (``*``) are left out of the sums and flagged (2 queries).
    """
    links = RomeFapLink.objects.filter(rome_v3_code=job.rome_v3_parent).select_related("family")
    families: dict[int, FamilyRecruitment] = {}
    for link in sorted(links, key=lambda lk: lk.qualification):
        entry = families.setdefault(link.family_id, FamilyRecruitment(family=link.family, qualifications=[]))
        entry.qualifications.append(QUALIFICATION_LABELS.get(link.qualification, str(link.qualification)))
    if not families:
        return []
    for entry in families.values():
        if len(entry.qualifications) == len(QUALIFICATION_LABELS):
            entry.qualifications = ["tous niveaux de qualification"]
    needs = (
        RecruitmentNeed.objects.filter(family_id__in=families)
        .select_related("department")
        .order_by("family_id", "-year", "department_code", "basin_name")
    )
    departments: dict[tuple[int, str], AreaFigure] = {}
    for need in needs:
        entry = families[need.family_id]
        if entry.year is None:
            entry.year = need.year
        if need.year != entry.year:
            continue
        masked = need.projects is None or need.difficult is None
        entry.basins.append(AreaFigure(need.basin_code, need.basin_name, need.projects, need.difficult, masked))
        key = (need.family_id, need.department_code)
        dep = departments.get(key)
        if dep is None:
            name = need.department.name if need.department else need.department_code
            dep = departments[key] = AreaFigure(need.department_code, name, 0, 0, False, 0)
            entry.departments.append(dep)
        dep.projects += need.projects or 0
        if not masked:
            dep.difficult += need.difficult
            dep.share_base += need.projects
        dep.masked = dep.masked or masked
    local_code = commune.basin.code if commune is not None and commune.basin_id else None
    for entry in families.values():
        entry.basins.sort(key=lambda b: (-(b.projects or 0), b.name))
        entry.local = next((b for b in entry.basins if b.code == local_code), None)
    return sorted(families.values(), key=lambda f: -f.projects)


def job_tension(job: Job) -> list[TensionIndicator]:
    """Tension indicators of the job's ROME v3 parent, most tense first (1 query)."""
    return list(
        TensionIndicator.objects.filter(rome_v3_code=job.rome_v3_parent)
        .select_related("basin")
        .order_by("-year", "-tension", "basin_code")
    )


@dataclass
class OfferRow:
    offer: TrainingOffer
    distance_km: float | None


def gender_shares(offers) -> tuple[int, int]:
    """(girls, boys) over the offers whose source counts both (vocational lycées)."""
    counted = [o for o in offers if o.source == OfferSource.LYCEE_PRO and o.girls is not None and o.boys is not None]
    return sum(o.girls for o in counted), sum(o.boys for o in counted)


@dataclass
class JobTrainings:
    trainings: list[Training]
    total_trainings: int
    offers: list[OfferRow]
    total_offers: int
    girls: int
    boys: int

    @property
    def girls_share(self) -> int | None:
        return share(self.girls, self.girls + self.boys)

    @property
    def boys_share(self) -> int | None:
        return share(self.boys, self.girls + self.boys)


def _one_per_place(offers: list[TrainingOffer]) -> list[TrainingOffer]:
    """One row per training × establishment × modality: two sources may list the same class;
    the vocational-lycée one is kept (it counts pupils)."""
    kept: dict[tuple, TrainingOffer] = {}
    for offer in offers:
        key = (offer.training_id, offer.establishment_id, offer.modality)
        if key not in kept or (kept[key].source != OfferSource.LYCEE_PRO and offer.source == OfferSource.LYCEE_PRO):
            kept[key] = offer
    return [o for o in offers if kept[(o.training_id, o.establishment_id, o.modality)] is o]


def _offers_queryset():
    return TrainingOffer.objects.select_related("establishment__commune", "training").order_by(
        "establishment__commune__name", "establishment__name", "training__title"
    )


def job_trainings(
    job: Job, *, commune: Commune | None = None, max_trainings: int = 12, max_offers: int = 15
) -> JobTrainings:
    """Training that leads to the job (offered in the region first), where it is offered (nearest first
    when a commune is given), and the girls / boys counts of vocational lycées (2 queries)."""
    links = list(
        JobTraining.objects.filter(job=job)
        .select_related("training")
        .annotate(offer_count=Count("training__offers"))
        .order_by("-offer_count", "-score", "training__title")
    )
    training_ids = [link.training_id for link in links]
    offers = _one_per_place(list(_offers_queryset().filter(training_id__in=training_ids)))
    girls, boys = gender_shares(offers)
    rows = [OfferRow(o, _distance(commune, o.establishment)) for o in offers]
    if commune is not None:
        rows.sort(key=lambda r: (r.distance_km is None, r.distance_km or 0))
    return JobTrainings(
        trainings=[link.training for link in links[:max_trainings]],
        total_trainings=len(links),
        offers=rows[:max_offers],
        total_offers=len(rows),
        girls=girls,
        boys=boys,
    )


# ---------------------------------------------------------------- training page


def training_detail(pk: int) -> Training:
    """The training with the jobs it leads to (2 queries); 404 if unknown."""
    queryset = Training.objects.prefetch_related(
        Prefetch("job_links", queryset=JobTraining.objects.select_related("job").order_by("-score", "job__title"))
    )
    try:
        return queryset.get(pk=pk)
    except Training.DoesNotExist:
        raise Http404("Formation introuvable.") from None


@dataclass
class TrainingOfferRow:
    offer: TrainingOffer
    distance_km: float | None
    insertion: InsertionRate | None


def training_offers(training: Training, *, commune: Commune | None = None) -> list[TrainingOfferRow]:
    """Where the training is offered, nearest first when a commune is given, with the latest
    InserJeunes rates of each establishment (2 queries)."""
    offers = _one_per_place(list(_offers_queryset().filter(training=training)))
    uais = {o.establishment.uai for o in offers}
    latest: dict[str, InsertionRate] = {}
    rates = InsertionRate.objects.filter(uai__in=uais).filter(
        Q(source=InsertionSource.LYCEE_PRO, population=InsertionPopulation.ALL) | Q(source=InsertionSource.CFA)
    )
    for rate in rates.order_by("uai", "source", "period"):
        if rate.employment_rate_6m is not None or rate.further_study_rate is not None:
            latest[rate.uai] = rate  # the last period wins
    rows = [TrainingOfferRow(o, _distance(commune, o.establishment), latest.get(o.establishment.uai)) for o in offers]
    if commune is not None:
        rows.sort(key=lambda r: (r.distance_km is None, r.distance_km or 0))
    return rows


# ---------------------------------------------------------------- jobs that recruit


@dataclass
class RecruitingFamily:
    family: FapFamily
    projects: int
    difficult: int
    share_base: int
    jobs: list[Job] = field(default_factory=list)

    @property
    def difficult_share(self) -> int | None:
        return share(self.difficult, self.share_base)


@dataclass
class RecruitingJobs:
    year: int | None
    by_projects: list[RecruitingFamily]
    by_difficulty: list[RecruitingFamily]
    little_known: list[tuple[Job, RecruitingFamily]]
    total_projects: int


def area_choices() -> tuple[list[Department], list[Basin]]:
    """Départements and basins that have BMO figures, for the page's form (2 queries)."""
    codes = RecruitmentNeed.objects.values("basin_code")
    departments = list(Department.objects.filter(code__in=RecruitmentNeed.objects.values("department_code")))
    basins = list(Basin.objects.filter(code__in=codes).select_related("department").order_by("name"))
    return departments, basins


def recruiting_jobs(
    *, department_code: str = "", basin_code: str = "", limit: int = 15, min_projects_for_share: int = 50
) -> RecruitingJobs:
    """BMO families with the most recruitment projects and the highest share of difficult ones in an
    area (the whole region when none is given), with their ROME jobs; little-known jobs among them
    (4 queries). Families with fewer than ``min_projects_for_share`` projects are not ranked by share:
    a percentage of a handful of projects says little."""
    needs = RecruitmentNeed.objects.all()
    if basin_code:
        needs = needs.filter(basin_code=basin_code)
    elif department_code:
        needs = needs.filter(department_code=department_code)
    year = needs.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return RecruitingJobs(None, [], [], [], 0)
    totals = (
        needs.filter(year=year, projects__isnull=False)
        .values("family_id")
        .annotate(
            projects_sum=Sum("projects"),
            difficult_sum=Sum("difficult", filter=Q(difficult__isnull=False)),
            share_base=Sum("projects", filter=Q(difficult__isnull=False)),
        )
    )
    figures = {
        row["family_id"]: (row["projects_sum"] or 0, row["difficult_sum"] or 0, row["share_base"] or 0)
        for row in totals
    }
    families = FapFamily.objects.in_bulk(list(figures))
    rows = [RecruitingFamily(families[fid], p, d, b) for fid, (p, d, b) in figures.items() if p > 0]
    by_projects = sorted(rows, key=lambda r: (-r.projects, r.family.label))[:limit]
    by_difficulty = sorted(
        (r for r in rows if r.projects >= min_projects_for_share),
        key=lambda r: (-(r.difficult_share or 0), -r.projects, r.family.label),
    )[:limit]
    shown = {r.family.pk: r for r in [*by_projects, *by_difficulty]}
    links = RomeFapLink.objects.filter(family_id__in=shown).values_list("rome_v3_code", "family_id").distinct()
    families_of_v3: dict[str, set[int]] = defaultdict(set)
    for v3, fid in links:
        families_of_v3[v3].add(fid)
    little_known = []
    for job in Job.objects.filter(rome_v3_parent__in=list(families_of_v3)).order_by("title"):
        for fid in sorted(families_of_v3[job.rome_v3_parent], key=lambda f: -shown[f].projects):
            if job not in shown[fid].jobs:
                shown[fid].jobs.append(job)
        if job.is_little_known:
            best = max((shown[f] for f in families_of_v3[job.rome_v3_parent]), key=lambda r: r.projects)
            little_known.append((job, best))
    little_known.sort(key=lambda pair: (-pair[1].projects, pair[0].title))
    per_family: dict[int, int] = defaultdict(int)
    varied = []
    for job, row in little_known:  # at most 3 per family, so the list shows several trades
        per_family[row.family.pk] += 1
        if per_family[row.family.pk] <= MAX_LITTLE_KNOWN_PER_FAMILY:
            varied.append((job, row))
    little_known = varied
    return RecruitingJobs(year, by_projects, by_difficulty, little_known[:limit], sum(r.projects for r in rows))
