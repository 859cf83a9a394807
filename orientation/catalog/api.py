"""``/api/v1/jobs/{rome_code}`` and ``/api/v1/trainings/{id}``: the public catalogue (open data)."""

from __future__ import annotations

import re

from django.http import Http404
from ninja import Field, Router, Schema, Status

from orientation.catalog import selectors
from orientation.core.api_contract import documented_str

router = Router(tags=["Métiers et formations"])
ROME_CODE = re.compile(r"^[A-Za-z][0-9]{4}$")


class Error(Schema):
    detail: str


class JobRef(Schema):
    rome_code: str
    title: str


class TrainingRef(Schema):
    id: int
    title: str
    level: str = Field("", description="Niveau RNCP en clair (ex. « niveau 3 (niveau CAP) »).")


class AreaOut(Schema):
    code: str
    name: str
    projects: int | None = Field(None, description="Projets de recrutement (null : secret statistique).")
    difficult_share: int | None = Field(None, description="Part des projets jugés difficiles, en %.")


class RecruitmentOut(Schema):
    fap_code: str
    label: str
    year: int | None
    qualifications: list[str]
    projects: int
    difficult_share: int | None
    departments: list[AreaOut]
    basins: list[AreaOut]


class TensionOut(Schema):
    year: int
    basin_code: str
    tension: int = Field(..., description="Classe de 1 (très faible) à 5 (très forte).")


class JobOut(Schema):
    rome_code: str
    title: str
    rome_v3_parent: str
    domain: str | None
    definition: str
    access: str
    riasec_major: str
    riasec_minor: str
    is_little_known: bool
    appellations: list[str]
    interests: list[str]
    related_jobs: list[JobRef]
    onisep_urls: list[str]
    trainings: list[TrainingRef]
    girls_share: int | None = Field(
        None, description="Part de filles (%) dans les formations de lycée pro menant au métier."
    )
    recruitment: list[RecruitmentOut]
    tension: list[TensionOut]


class TrainingOfferOut(Schema):
    uai: str
    establishment: str
    commune_insee_code: str
    commune: str
    modality: str
    latitude: float | None
    longitude: float | None
    pupils: int | None
    girls: int | None
    boys: int | None
    distance_km: float | None = Field(None, description="Distance à vol d'oiseau depuis `commune`, si donnée.")
    employment_rate_6m: float | None = Field(None, description="InserJeunes, tout l'établissement, en %.")


class TrainingOut(Schema):
    id: int
    code: str
    title: str
    kind: str
    level: str
    rncp_level: int | None
    duration: str
    url: str
    jobs: list[JobRef]
    offers: list[TrainingOfferOut]


def _area(a) -> dict:
    return {"code": a.code, "name": a.name, "projects": a.projects, "difficult_share": a.difficult_share}


def _commune(value: str | None):
    """(commune or None, error message or None)."""
    if not value:
        return None, None
    commune = selectors.find_commune(value)
    if commune is None:
        return None, f"Commune inconnue : « {value} » (code INSEE ou nom exact attendu)."
    return commune, None


@router.get(
    "/jobs/{rome_code}",
    response={200: JobOut, 404: Error, 422: Error},
    summary="Un métier (fiche ROME 4)",
    description=(
        "Définition, accès, profil RIASEC, appellations, centres d'intérêt, métiers proches, formations, "
        "projets de recrutement BMO par famille professionnelle (département et bassin) et tension. "
        "422 si le code n'a pas la forme d'un code ROME (une lettre et 4 chiffres), 404 s'il est inconnu."
    ),
)
def job_detail(request, rome_code: documented_str(pattern=ROME_CODE.pattern)):
    if not ROME_CODE.match(rome_code):
        return Status(422, {"detail": f"Code ROME invalide : « {rome_code} » (une lettre et 4 chiffres, ex. D1102)."})
    try:
        job = selectors.job_detail(rome_code)
    except Http404:
        return Status(404, {"detail": f"Aucun métier avec le code ROME « {rome_code.upper()} »."})
    trainings = selectors.job_trainings(job, max_offers=0, max_trainings=50)
    return Status(
        200,
        {
            "rome_code": job.rome_code,
            "title": job.title,
            "rome_v3_parent": job.rome_v3_parent,
            "domain": job.domain.label if job.domain else None,
            "definition": job.definition,
            "access": job.access,
            "riasec_major": job.riasec_major,
            "riasec_minor": job.riasec_minor,
            "is_little_known": job.is_little_known,
            "appellations": [a.long_label for a in job.appellations.all()],
            "interests": [link.centre.label for link in job.interest_links.all()],
            "related_jobs": [
                {"rome_code": m.target.rome_code, "title": m.target.title} for m in job.mobilities_from.all()
            ],
            "onisep_urls": [sheet.url for sheet in job.onisep_jobs.all()],
            "trainings": [{"id": t.pk, "title": t.title, "level": t.rncp_level_label} for t in trainings.trainings],
            "girls_share": trainings.girls_share,
            "recruitment": [
                {
                    "fap_code": entry.family.code,
                    "label": entry.family.label,
                    "year": entry.year,
                    "qualifications": entry.qualifications,
                    "projects": entry.projects,
                    "difficult_share": entry.difficult_share,
                    "departments": [_area(d) for d in entry.departments],
                    "basins": [_area(b) for b in entry.basins],
                }
                for entry in selectors.job_recruitment(job)
            ],
            "tension": [
                {"year": t.year, "basin_code": t.basin_code, "tension": t.tension} for t in selectors.job_tension(job)
            ],
        },
    )


@router.get(
    "/trainings/{training_id}",
    response={200: TrainingOut, 404: Error, 422: Error},
    summary="Une formation",
    description=(
        "Type de diplôme, niveau, durée, métiers auxquels elle mène, et où elle est proposée dans la région "
        "(scolaire ou apprentissage), avec la distance depuis `commune` (code INSEE ou nom) si elle est donnée. "
        "422 si l'identifiant n'est pas un entier ou si la commune est inconnue, 404 si la formation est inconnue."
    ),
)
def training_detail(
    request,
    training_id: documented_str(pattern=r"^[0-9]{1,18}$"),
    commune: str | None = None,
):
    if not training_id.isdigit():
        return Status(422, {"detail": f"Identifiant de formation invalide : « {training_id} » (un entier attendu)."})
    place, error = _commune(commune)
    if error:
        return Status(422, {"detail": error})
    try:
        training = selectors.training_detail(int(training_id))
    except Http404:
        return Status(404, {"detail": f"Aucune formation avec l'identifiant {training_id}."})
    rows = selectors.training_offers(training, commune=place)
    return Status(
        200,
        {
            "id": training.pk,
            "code": training.code,
            "title": training.title,
            "kind": training.kind_label,
            "level": training.rncp_level_label,
            "rncp_level": training.rncp_level,
            "duration": training.duration,
            "url": training.url,
            "jobs": [{"rome_code": link.job.rome_code, "title": link.job.title} for link in training.job_links.all()],
            "offers": [
                {
                    "uai": r.offer.establishment.uai,
                    "establishment": r.offer.establishment.name,
                    "commune_insee_code": r.offer.establishment.commune.insee_code,
                    "commune": r.offer.establishment.commune.name,
                    "modality": r.offer.modality,
                    "latitude": r.offer.establishment.latitude,
                    "longitude": r.offer.establishment.longitude,
                    "pupils": r.offer.total,
                    "girls": r.offer.girls,
                    "boys": r.offer.boys,
                    "distance_km": r.distance_km,
                    "employment_rate_6m": r.insertion.employment_rate_6m if r.insertion else None,
                }
                for r in rows
            ],
        },
    )
