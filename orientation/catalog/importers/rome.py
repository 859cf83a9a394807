"""ROME 4 referential (France Travail « RefRomeCsv »): domains, jobs, titles, interests, mobility, texts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from orientation.catalog.enums import Riasec, TransitionEco
from orientation.catalog.importers.common import clean, optional_int, rome_code, rows, yes_no
from orientation.catalog.importers.sync import pk_map, upsert
from orientation.catalog.models import (
    Appellation,
    GrandDomain,
    InterestCentre,
    Job,
    JobInterest,
    JobMobility,
    ProfessionalDomain,
)
from orientation.core.importing import ImportReport, RowError, SourceFile

FOLDER = "rome"
OFFICIAL_URLS = ("https://www.francetravail.org/opendata/repertoire-operationnel-des-meti.html",)


def _rome_file(name: str, columns: tuple[str, ...], key: tuple[str, ...], min_rows: int) -> SourceFile:
    return SourceFile(f"rome/{name}", columns, official_url=OFFICIAL_URLS[0], key=key, min_rows=min_rows)


FILES = {
    "jobs": _rome_file(
        "unix_referentiel_code_rome_v460_utf8.csv",
        ("code_rome", "libelle_rome", "code_rome_parent"),
        ("code_rome",),
        500,
    ),
    "appellations": _rome_file(
        "unix_referentiel_appellation_v460_utf8.csv",
        ("code_ogr", "code_rome", "libelle_appellation_long"),
        ("code_ogr",),
        5000,
    ),
    "job_domains": _rome_file(
        "unix_cr_gd_dp_v460_utf8.csv", ("code_rome", "code_domaine_professionel"), ("code_rome",), 500
    ),
    "grand_domains": _rome_file(
        "unix_grand_domaine_v460_utf8.csv",
        ("code_grand_domaine", "libelle_grand_domaine"),
        ("code_grand_domaine",),
        5,
    ),
    "domains": _rome_file(
        "unix_domaine_professionnel_v460_utf8.csv",
        ("code_domaine_professionnel", "libelle_domaine_professionnel"),
        ("code_domaine_professionnel",),
        50,
    ),
    "riasec": _rome_file(
        "unix_referentiel_code_rome_riasec_v460_utf8.csv",
        ("code_rome", "riasec_majeur", "riasec_mineur"),
        ("code_rome",),
        500,
    ),
    "centres": _rome_file(
        "unix_centre_interet_v460_utf8.csv",
        ("code_centre_interet", "libelle_centre_interet"),
        ("code_centre_interet",),
        10,
    ),
    "centre_links": _rome_file(
        "unix_arborescence_centre_interet_v460_utf8.csv",
        ("code_centre_interet", "code_rome"),
        ("code_centre_interet", "code_rome"),
        1000,
    ),
    "mobility": _rome_file(
        "unix_rubrique_mobilite_v460_utf8.csv", ("code_rome", "code_rome_cible"), ("code_rome", "code_rome_cible"), 5000
    ),
    "texts": _rome_file(
        "unix_texte_v460_utf8.csv",
        ("code_rome", "libelle_type_texte", "position_phrase", "libelle_texte"),
        ("code_rome", "libelle_type_texte", "position_phrase"),
        5000,
    ),
}

TRANSITION_ECO = {
    "emploi blanc": TransitionEco.WHITE,
    "emploi stratégique pour la transition écologique": TransitionEco.STRATEGIC,
    "emploi vert": TransitionEco.GREEN,
    "emploi brun": TransitionEco.BROWN,
}
TEXT_KINDS = {"definition": "definition", "acces_metier": "access", "acces_emploi": "access"}
RIASEC_LETTERS = {c.value for c in Riasec}


@dataclass(frozen=True)
class JobRecord:
    rome_code: str
    ogr_code: int | None
    title: str
    rome_v3_parent: str
    transition_eco: str
    is_digital_transition: bool | None
    is_demographic_transition: bool | None
    is_regulated: bool | None
    is_managerial: bool | None


def map_job(row: dict) -> JobRecord:
    code = rome_code(row["code_rome"])
    title = clean(row["libelle_rome"])
    if not title:
        raise RowError(f"{code} : intitulé vide.")
    return JobRecord(
        rome_code=code,
        ogr_code=optional_int(row.get("code_ogr", ""), "code OGR"),
        title=title,
        rome_v3_parent=rome_code(row["code_rome_parent"] or code, "code ROME parent"),
        transition_eco=TRANSITION_ECO.get(clean(row.get("transition_eco")).lower(), TransitionEco.UNKNOWN),
        is_digital_transition=yes_no(row.get("transition_num", "")),
        is_demographic_transition=yes_no(row.get("transition_demo", "")),
        is_regulated=yes_no(row.get("emploi_reglemente", "")),
        is_managerial=yes_no(row.get("emploi_cadre", "")),
    )


@dataclass(frozen=True)
class AppellationRecord:
    ogr_code: int
    rome_code: str
    long_label: str
    short_label: str
    is_principal: bool
    is_rarely_used: bool


def map_appellation(row: dict) -> AppellationRecord:
    ogr = optional_int(row["code_ogr"], "code OGR")
    if ogr is None:
        raise RowError("code OGR de l'appellation vide.")
    long_label = clean(row["libelle_appellation_long"])
    if not long_label:
        raise RowError(f"appellation {ogr} : libellé vide.")
    return AppellationRecord(
        ogr_code=ogr,
        rome_code=rome_code(row["code_rome"]),
        long_label=long_label,
        short_label=clean(row.get("libelle_appellation_court")) or long_label,
        is_principal=clean(row.get("classification")).upper() == "PRINCIPALE",
        is_rarely_used=yes_no(row.get("peu_usite", "")) is True,
    )


def map_riasec(row: dict) -> tuple[str, str, str]:
    code = rome_code(row["code_rome"])
    major, minor = clean(row["riasec_majeur"]).upper(), clean(row["riasec_mineur"]).upper()
    for letter in (major, minor):
        if letter and letter not in RIASEC_LETTERS:
            raise RowError(f"{code} : lettre RIASEC inconnue « {letter} ».")
    return code, major, minor


def map_text(row: dict) -> tuple[str, str, int, str] | None:
    """(rome_code, field, position, sentence); None for a text kind the job page does not show."""
    kind = TEXT_KINDS.get(clean(row["libelle_type_texte"]).lower())
    if kind is None:
        return None
    position = optional_int(row["position_phrase"], "position de la phrase") or 0
    # The export doubles apostrophes (« d''hygiène »), a leftover of SQL quoting.
    return rome_code(row["code_rome"]), kind, position, clean(row["libelle_texte"]).replace("''", "'")


def map_mobility(row: dict) -> tuple[str, str, int]:
    source, target = rome_code(row["code_rome"]), rome_code(row["code_rome_cible"], "code ROME cible")
    if source == target:
        raise RowError(f"{source} : mobilité vers lui-même.")
    return source, target, optional_int(row.get("numero_ordre", ""), "ordre") or 0


def map_centre_link(row: dict) -> tuple[int, str, bool]:
    centre = optional_int(row["code_centre_interet"], "code du centre d'intérêt")
    if centre is None:
        raise RowError("code du centre d'intérêt vide.")
    return centre, rome_code(row["code_rome"]), clean(row.get("principal")).lower() == "oui"


def _mapped(source: Path, key: str, mapper: Callable, report: ImportReport):
    """Yield mapped records of one file; bad rows are reported with their line and skipped."""
    for line, row in rows(source, FILES[key], report):
        try:
            record = mapper(row)
        except (RowError, KeyError) as exc:
            report.reject(FILES[key].path, line, str(exc) if isinstance(exc, RowError) else f"colonne absente {exc}")
            continue
        if record is not None:
            yield record


def run(source: Path, report: ImportReport, progress: Callable[[str], None]) -> None:
    progress("ROME : domaines")
    grand = {}
    for _line, row in rows(source, FILES["grand_domains"], report):
        code = clean(row["code_grand_domaine"]).upper()
        if code:
            grand[(code,)] = {"label": clean(row["libelle_grand_domaine"])}
    upsert(GrandDomain, ("code",), grand, report)
    grand_pk = pk_map(GrandDomain, ("code",))

    domains = {}
    for line, row in rows(source, FILES["domains"], report):
        code = clean(row["code_domaine_professionnel"]).upper()
        gd = grand_pk.get((code[:1],))
        if gd is None:
            report.reject(FILES["domains"].path, line, f"domaine {code} : grand domaine {code[:1]} inconnu.")
            continue
        domains[(code,)] = {"label": clean(row["libelle_domaine_professionnel"]), "grand_domain_id": gd}
    upsert(ProfessionalDomain, ("code",), domains, report)
    domain_pk = pk_map(ProfessionalDomain, ("code",))
    job_domain = {}
    for line, row in rows(source, FILES["job_domains"], report):
        code, dp = clean(row["code_rome"]).upper(), clean(row["code_domaine_professionel"]).upper()
        if (dp,) in domain_pk:
            job_domain[code] = domain_pk[(dp,)]
        else:
            report.reject(FILES["job_domains"].path, line, f"{code} : domaine professionnel {dp} inconnu.")

    progress("ROME : fiches métiers")
    riasec = {code: (major, minor) for code, major, minor in _mapped(source, "riasec", map_riasec, report)}
    texts: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for code, kind, position, sentence in _mapped(source, "texts", map_text, report):
        texts[(code, kind)].append((position, sentence))
    jobs = {}
    for rec in _mapped(source, "jobs", map_job, report):
        major, minor = riasec.get(rec.rome_code, ("", ""))
        jobs[(rec.rome_code,)] = {
            "ogr_code": rec.ogr_code,
            "title": rec.title,
            "rome_v3_parent": rec.rome_v3_parent,
            "domain_id": job_domain.get(rec.rome_code),
            "definition": "\n".join(s for _, s in sorted(texts.get((rec.rome_code, "definition"), []))),
            "access": "\n".join(s for _, s in sorted(texts.get((rec.rome_code, "access"), []))),
            "transition_eco": rec.transition_eco,
            "is_digital_transition": rec.is_digital_transition,
            "is_demographic_transition": rec.is_demographic_transition,
            "is_regulated": rec.is_regulated,
            "is_managerial": rec.is_managerial,
            "riasec_major": major,
            "riasec_minor": minor,
        }
        if rec.rome_code not in job_domain:
            report.unjoin(FILES["jobs"].path, "ROME : fiche sans domaine professionnel")
    for code in riasec:
        if (code,) not in jobs:
            report.unjoin(FILES["riasec"].path, "ROME : profil RIASEC d'une fiche inconnue")
    for code, _kind in texts:
        if (code,) not in jobs:
            report.unjoin(FILES["texts"].path, "ROME : texte d'une fiche inconnue")
    upsert(Job, ("rome_code",), jobs, report)
    job_pk = {code: pk for (code,), pk in pk_map(Job, ("rome_code",)).items()}

    progress("ROME : appellations")
    appellations = {}
    for rec in _mapped(source, "appellations", map_appellation, report):
        job_id = job_pk.get(rec.rome_code)
        if job_id is None:
            report.unjoin(FILES["appellations"].path, "ROME : appellation d'une fiche inconnue")
            continue
        appellations[(rec.ogr_code,)] = {
            "job_id": job_id,
            "long_label": rec.long_label,
            "short_label": rec.short_label,
            "is_principal": rec.is_principal,
            "is_rarely_used": rec.is_rarely_used,
        }
    upsert(Appellation, ("ogr_code",), appellations, report)

    progress("ROME : centres d'intérêt et mobilités")
    centres = {}
    for line, row in rows(source, FILES["centres"], report):
        code = optional_int(row["code_centre_interet"], "code")
        if code is None:
            report.reject(FILES["centres"].path, line, "code du centre d'intérêt vide.")
            continue
        centres[(code,)] = {
            "label": clean(row["libelle_centre_interet"]),
            "definition": clean(row.get("definition_centre_interet")),
        }
    upsert(InterestCentre, ("code",), centres, report)
    centre_pk = {code: pk for (code,), pk in pk_map(InterestCentre, ("code",)).items()}
    links = {}
    for centre, code, principal in _mapped(source, "centre_links", map_centre_link, report):
        if centre not in centre_pk or code not in job_pk:
            report.unjoin(FILES["centre_links"].path, "ROME : lien centre d'intérêt ↔ fiche inconnue")
            continue
        key = (job_pk[code], centre_pk[centre])
        links[key] = {"is_principal": principal or links.get(key, {}).get("is_principal", False)}
    upsert(JobInterest, ("job_id", "centre_id"), links, report, delete_missing=True)

    mobility = {}
    for src, target, rank in _mapped(source, "mobility", map_mobility, report):
        if src not in job_pk or target not in job_pk:
            report.unjoin(FILES["mobility"].path, "ROME : mobilité vers une fiche inconnue")
            continue
        key = (job_pk[src], job_pk[target])
        rank = min(rank, mobility[key]["rank"]) if key in mobility else rank
        mobility[key] = {"rank": rank}
    upsert(JobMobility, ("source_id", "target_id"), mobility, report, delete_missing=True)
    report.notes.append(
        f"ROME : {len(jobs)} fiches, {len(appellations)} appellations, {len(links)} liens centres d'intérêt, "
        f"{len(mobility)} mobilités."
    )
