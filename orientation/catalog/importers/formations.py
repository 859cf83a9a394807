"""Training: the Onisep catalogue, Onisep job sheets, and where training is offered in the region.

- Onisep « Formations initiales » → ``Training`` keyed on the Onisep id (``FOR.1234``).
- Onisep « Métiers » → ``OnisepJob`` keyed on ``MET.123``, linked to ROME 4 jobs by ROME v3 code.
- Vocational-lycée headcounts by MEF (rentrée 2024) → ``TrainingOffer`` (school, girls / boys).
  Each MEF label is matched to an Onisep training of the same diploma kind when every abbreviated
  word of the MEF title begins a word of the Onisep title (≥ 80 % of them, the best candidate wins);
  a MEF no Onisep entry matches becomes its own ``Training`` (``MEF.<code without year digit>``).
- Parcoursup programmes (HdF) → ``TrainingOffer`` the same way (``PSUP.<digest>`` when unmatched).
Establishments join the territory by UAI; unknown UAIs are counted, never created here.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from orientation.catalog.enums import Modality, OfferSource, TrainingSource
from orientation.catalog.importers.common import clean, optional_int, rome_code, rows, uai
from orientation.catalog.importers.sync import pk_map, upsert
from orientation.catalog.importers.text import STOP_WORDS, normalise, prefix_match, tokens
from orientation.catalog.models import Training, TrainingOffer
from orientation.core.importing import ImportReport, RowError, SourceFile
from orientation.territory.importers import files as territory_files
from orientation.territory.models import Establishment

OFFICIAL_URLS = (
    "https://opendata.onisep.fr/data/5fa591127f501/2-ideo-formations-initiales-en-france.htm",
    "https://opendata.onisep.fr/data/5fa5949243f2b/2-ideo-metiers-onisep.htm",
    "https://data.education.gouv.fr/explore/dataset/fr-en-lycee_pro-effectifs-niveau-sexe-mef/",
    "https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-parcoursup/",
)
# The Onisep columns the training importer reads.
ONISEP_TRAINING_COLUMNS = "lien site onisep.fr|libellé formation principal|libellé niveau RNCP|sigle type formation|libellé type formation|sigle formation|durée|code RNCP|domaine/sous-domaine"
FILES = {
    "onisep_trainings": SourceFile(
        "formations/ideo-formations_initiales_en_france.csv",
        tuple(ONISEP_TRAINING_COLUMNS.split("|")),
        ";",
        OFFICIAL_URLS[0],
        key=("lien site onisep.fr",),
        min_rows=2000,
    ),
    # One row per publication: a sheet may come several times (merged by the importer).
    "onisep_jobs": SourceFile(
        "formations/ideo-metiers_onisep.csv",
        ("libellé métier", "lien site onisep.fr", "code ROME (V.3)", "domaine/sous-domaine"),
        ";",
        OFFICIAL_URLS[1],
        min_rows=500,
    ),
    # The same files as the territory's establishments step: one description of each file.
    "lycee_pro": territory_files.LYCEE_PRO_HEADCOUNTS,
    "parcoursup": territory_files.PARCOURSUP,
}
ONISEP_ID = re.compile(r"((?:FOR|MET)\.\d+)")
RNCP_LEVEL = re.compile(r"^niveau (\d)\b")
MATCH_THRESHOLD = 0.8
MATCH_STOP_WORDS = STOP_WORDS | {"portail", "sco"}

# Canonical diploma kinds, so three publishers' spellings meet: (key, label shown when no Onisep entry).
KIND_LABELS = {
    "CAP": "CAP",
    "CAPA": "CAP agricole",
    "BACPRO": "Bac pro",
    "BTS": "BTS",
    "BTSA": "BTSA",
    "MC": "Mention complémentaire",
    "CS": "Certificat de spécialisation",
    "BMA": "Brevet des métiers d'art",
    "DNMADE": "DN MADE",
    "DCG": "Diplôme de comptabilité et de gestion",
    "DSCG": "Diplôme supérieur de comptabilité et de gestion",
    "BUT": "BUT",
    "LICENCE": "Licence",
    "LP": "Licence professionnelle",
    "CPGE": "Classe préparatoire",
    "DEUST": "DEUST",
    "DE": "Diplôme d'État",
    "BPJEPS": "BPJEPS",
    "MANBTS": "Classe de mise à niveau",
    "DSAA": "DSAA",
}

# Level of a diploma kind, for trainings no Onisep entry describes (RNCP / European levels).
KIND_LEVELS = {
    "CAP": 3,
    "CAPA": 3,
    "MC": 3,
    "BACPRO": 4,
    "BMA": 4,
    "BPJEPS": 4,
    "BTS": 5,
    "BTSA": 5,
    "DEUST": 5,
    "BUT": 6,
    "LICENCE": 6,
    "LP": 6,
    "DCG": 6,
    "DNMADE": 6,
    "DSCG": 7,
}
LEVEL_LABELS = {
    3: "niveau 3 (niveau CAP)",
    4: "niveau 4 (bac ou équivalent)",
    5: "niveau 5 (bac + 2)",
    6: "niveau 6 (bac + 3)",
    7: "niveau 7 (bac + 5)",
    8: "niveau 8 (doctorat)",
}


def kind_level(kind: str) -> tuple[int | None, str]:
    level = KIND_LEVELS.get(kind)
    return level, LEVEL_LABELS.get(level, "")


def onisep_kind(acronym: str, label: str) -> str:
    """Canonical kind of an Onisep training from its type acronym and label."""
    a, lab = normalise(acronym), normalise(label)
    table = {
        "cap": "CAP",
        "cap agricole": "CAPA",
        "bts": "BTS",
        "btsa": "BTSA",
        "mc": "MC",
        "cs": "CS",
        "bma": "BMA",
        "dn made": "DNMADE",
        "but": "BUT",
        "cpge": "CPGE",
        "deust": "DEUST",
        "bp jeps": "BPJEPS",
        "dcg": "DCG",
        "dscg": "DSCG",
    }
    if a in table:
        return table[a]
    if lab == "baccalaureat professionnel":
        return "BACPRO"
    if lab == "licence":
        return "LICENCE"
    if lab == "licence professionnelle":
        return "LP"
    if (lab.startswith("diplome d etat") and "sante" in lab) or lab.startswith("diplome d etat du travail social"):
        return "DE"
    if lab.startswith("diplome de comptabilite"):
        return "DCG"
    return a.upper().replace(" ", "") or lab


def mef_kind(grouped_label: str) -> str:
    """Canonical kind from the grouped MEF label (``mef_bcp_6_lib_l``)."""
    lab = normalise(grouped_label)
    for prefix, kind in (
        ("bac pro", "BACPRO"),
        ("bts", "BTS"),
        ("cap agricole", "CAPA"),
        ("cap", "CAP"),
        ("certificat de specialisation", "CS"),
        ("bma", "BMA"),
        ("diplome de comptabilite", "DCG"),
        ("dip sup comptabilite", "DSCG"),
        ("classe de mise a niveau", "MANBTS"),
        ("dsaa", "DSAA"),
        ("mention complementaire", "MC"),
    ):
        if lab.startswith(prefix):
            return kind
    if "made" in lab or "metiers d art et du design" in lab:
        return "DNMADE"
    return lab.upper()


_MEF_PREFIX_WORDS = {"TLE", "TLEPRO", "DN", "MADE", "-", "PRO", "1ERE", "2NDE"}


def mef_title(label: str) -> str:
    """Training title of a MEF label: « TLE PRO3 CUISINE » → « CUISINE »."""
    words = clean(label).split()
    while (
        words and "." not in words[0] and (any(c.isdigit() for c in words[0]) or words[0].upper() in _MEF_PREFIX_WORDS)
    ):
        words.pop(0)
    return " ".join(words)


def mef_training_key(mef: str) -> str:
    """MEF code without its year-of-study digit: the 3 years of one bac pro share it."""
    mef = clean(mef)
    return mef[:3] + mef[4:] if len(mef) == 11 else mef


def match_tokens(value: str) -> list[str]:
    """Tokens for matching abbreviated titles: « ACCOMPAG.EDUCATIF » → accompag, educatif."""
    return tokens(value, drop=MATCH_STOP_WORDS)


@dataclass
class Catalogue:
    """Onisep trainings by kind, with their tokens, for the matching of other sources."""

    by_kind: dict[str, list[tuple[str, list[str]]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, code: str, kind: str, title: str) -> None:
        self.by_kind[kind].append((code, match_tokens(title)))

    def match(self, kind: str, title: str) -> str | None:
        """Code of the Onisep training of ``kind`` whose title best covers ``title``; None below threshold."""
        wanted = match_tokens(title)
        if not wanted:
            return None
        best: tuple[float, int, str] | None = None
        for code, words in self.by_kind.get(kind, ()):
            matched = sum(1 for t in wanted if prefix_match([t], words))
            ratio = matched / len(wanted)
            if ratio < MATCH_THRESHOLD:
                continue
            candidate = (ratio, -(len(words) - matched), code)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
        return best[2] if best else None


@dataclass(frozen=True)
class OnisepTrainingRecord:
    code: str
    kind: str
    kind_acronym: str
    kind_label: str
    title: str
    acronym: str
    duration: str
    rncp_code: str
    rncp_level: int | None
    rncp_level_label: str
    url: str
    domains: str


def map_onisep_training(row: dict) -> OnisepTrainingRecord:
    url = clean(row["lien site onisep.fr"])
    found = ONISEP_ID.search(url)
    if not found:
        raise RowError(f"identifiant Onisep introuvable dans le lien « {url} ».")
    title = clean(row["libellé formation principal"])
    if not title:
        raise RowError(f"{found.group(1)} : intitulé vide.")
    # « niveau RNCP » holds the former nomenclature (5 = CAP … 1 = bac + 5); the label gives the
    # current European level (« niveau 3 (niveau CAP) »), which is the one stored and shown.
    level_label = clean(row["libellé niveau RNCP"])
    found_level = RNCP_LEVEL.match(level_label)
    level = int(found_level.group(1)) if found_level else None
    if level is not None and level > 8:
        raise RowError(f"{found.group(1)} : niveau RNCP {level} hors de 1 à 8.")
    acronym_type, label_type = clean(row["sigle type formation"]), clean(row["libellé type formation"])
    return OnisepTrainingRecord(
        code=found.group(1),
        kind=onisep_kind(acronym_type, label_type),
        kind_acronym=acronym_type,
        kind_label=label_type,
        title=title,
        acronym=clean(row["sigle formation"]),
        duration=clean(row["durée"]),
        rncp_code=clean(row["code RNCP"]),
        rncp_level=level,
        rncp_level_label=level_label if level else "",
        url=url.replace("http://", "https://", 1),
        domains=clean(row["domaine/sous-domaine"]),
    )


@dataclass(frozen=True)
class OnisepJobRecord:
    code: str
    title: str
    url: str
    rome_v3_codes: tuple[str, ...]
    domains: str


def map_onisep_job(row: dict) -> OnisepJobRecord:
    url = clean(row["lien site onisep.fr"])
    found = ONISEP_ID.search(url)
    if not found:
        raise RowError(f"identifiant Onisep introuvable dans le lien « {url} ».")
    codes = tuple(rome_code(c, "code ROME v3") for c in clean(row["code ROME (V.3)"]).split("|") if c.strip())
    return OnisepJobRecord(
        code=found.group(1),
        title=clean(row["libellé métier"]),
        url=url.replace("http://", "https://", 1),
        rome_v3_codes=codes,
        domains=clean(row["domaine/sous-domaine"]),
    )


@dataclass(frozen=True)
class MefRow:
    uai: str
    school_year: int | None
    mef_key: str
    kind: str
    title: str
    label: str
    total: int | None
    girls: int | None
    boys: int | None


def map_lycee_pro_row(row: dict) -> MefRow:
    mef = clean(row["mef_bcp_11"])
    if not mef:
        raise RowError("code MEF vide.")
    label = clean(row["mef_bcp_11_lib_l"])
    return MefRow(
        uai=uai(row["numero_d_etablissement"]),
        school_year=optional_int(row["rentree_scolaire"], "rentrée"),
        mef_key=mef_training_key(mef),
        kind=mef_kind(row["mef_bcp_6_lib_l"]),
        title=mef_title(label),
        label=label,
        total=optional_int(row["nombre_d_eleves_total"], "élèves"),
        girls=optional_int(row["nombre_d_eleves_filles"], "filles"),
        boys=optional_int(row["nombre_d_eleves_garcons"], "garçons"),
    )


@dataclass(frozen=True)
class ParcoursupRow:
    uai: str
    kind: str
    title: str
    label: str
    modality: str


PARCOURSUP_KINDS = {
    "bts": "BTS",
    "licence": "LICENCE",
    "licence professionnelle": "LP",
    "cpge": "CPGE",
    "but": "BUT",
    "certificat de specialisation": "CS",
    "dn made": "DNMADE",
    "deust": "DEUST",
    "diplome de comptabilite et de gestion": "DCG",
    "bpjeps": "BPJEPS",
    "mise a niveau": "MANBTS",
}


def map_parcoursup(row: dict) -> ParcoursupRow:
    label = clean(row["Filiere de formation"])
    parts = [p.strip() for p in re.split(r"\s{3,}", label) if p.strip()]
    if not parts:
        raise RowError("filière de formation vide.")
    head = normalise(parts[0])
    kind = PARCOURSUP_KINDS.get(head, "")
    rest = parts[1:]
    if head.startswith("d e "):  # « D.E Infirmier » : diplôme d'État
        kind, rest = "DE", [parts[0][4:], *rest]
    if kind == "BTS" and rest and normalise(rest[0]) in {"services", "production", "agricole"}:
        if normalise(rest[0]) == "agricole":
            kind = "BTSA"
        rest = rest[1:]
    if kind == "LICENCE":
        rest = [p for p in rest if not normalise(p).startswith("parcours")][:1]
    if not kind:
        kind = head.upper()
        rest = rest or [parts[0]]
    modality = Modality.APPRENTICESHIP if "apprentissage" in normalise(label) else Modality.SCHOOL
    return ParcoursupRow(
        uai=uai(row["Code UAI de l etablissement"]),
        kind=kind,
        title=" ".join(rest),
        label=label,
        modality=modality,
    )


def _pretty(title: str) -> str:
    """Capitalise a title written in capitals by its source (« CUISINE » → « Cuisine »)."""
    title = clean(title)
    if title.isupper():
        title = title.lower()
    return title[:1].upper() + title[1:]


def run(source: Path, report: ImportReport, progress: Callable[[str], None]) -> None:
    progress("Formations : catalogue Onisep")
    catalogue = Catalogue()
    trainings: dict[tuple, dict] = {}
    for line, row in rows(source, FILES["onisep_trainings"], report):
        try:
            rec = map_onisep_training(row)
        except (RowError, KeyError) as exc:
            report.reject(FILES["onisep_trainings"].path, line, str(exc))
            continue
        catalogue.add(rec.code, rec.kind, rec.title)
        trainings[(rec.code,)] = {
            "source": TrainingSource.ONISEP,
            "kind_acronym": (rec.kind_acronym or rec.kind)[:30],
            "kind_label": rec.kind_label,
            "title": rec.title,
            "acronym": rec.acronym,
            "duration": rec.duration,
            "rncp_code": rec.rncp_code,
            "rncp_level": rec.rncp_level,
            "rncp_level_label": rec.rncp_level_label,
            "url": rec.url,
            "domains": rec.domains,
            "mef_codes": [],
        }

    establishments = {code: pk for (code,), pk in pk_map(Establishment, ("uai",)).items()}

    progress("Formations : lycées professionnels (effectifs par MEF)")
    mef_rows: list[MefRow] = []
    for line, row in rows(source, FILES["lycee_pro"], report):
        try:
            rec = map_lycee_pro_row(row)
        except (RowError, KeyError) as exc:
            report.reject(FILES["lycee_pro"].path, line, str(exc))
            continue
        if rec.uai in establishments:
            mef_rows.append(rec)
        else:  # no training is created for a place the territory does not know
            report.unjoin(FILES["lycee_pro"].path, "Lycées pro : UAI absent du territoire (lignes)")
    mef_training: dict[str, str] = {}
    for rec in mef_rows:
        if rec.mef_key in mef_training:
            continue
        code = catalogue.match(rec.kind, rec.title)
        if code is None:
            code = f"MEF.{rec.mef_key}"
            trainings[(code,)] = {
                "source": TrainingSource.MEF,
                "kind_acronym": rec.kind[:30],
                "kind_label": KIND_LABELS.get(rec.kind, rec.kind.title()),
                "title": f"{KIND_LABELS.get(rec.kind, '')} {_pretty(rec.title)}".strip(),
                "acronym": "",
                "duration": "",
                "rncp_code": "",
                "rncp_level": kind_level(rec.kind)[0],
                "rncp_level_label": kind_level(rec.kind)[1],
                "url": "",
                "domains": "",
                "mef_codes": [],
            }
        mef_training[rec.mef_key] = code
        trainings[(code,)]["mef_codes"] = sorted({*trainings[(code,)]["mef_codes"], rec.mef_key})
    matched = sum(1 for code in mef_training.values() if not code.startswith("MEF."))
    report.notes.append(
        f"Lycées professionnels : {matched} formations (MEF) sur {len(mef_training)} reliées au catalogue Onisep."
    )
    report.unjoined["Lycées pro : formation (MEF) sans équivalent Onisep"] += len(mef_training) - matched

    progress("Formations : Parcoursup")
    psup_rows: list[ParcoursupRow] = []
    for line, row in rows(source, FILES["parcoursup"], report):
        try:
            rec = map_parcoursup(row)
        except (RowError, KeyError) as exc:
            report.reject(FILES["parcoursup"].path, line, str(exc))
            continue
        if rec.uai in establishments:
            psup_rows.append(rec)
        else:
            report.unjoin(FILES["parcoursup"].path, "Parcoursup : UAI absent du territoire (lignes)")
    psup_training: dict[str, str] = {}
    for rec in psup_rows:
        if rec.label in psup_training:
            continue
        code = catalogue.match(rec.kind, rec.title)
        if code is None:
            code = "PSUP." + hashlib.sha1(normalise(rec.label).encode(), usedforsecurity=False).hexdigest()[:12]
            kind_label = KIND_LABELS.get(rec.kind, "")
            trainings[(code,)] = {
                "source": TrainingSource.PARCOURSUP,
                "kind_acronym": rec.kind[:30],
                "kind_label": (kind_label or rec.kind.title())[:150],
                "title": f"{kind_label} {rec.title}".strip() if kind_label else " ".join(rec.label.split()),
                "acronym": "",
                "duration": "",
                "rncp_code": "",
                "rncp_level": kind_level(rec.kind)[0],
                "rncp_level_label": kind_level(rec.kind)[1],
                "url": "",
                "domains": "",
                "mef_codes": [],
            }
        psup_training[rec.label] = code
    matched = sum(1 for code in psup_training.values() if not code.startswith("PSUP."))
    report.notes.append(f"Parcoursup : {matched} filières sur {len(psup_training)} reliées au catalogue Onisep.")
    report.unjoined["Parcoursup : filière sans équivalent Onisep"] += len(psup_training) - matched

    upsert(Training, ("code",), trainings, report)
    training_pk = {code: pk for (code,), pk in pk_map(Training, ("code",)).items()}

    progress("Formations : offre par établissement")
    offers: dict[tuple, dict] = {}
    for rec in mef_rows:
        est = establishments[rec.uai]
        key = (training_pk[mef_training[rec.mef_key]], est, Modality.SCHOOL, OfferSource.LYCEE_PRO)
        offer = offers.setdefault(
            key, {"raw_label": rec.label, "school_year": rec.school_year, "girls": 0, "boys": 0, "total": 0}
        )
        offer["raw_label"] = min(offer["raw_label"], rec.label)
        for part in ("girls", "boys", "total"):
            value = getattr(rec, part)
            offer[part] = None if value is None or offer[part] is None else offer[part] + value
    for rec in psup_rows:
        est = establishments[rec.uai]
        key = (training_pk[psup_training[rec.label]], est, rec.modality, OfferSource.PARCOURSUP)
        offers.setdefault(
            key,
            {"raw_label": " ".join(rec.label.split()), "school_year": None, "girls": None, "boys": None, "total": None},
        )
    upsert(
        TrainingOffer, ("training_id", "establishment_id", "modality", "source"), offers, report, delete_missing=True
    )

    progress("Formations : fiches métiers Onisep et liens métiers ↔ formations")
    from orientation.catalog.importers import links  # the links read the rows written above

    onisep_jobs = []
    for line, row in rows(source, FILES["onisep_jobs"], report):
        try:
            onisep_jobs.append(map_onisep_job(row))
        except (RowError, KeyError) as exc:
            report.reject(FILES["onisep_jobs"].path, line, str(exc))
    links.sync_onisep_jobs(onisep_jobs, report)
    links.sync_job_trainings(report)
    links.flag_little_known(report)
