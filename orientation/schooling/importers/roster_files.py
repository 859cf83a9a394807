"""Roster files: fetch (bytes → documents) and map (documents → rows), pure functions.

SIECLE's ``ElevesSansAdresses.xml`` (alone or inside ``ExportXML_ElevesSansAdresses.zip``, encoded
ISO-8859-15, root ``BEE_ELEVES``) and, optionally, ``ResponsablesAvecAdresses.xml`` (root
``BEE_RESPONSABLES``) of which only the legal guardians' e-mail addresses are read. Establishments
outside SIECLE load the CSV described in ``CSV_COLUMNS``. XML is parsed with defusedxml: no DTD, no
entity expansion, no external resource. Every problem names the element (or the CSV line) it is about.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from orientation.schooling.enums import Level

MAX_FILE_BYTES = 30 * 1024 * 1024
ELEVES_NAME = "elevessansadresses.xml"
RESPONSABLES_NAME = "responsablesavecadresses.xml"

# CSV for establishments outside SIECLE: UTF-8, ";" separated, one pupil a line, this header.
CSV_COLUMNS = ("identifiant", "ine", "nom", "prenom", "date_naissance", "sexe", "classe", "niveau", "date_sortie")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where} : {self.message}"


@dataclass(frozen=True)
class PupilRow:
    external_id: str
    ine: str
    last_name: str
    first_name: str
    birth_year: int | None
    sex: str
    mef: str
    class_name: str
    left_on: date | None
    where: str
    level: str | None = None  # given by the CSV; SIECLE levels come from the MEF


@dataclass(frozen=True)
class GuardianLink:
    external_id: str  # the pupil's ELEVE_ID
    email: str
    last_name: str
    first_name: str


@dataclass
class RosterFile:
    uai: str = ""
    school_year_start: int | None = None
    pupils: list[PupilRow] = field(default_factory=list)
    guardians: list[GuardianLink] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class RosterFileError(Exception):
    """The file cannot be read at all (not XML, not a ZIP with the expected member…)."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


# --- fetch ------------------------------------------------------------------------------------------


def fetch(data: bytes, filename: str) -> tuple[str, bytes, bytes | None]:
    """Return (kind, pupils document, guardians document or None); kind is "siecle" or "csv"."""
    if len(data) > MAX_FILE_BYTES:
        raise RosterFileError(Problem(filename, "fichier trop volumineux (30 Mo au plus)."))
    if data[:4] == b"PK\x03\x04":
        return _fetch_zip(data, filename)
    if filename.lower().endswith(".csv"):
        return "csv", data, None
    return "siecle", data, None


def _fetch_zip(data: bytes, filename: str) -> tuple[str, bytes, bytes | None]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename.rsplit("/", 1)[-1].lower(): info for info in archive.infolist()}
        if ELEVES_NAME not in members:
            raise RosterFileError(Problem(filename, "l'archive ne contient pas ElevesSansAdresses.xml."))
        documents = []
        for name in (ELEVES_NAME, RESPONSABLES_NAME):
            info = members.get(name)
            if info is None:
                documents.append(None)
                continue
            if info.file_size > MAX_FILE_BYTES:
                raise RosterFileError(Problem(info.filename, "fichier trop volumineux une fois décompressé."))
            documents.append(archive.read(info))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise RosterFileError(Problem(filename, "archive ZIP illisible.")) from exc
    return "siecle", documents[0], documents[1]


def _parse_xml(data: bytes, name: str, root_tag: str):
    try:
        root = fromstring(data, forbid_dtd=True)
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise RosterFileError(Problem(f"{name}, ligne {line}, colonne {column}", "XML mal formé.")) from exc
    except DefusedXmlException as exc:
        raise RosterFileError(Problem(name, "XML refusé (déclaration DTD ou entités interdites).")) from exc
    if root.tag != root_tag:
        raise RosterFileError(Problem(f"<{root.tag}>", f"élément racine inattendu : {root_tag} attendu."))
    return root


# --- map --------------------------------------------------------------------------------------------


def _text(element, tag: str) -> str:
    child = element.find(tag)
    return " ".join((child.text or "").split()) if child is not None and child.text else ""


def _date(value: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _sex(value: str) -> str:
    return {"1": "M", "2": "F", "M": "M", "F": "F", "G": "M"}.get(value.strip().upper(), "")


def map_siecle(data: bytes, guardians: bytes | None = None) -> RosterFile:
    """Read ``ElevesSansAdresses.xml`` (and the guardians' file) into rows and problems."""
    root = _parse_xml(data, "ElevesSansAdresses.xml", "BEE_ELEVES")
    roster = RosterFile()
    roster.uai = _text(root, "PARAMETRES/UAJ").upper()
    year = _text(root, "PARAMETRES/ANNEE_SCOLAIRE")
    roster.school_year_start = int(year) if year.isdigit() else None
    if roster.school_year_start is None:
        roster.problems.append(Problem("PARAMETRES/ANNEE_SCOLAIRE", f"année scolaire illisible « {year} »."))

    classes: dict[str, str] = {}
    for structures in root.iterfind("DONNEES/STRUCTURES/STRUCTURES_ELEVE"):
        eleve_id = structures.get("ELEVE_ID", "")
        for structure in structures.iterfind("STRUCTURE"):
            if _text(structure, "TYPE_STRUCTURE") == "D" and _text(structure, "CODE_STRUCTURE"):
                classes[eleve_id] = _text(structure, "CODE_STRUCTURE")

    seen: dict[str, int] = {}
    for index, eleve in enumerate(root.iterfind("DONNEES/ELEVES/ELEVE"), start=1):
        eleve_id = eleve.get("ELEVE_ID", "").strip()
        where = f"ELEVE ELEVE_ID={eleve_id or '?'} (n° {index})"
        if not eleve_id:
            roster.problems.append(Problem(where, "attribut ELEVE_ID manquant."))
            continue
        if eleve_id in seen:
            roster.problems.append(Problem(where, f"ELEVE_ID en double (déjà vu à l'élève n° {seen[eleve_id]})."))
            continue
        seen[eleve_id] = index
        last_name, first_name = _text(eleve, "NOM_DE_FAMILLE"), _text(eleve, "PRENOM")
        if not last_name or not first_name:
            roster.problems.append(Problem(where, "NOM_DE_FAMILLE ou PRENOM manquant."))
            continue
        birth = _date(_text(eleve, "DATE_NAISS"))
        left_raw = _text(eleve, "DATE_SORTIE")
        left_on = _date(left_raw) if left_raw else None
        if left_raw and left_on is None:
            roster.problems.append(Problem(where, f"DATE_SORTIE illisible « {left_raw} »."))
            continue
        class_name = classes.get(eleve_id, "")
        if not class_name and left_on is None:
            roster.problems.append(Problem(where, "élève sans classe (aucune STRUCTURE de TYPE_STRUCTURE D)."))
            continue
        roster.pupils.append(
            PupilRow(
                external_id=eleve_id,
                ine=_text(eleve, "ID_NATIONAL").upper(),
                last_name=last_name,
                first_name=first_name,
                birth_year=birth.year if birth else None,
                sex=_sex(_text(eleve, "CODE_SEXE")),
                mef=_text(eleve, "CODE_MEF"),
                class_name=class_name,
                left_on=left_on,
                where=where,
            )
        )
    if guardians is not None:
        roster.guardians = map_guardians(guardians)
    return roster


def map_guardians(data: bytes) -> list[GuardianLink]:
    """Legal guardians (RESP_LEGAL 1 or 2) with an e-mail address: nothing else is read."""
    root = _parse_xml(data, "ResponsablesAvecAdresses.xml", "BEE_RESPONSABLES")
    people = {}
    for person in root.iterfind("DONNEES/PERSONNES/PERSONNE"):
        email = _text(person, "MEL").lower()
        if email and "@" in email:
            people[person.get("PERSONNE_ID", "")] = (email, _text(person, "NOM_DE_FAMILLE"), _text(person, "PRENOM"))
    links = []
    for link in root.iterfind("DONNEES/RESPONSABLES/RESPONSABLE_ELEVE"):
        if _text(link, "RESP_LEGAL") not in {"1", "2"}:
            continue
        person = people.get(_text(link, "PERSONNE_ID"))
        if person:
            links.append(GuardianLink(_text(link, "ELEVE_ID"), *person))
    return links


def map_csv(data: bytes, uai: str, school_year_start: int) -> RosterFile:
    """The documented CSV (``CSV_COLUMNS``); its levels are level codes or their French labels."""
    roster = RosterFile(uai=uai, school_year_start=school_year_start)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        roster.problems.append(Problem("fichier", "encodage non reconnu : enregistrez le fichier en UTF-8."))
        return roster
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    missing = [column for column in CSV_COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        roster.problems.append(Problem("ligne 1", f"colonnes manquantes : {', '.join(missing)}."))
        return roster
    labels = {label.lower(): value for value, label in Level.choices} | {v.lower(): v for v in Level.values}
    seen: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        where = f"ligne {line}"
        external_id = (row["identifiant"] or "").strip()
        if not external_id or external_id in seen:
            roster.problems.append(Problem(where, "identifiant manquant ou en double."))
            continue
        seen[external_id] = line
        level = labels.get((row["niveau"] or "").strip().lower())
        if (row["niveau"] or "").strip() and level is None:
            roster.problems.append(Problem(where, f"niveau inconnu « {row['niveau']} »."))
            continue
        birth = _date((row["date_naissance"] or "").strip())
        left_on = _date((row["date_sortie"] or "").strip()) if (row["date_sortie"] or "").strip() else None
        if not (row["nom"] or "").strip() or not (row["prenom"] or "").strip():
            roster.problems.append(Problem(where, "nom ou prénom manquant."))
            continue
        if not (row["classe"] or "").strip() and left_on is None:
            roster.problems.append(Problem(where, "élève sans classe."))
            continue
        roster.pupils.append(
            PupilRow(
                external_id=external_id,
                ine=(row["ine"] or "").strip().upper(),
                last_name=row["nom"].strip(),
                first_name=row["prenom"].strip(),
                birth_year=birth.year if birth else None,
                sex=_sex(row["sexe"] or ""),
                mef="",
                class_name=(row["classe"] or "").strip(),
                left_on=left_on,
                where=where,
                level=level,
            )
        )
    return roster


# --- levels -----------------------------------------------------------------------------------------

# MEF codes (BCN nomenclature): 3 characters of "dispositif de formation", then the year of study.
# Collège: 100-103 = 6e-3e, 164-167 = SEGPA 6e-3e; lycée GT: 200 = 2de, 201-2xx = 1re / terminale by
# the dispositif's third digit; vocational: 232 = CAP in 2 years, 238 = bac pro in 3 years (a fifth
# character 1 marks an agricultural diploma); 3xx = higher education.
MEF_PREFIXES = {
    "100": Level.SIXIEME,
    "101": Level.CINQUIEME,
    "102": Level.QUATRIEME,
    "103": Level.TROISIEME,
    "164": Level.SIXIEME,
    "165": Level.CINQUIEME,
    "166": Level.QUATRIEME,
    "167": Level.TROISIEME_SEGPA,
    "200": Level.SECONDE_GT,
    "201": Level.PREMIERE_GT,
    "202": Level.TERMINALE_GT,
    "2321": Level.CAP_1,
    "2322": Level.CAP_2,
    "2381": Level.SECONDE_PRO,
    "2382": Level.PREMIERE_PRO,
    "2383": Level.TERMINALE_PRO,
}
HIGHER_BY_YEAR = {"1": Level.HIGHER_1, "2": Level.HIGHER_2}


def level_from_mef(mef: str) -> str | None:
    if not re.fullmatch(r"[0-9A-Z]{10,11}", mef or ""):
        return None
    if mef[:3] in {"232", "238"} and mef[4] == "1":
        return Level.AGRICULTURAL
    for prefix in (mef[:4], mef[:3]):
        if prefix in MEF_PREFIXES:
            return MEF_PREFIXES[prefix]
    if mef[0] == "3" and mef[3].isdigit():
        return HIGHER_BY_YEAR.get(mef[3], Level.HIGHER_3)
    return None


_NAME_PATTERNS = (
    (r"segpa", Level.TROISIEME_SEGPA, None),
    (r"pr[ée]pa|\bpm\b|3\s*pm", Level.TROISIEME_PREPA_METIERS, None),
    (r"^6", Level.SIXIEME, None),
    (r"^5", Level.CINQUIEME, None),
    (r"^4", Level.QUATRIEME, None),
    (r"^3", Level.TROISIEME, None),
    (r"cap\s*1|^1\s*cap", Level.CAP_1, None),
    (r"cap\s*2|^2\s*cap", Level.CAP_2, None),
    (r"^(2|2nde|2de|sec)", Level.SECONDE_GT, Level.SECONDE_PRO),
    (r"^(1|1re|1ere|prem)", Level.PREMIERE_GT, Level.PREMIERE_PRO),
    (r"^(t|tle|term)", Level.TERMINALE_GT, Level.TERMINALE_PRO),
)


def level_from_name(name: str, vocational: bool) -> str | None:
    """A class name's level ("3e B", "2nde 4", "1 MELEC"); ``vocational`` picks the bac pro levels."""
    lowered = name.strip().lower()
    pro = vocational or bool(re.search(r"\bpro\b|bac\s*pro", lowered))
    for pattern, level, pro_level in _NAME_PATTERNS:
        if re.search(pattern, lowered):
            return pro_level if pro and pro_level else level
    return None
