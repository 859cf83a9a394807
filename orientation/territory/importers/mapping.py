"""Map: pure functions from one raw source row to a typed record.

Each ``map_*`` raises ``RowError`` (French message) for a row it cannot use; none touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from orientation.core.importing import RowError, pad_code
from orientation.territory.enums import EstablishmentKind, Ministry, PriorityNetwork, Sector, UrbanClass

UAI_RE = re.compile(r"^[0-9]{7}[A-Z]$")
INSEE_RE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")


# --- normalisation helpers -------------------------------------------------------------------


def normalise_uai(value: str) -> str:
    uai = (value or "").strip().upper()
    if not UAI_RE.match(uai):
        raise RowError(f"UAI invalide « {value} » (7 chiffres et une lettre attendus)")
    return uai


def normalise_insee(value: str) -> str:
    code = pad_code((value or "").strip().upper(), 5)
    if not INSEE_RE.match(code):
        raise RowError(f"code INSEE de commune invalide « {value} »")
    return code


def normalise_department(value: str) -> str:
    code = (value or "").strip().upper()
    if len(code) == 3 and code.startswith("0") and code[1:].isdigit():
        code = code[1:]  # "059" in the education files
    code = pad_code(code, 2)
    if not re.match(r"^([0-9]{2}|2A|2B|97[1-6])$", code):
        raise RowError(f"code de département invalide « {value} »")
    return code


def department_of_uai(uai: str) -> str:
    """The département encoded in a UAI: '0593667R' → '59'; '9711234A' → '971'."""
    return uai[1:3] if uai.startswith("0") else uai[:3]


def parse_int(value: str, label: str, *, required: bool = False) -> int | None:
    value = (value or "").strip()
    if value in ("", "nd", "*"):
        if required:
            raise RowError(f"{label} manquant")
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise RowError(f"{label} n'est pas un nombre : « {value} »") from None
    if number < 0 or number != int(number):
        raise RowError(f"{label} doit être un entier positif : « {value} »")
    return int(number)


def parse_coordinates(lat: str, lon: str) -> tuple[float | None, float | None]:
    lat, lon = (lat or "").strip(), (lon or "").strip()
    if not lat and not lon:
        return None, None
    try:
        latitude, longitude = float(lat.replace(",", ".")), float(lon.replace(",", "."))
    except ValueError:
        raise RowError(f"coordonnées illisibles « {lat}, {lon} »") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise RowError(f"coordonnées hors limites « {lat}, {lon} »")
    return round(latitude, 6), round(longitude, 6)


# --- régions, académies, départements ---------------------------------------------------------


@dataclass(frozen=True)
class AcademyRecord:
    code: str
    name: str
    region_code: str
    region_name: str


def map_academy(row: dict[str, str]) -> AcademyRecord:
    """A collège address row → its académie (code, name) and region (code, name)."""
    code = pad_code(row["code_academie"], 2)
    name = (row["libelle_academie"] or "").strip()
    region_code = pad_code(row["code_region"], 2)
    if not code.isdigit() or not name:
        raise RowError("académie sans code ou sans nom")
    return AcademyRecord(code, name, region_code, (row["libelle_region"] or "").strip())


@dataclass(frozen=True)
class DepartmentRecord:
    code: str
    name: str
    region_code: str


def map_department(row: dict[str, str]) -> DepartmentRecord:
    name = (row["nom"] or "").strip()
    if not name:
        raise RowError("département sans nom")
    return DepartmentRecord(normalise_department(row["code"]), name, pad_code(row["region"], 2))


# --- communes and zones ------------------------------------------------------------------------


@dataclass(frozen=True)
class CommuneRecord:
    insee_code: str
    name: str
    department_code: str
    postal_codes: list[str]
    population: int | None
    former_codes: tuple[str, ...]


def map_commune(row: dict[str, str]) -> CommuneRecord | None:
    """A découpage-administratif row → a current commune; delegated/associated communes give None."""
    if (row["type"] or "").strip() != "commune-actuelle":
        return None
    code = normalise_insee(row["code"])
    name = (row["nom"] or "").strip()
    if not name:
        raise RowError(f"commune {code} sans nom")
    postal_codes = sorted({pad_code(p, 5) for p in (row["codesPostaux"] or "").split("|") if p.strip()})
    for postal_code in postal_codes:
        if not re.match(r"^[0-9]{5}$", postal_code):
            raise RowError(f"code postal invalide « {postal_code} » pour la commune {code}")
    former = tuple(normalise_insee(c) for c in (row["anciensCodes"] or "").split("|") if c.strip())
    return CommuneRecord(
        insee_code=code,
        name=name,
        department_code=normalise_department(row["departement"]),
        postal_codes=postal_codes,
        population=parse_int(row["population"], "population"),
        former_codes=former,
    )


def map_commune_centre(row: dict[str, str]) -> tuple[str, float, float]:
    code = normalise_insee(row["code"])
    latitude, longitude = parse_coordinates(row["centre_latitude"], row["centre_longitude"])
    if latitude is None or longitude is None:
        raise RowError(f"commune {code} sans centre")
    return code, latitude, longitude


@dataclass(frozen=True)
class BasinMembership:
    insee_code: str
    department_code: str
    basin_code: str
    basin_name: str


def map_basin_membership(row: dict[str, str]) -> BasinMembership:
    basin_code = (row["BE19"] or "").strip()
    name = (row["NOMBE19"] or "").strip()
    if not re.match(r"^[0-9]{4}$", basin_code) or not name:
        raise RowError(f"bassin d'emploi invalide « {basin_code} »")
    return BasinMembership(
        insee_code=normalise_insee(row["CODE_COMMUNE_INSEE"]),
        department_code=normalise_department(row["DEP"]),
        basin_code=basin_code,
        basin_name=name,
    )


@dataclass(frozen=True)
class ZoneMembership:
    insee_code: str
    employment_zone: str | None
    urban_unit_size: int | None
    urban_class: str


def map_zone_membership(row: dict[str, str]) -> ZoneMembership:
    """An INSEE membership row (leading zeros lost by a spreadsheet) → zone d'emploi and urban class."""
    zone = pad_code(row["ZE2020"], 4) or None
    if zone and not re.match(r"^[0-9]{4}$", zone):
        raise RowError(f"zone d'emploi invalide « {row['ZE2020']} »")
    size = parse_int(row["TUU2017"], "TUU2017")
    if size is not None and size > 8:
        raise RowError(f"TUU2017 hors nomenclature (0 à 8) : « {row['TUU2017']} »")
    urban_class = UrbanClass.UNKNOWN if size is None else UrbanClass.RURAL if size == 0 else UrbanClass.URBAN
    return ZoneMembership(normalise_insee(row["CODGEO"]), zone, size, str(urban_class))


# --- establishments ----------------------------------------------------------------------------


LYCEE_KINDS = (
    EstablishmentKind.LYCEE_GT,
    EstablishmentKind.LYCEE_PRO,
    EstablishmentKind.LYCEE_POLY,
    EstablishmentKind.LYCEE_AGRI,
)
SEGPA_PREFIX = "section d'enseignement général et professionnel adapté"
SECONDARY_SITE_MARKERS = ("antenne", "point d'accueil", "permanence", "annexe", "centre ressource", "prépas", "campus")


def establishment_kind(type_label: str, name: str, general_track: bool | None) -> str:
    """Kind from the annuaire's type and the name (the annuaire files LGT, LP and LPO all as 'Lycée')."""
    type_label = (type_label or "").strip().lower()
    lname = (name or "").strip().lower().replace("’", "'")
    if type_label == "collège":
        return EstablishmentKind.SEGPA if lname.startswith(SEGPA_PREFIX) else EstablishmentKind.COLLEGE
    if type_label == "lycée":
        if lname.startswith("section d'enseignement professionnel"):
            return EstablishmentKind.LYCEE_PRO  # SEP
        if any(w in lname for w in ("agricole", "horticole", "legta", "agro-environnemental", "agro environnemental")):
            return EstablishmentKind.LYCEE_AGRI
        if "professionnel" in lname or "professionel" in lname:
            return EstablishmentKind.LYCEE_PRO
        if "polyvalent" in lname:
            return EstablishmentKind.LYCEE_POLY
        if general_track is False:
            return EstablishmentKind.LYCEE_PRO
        return EstablishmentKind.LYCEE_GT
    if type_label == "erea":
        return EstablishmentKind.EREA
    if type_label == "information et orientation":
        return EstablishmentKind.CIO
    raise RowError(f"type d'établissement inconnu « {type_label} »")


def site_rank(name: str) -> int:
    """0 for a main site, 1 for an antenna / annex / secondary site sharing the UAI (lower wins)."""
    lname = (name or "").lower()
    return 1 if any(marker in lname for marker in SECONDARY_SITE_MARKERS) else 0


@dataclass
class EstablishmentRecord:
    uai: str
    name: str
    kind: str
    sector: str
    commune_code: str
    academy_code: str
    latitude: float | None
    longitude: float | None
    has_general_track: bool | None
    ministry: str = Ministry.EDUCATION
    priority_network: str = PriorityNetwork.NONE
    address: str = ""
    postal_code: str = ""
    pupils: int | None = None
    pupils_school_year: int | None = None
    ips: Decimal | None = None
    ips_school_year: int | None = None
    siret: str = ""


def map_annuaire(row: dict[str, str]) -> EstablishmentRecord:
    uai = normalise_uai(row["identifiant_de_l_etablissement"])
    name = (row["nom_etablissement"] or "").strip()
    if not name:
        raise RowError(f"{uai} : établissement sans nom")
    track = (row["voie_generale"] or "").strip()
    general_track = {"1": True, "0": False}.get(track)
    status = (row["statut_public_prive"] or "").strip().lower()
    if status not in ("public", "privé", "prive"):
        raise RowError(f"{uai} : statut public/privé inconnu « {row['statut_public_prive']} »")
    kind = establishment_kind(row["type_etablissement"], name, general_track)
    latitude, longitude = parse_coordinates(row["latitude"], row["longitude"])
    lname = name.lower()
    ministry = (
        Ministry.AGRICULTURE if kind == EstablishmentKind.LYCEE_AGRI or "agricole" in lname else Ministry.EDUCATION
    )
    return EstablishmentRecord(
        uai=uai,
        name=name,
        kind=str(kind),
        # Private until a contract is known (collège address file, or presence in the DEPP effectifs).
        sector=str(Sector.PUBLIC if status == "public" else Sector.PRIVATE),
        commune_code=normalise_insee(row["code_commune"]),
        academy_code=pad_code(row["code_academie"], 2),
        latitude=latitude,
        longitude=longitude,
        has_general_track=general_track if kind in LYCEE_KINDS else None,
        ministry=str(ministry),
    )


MINISTRY_CODES = {
    "06": Ministry.EDUCATION,
    "03": Ministry.AGRICULTURE,
    "35": Ministry.HEALTH,
    "28": Ministry.SEA,
}


@dataclass(frozen=True)
class CollegeAddress:
    uai: str
    address: str
    postal_code: str
    sector: str
    ministry: str


def map_college_address(row: dict[str, str]) -> CollegeAddress:
    uai = normalise_uai(row["numero_uai"])
    public = (row["secteur_public_prive_libe"] or "").strip().lower() == "public"
    contract = (row["secteur_prive_code_type_contrat"] or "").strip()
    if public:
        sector = Sector.PUBLIC
    elif contract in ("10", ""):
        sector = Sector.PRIVATE  # 10 = hors contrat
    else:
        sector = Sector.PRIVATE_CONTRACT  # 20/21 contrat simple, 30/31 contrat d'association…
    postal_code = pad_code(row["code_postal_uai"], 5)
    if postal_code and not re.match(r"^[0-9]{5}$", postal_code):
        raise RowError(f"{uai} : code postal invalide « {row['code_postal_uai']} »")
    return CollegeAddress(
        uai=uai,
        address=" ".join((row["adresse_uai"] or "").split())[:255],
        postal_code=postal_code,
        sector=str(sector),
        ministry=str(MINISTRY_CODES.get(pad_code(row["code_ministere"], 2), Ministry.OTHER)),
    )


@dataclass(frozen=True)
class LevelCount:
    level: str
    position: int
    total: int
    girls: int | None
    boys: int | None


@dataclass
class Headcounts:
    uai: str
    school_year: int
    total: int
    private: bool
    levels: list[LevelCount] = field(default_factory=list)
    priority_network: str = PriorityNetwork.NONE


def _school_year(row: dict[str, str]) -> int:
    year = parse_int(row["rentree_scolaire"], "rentrée scolaire", required=True)
    if not 1990 <= year <= 2100:
        raise RowError(f"rentrée scolaire invalide « {row['rentree_scolaire']} »")
    return year


def _level(level: str, position: int, total: str, girls: str | None, boys: str | None) -> LevelCount | None:
    count = parse_int(total, f"effectif {level}")
    if not count:
        return None
    g = parse_int(girls, f"filles {level}") if girls is not None else None
    b = parse_int(boys, f"garçons {level}") if boys is not None else None
    if g is not None and b is not None and g + b != count:
        raise RowError(f"{level} : filles ({g}) + garçons ({b}) ≠ total ({count})")
    return LevelCount(level, position, count, g, b)


COLLEGE_LEVELS = ((6, "6e"), (5, "5e"), (4, "4e"), (3, "3e"))


def map_college_headcounts(row: dict[str, str]) -> Headcounts:
    uai = normalise_uai(row["numero_college"])
    rep, rep_plus = (row["rep"] or "").strip() == "1", (row["rep0"] or "").strip() == "1"
    if rep and rep_plus:
        raise RowError(f"{uai} : à la fois REP et REP+")
    levels = [
        lc
        for position, (n, label) in enumerate(COLLEGE_LEVELS)
        if (
            lc := _level(
                label, position, row[f"nombre_total_de_{n}emes"], row[f"{n}eme_filles"], row[f"{n}emes_garcons"]
            )
        )
    ]
    network = PriorityNetwork.REP_PLUS if rep_plus else PriorityNetwork.REP if rep else PriorityNetwork.NONE
    return Headcounts(
        uai=uai,
        school_year=_school_year(row),
        total=parse_int(row["nombre_eleves_total"], "nombre d'élèves", required=True),
        private=(row["secteur"] or "").strip().upper().startswith("PRIV"),
        levels=levels,
        priority_network=str(network),
    )


# Lycée général et technologique columns: (column prefix, label); girls/boys columns exist for most.
LYCEE_GT_LEVELS = (
    ("2ndes_gt", "2de générale et technologique"),
    ("2ndes_sthr", "2de STHR"),
    ("2ndes_tmd", "2de TMD"),
    ("2ndes_bt", "2de BT"),
    ("1eres_g", "1re générale"),
    ("1eres_sti2d", "1re STI2D"),
    ("1eres_stl", "1re STL"),
    ("1eres_stmg", "1re STMG"),
    ("1eres_st2s", "1re ST2S"),
    ("1eres_std2a", "1re STD2A"),
    ("1eres_sthr", "1re STHR"),
    ("1eres_tmd", "1re TMD"),
    ("1eres_bt", "1re BT"),
    ("terminales_g", "Terminale générale"),
    ("terminales_sti2d", "Terminale STI2D"),
    ("terminales_stl", "Terminale STL"),
    ("terminales_stmg", "Terminale STMG"),
    ("terminales_st2s", "Terminale ST2S"),
    ("terminales_std2a", "Terminale STD2A"),
    ("terminales_sthr", "Terminale STHR"),
    ("terminales_tmd", "Terminale TMD"),
    ("terminales_bt", "Terminale BT"),
)


def map_lycee_gt_headcounts(row: dict[str, str]) -> Headcounts:
    uai = normalise_uai(row["numero_lycee"])
    levels = []
    for index, (column, label) in enumerate(LYCEE_GT_LEVELS):
        if column not in row:
            continue
        lc = _level(label, 10 + index, row[column], row.get(f"{column}_filles"), row.get(f"{column}_garcons"))
        if lc:
            levels.append(lc)
    return Headcounts(
        uai=uai,
        school_year=_school_year(row),
        total=parse_int(row["nombre_d_eleves"], "nombre d'élèves", required=True),
        private=(row["secteur"] or "").strip().upper().startswith("PRIV"),
        levels=levels,
    )


@dataclass(frozen=True)
class ProLevelRow:
    uai: str
    school_year: int
    private: bool
    level: LevelCount


def _pro_level_label(label: str) -> str:
    label = " ".join((label or "").split())
    return label[:1].upper() + label[1:].lower() if label else label


def map_lycee_pro_row(row: dict[str, str]) -> ProLevelRow:
    """One MEF row of a lycée professionnel; the importer sums rows of the same grouped MEF level."""
    uai = normalise_uai(row["numero_d_etablissement"])
    label = _pro_level_label(row["mef_bcp_6_lib_l"])
    code = (row["mef_bcp_6"] or "").strip()
    if not label or not code:
        raise RowError(f"{uai} : niveau MEF manquant")
    total = parse_int(row["nombre_d_eleves_total"], "nombre d'élèves", required=True)
    girls = parse_int(row["nombre_d_eleves_filles"], "filles")
    boys = parse_int(row["nombre_d_eleves_garcons"], "garçons")
    position = 100 + (int(code[:3]) if code[:3].isdigit() else 900)
    return ProLevelRow(
        uai=uai,
        school_year=_school_year(row),
        private="PRIVE" in (row["secteur_d_enseignement_lib_l"] or "").upper(),
        level=LevelCount(label, position, total, girls, boys),
    )


@dataclass(frozen=True)
class IpsRecord:
    uai: str
    ips: Decimal
    school_year: int


def map_ips(row: dict[str, str]) -> IpsRecord:
    uai = normalise_uai(row["UAI"])
    raw = (row["IPS"] or "").strip().replace(",", ".")
    try:
        ips = Decimal(raw).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise RowError(f"{uai} : IPS illisible « {row['IPS']} »") from None
    if not Decimal(0) < ips < Decimal(1000):
        raise RowError(f"{uai} : IPS hors limites « {row['IPS']} »")
    year = parse_int(row["Rentrée scolaire"], "rentrée scolaire", required=True)
    return IpsRecord(uai, ips, year)


# --- CFA and higher education ------------------------------------------------------------------


CFA_ABBREVIATIONS = (("CTR DE FORMATION D APPRENTIS", "CFA"), ("CENTRE DE FORMATION D APPRENTIS", "CFA"))


def map_cfa(row: dict[str, str]) -> EstablishmentRecord:
    uai = normalise_uai(row["numero_uai"])
    denomination = " ".join((row["denomination_principale"] or "").split()).upper()
    for long, short in CFA_ABBREVIATIONS:
        denomination = denomination.replace(long, short)
    patronyme = " ".join((row["patronyme_uai"] or "").split())
    name = " ".join(p for p in (denomination, patronyme) if p)
    if not name:
        raise RowError(f"{uai} : CFA sans nom")
    siret = re.sub(r"\D", "", row["numero_siren_siret_uai"] or "")
    if siret and len(siret) != 14:
        raise RowError(f"{uai} : SIRET invalide « {row['numero_siren_siret_uai']} »")
    sector = (row["secteur_public_prive"] or "").strip().upper()
    if sector not in ("PU", "PR"):
        raise RowError(f"{uai} : secteur inconnu « {row['secteur_public_prive']} »")
    postal_code = pad_code(row["code_postal_uai"], 5)
    return EstablishmentRecord(
        uai=uai,
        name=name[:255],
        kind=str(EstablishmentKind.CFA),
        sector=str(Sector.PUBLIC if sector == "PU" else Sector.PRIVATE_CONTRACT),
        commune_code=normalise_insee(row["commune"]),
        academy_code="",
        latitude=None,
        longitude=None,
        has_general_track=None,
        ministry=str(MINISTRY_CODES.get(pad_code(row["ministere_tutelle"], 2), Ministry.OTHER)),
        address=" ".join((row["adresse_uai"] or "").split())[:255],
        postal_code=postal_code if re.match(r"^[0-9]{5}$", postal_code) else "",
        siret=siret,
    )


PARCOURSUP_STATUS = "Statut de l’etablissement de la filiere de formation (public, prive…)"


@dataclass(frozen=True)
class HigherEducationRecord:
    uai: str
    name: str
    sector: str
    latitude: float
    longitude: float


def map_parcoursup(row: dict[str, str]) -> HigherEducationRecord:
    uai = normalise_uai(row["Code UAI de l etablissement"])
    name = " ".join((row["etablissement"] or "").split())
    if not name:
        raise RowError(f"{uai} : établissement sans nom")
    parts = [p.strip() for p in (row["Coordonnées GPS de la formation"] or "").split(",")]
    if len(parts) != 2:
        raise RowError(f"{uai} : coordonnées GPS illisibles « {row['Coordonnées GPS de la formation']} »")
    latitude, longitude = parse_coordinates(parts[0], parts[1])
    status = (row[PARCOURSUP_STATUS] or "").strip().lower()
    if status.startswith("public"):
        sector = Sector.PUBLIC
    elif "sous contrat" in status:
        sector = Sector.PRIVATE_CONTRACT
    else:
        sector = Sector.PRIVATE  # "Prive hors contrat", "Prive enseignement superieur" (no contract with the State)
    return HigherEducationRecord(uai, name[:255], str(sector), latitude, longitude)
