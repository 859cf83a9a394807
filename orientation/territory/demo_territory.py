"""A small demo territory, built by code when no open-data directory is available.

Real codes (INSEE, UAI, bassins) and plausible coordinates and figures for a handful of places of
Hauts-de-France, so that pages, maps and tests look like the real thing. The region is flagged
``is_demo`` and every page can say so. ``build_demo_territory()`` is idempotent (keyed by code).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from orientation.territory.calendar import zone_of_academy
from orientation.territory.enums import EstablishmentKind as K
from orientation.territory.enums import Ministry, PriorityNetwork, Sector, UrbanClass
from orientation.territory.models import (
    Academy,
    Basin,
    Commune,
    Department,
    EmploymentZone,
    Establishment,
    EstablishmentHeadcount,
    Region,
)

REGION_NAME = "Hauts-de-France"
ACADEMIES = {"09": "Lille", "20": "Amiens"}
DEPARTMENTS = {
    "02": ("Aisne", "20"),
    "59": ("Nord", "09"),
    "60": ("Oise", "20"),
    "62": ("Pas-de-Calais", "09"),
    "80": ("Somme", "20"),
}
# code → (name, main département)
BASINS = {
    "3202": ("Amiens", "80"),
    "3206": ("Hirson", "02"),
    "3212": ("Laon", "02"),
    "3213": ("Beauvais", "60"),
    "3216": ("Lille", "59"),
    "3217": ("Versant Nord-Est Roubaix-Tourcoing", "59"),
    "3227": ("Lens", "62"),
    "3224": ("Artois Ternois", "62"),
}


@dataclass(frozen=True)
class DemoCommune:
    insee_code: str
    name: str
    postal_codes: tuple[str, ...]
    population: int
    latitude: float
    longitude: float
    basin: str
    employment_zone: str
    urban_unit_size: int


COMMUNES = (
    DemoCommune(
        "59350", "Lille", ("59000", "59160", "59260", "59777", "59800"), 238246, 50.6311, 3.0468, "3216", "3216", 8
    ),
    DemoCommune("59512", "Roubaix", ("59100",), 98286, 50.6887, 3.1843, "3217", "3216", 8),
    DemoCommune("59599", "Tourcoing", ("59200",), 98772, 50.7210, 3.1577, "3217", "3216", 8),
    DemoCommune("62498", "Lens", ("62300",), 32920, 50.4395, 2.8191, "3227", "3206", 7),
    DemoCommune("62510", "Liévin", ("62800",), 30063, 50.4231, 2.7702, "3227", "3206", 7),
    DemoCommune("62041", "Arras", ("62000",), 42875, 50.2893, 2.7679, "3224", "3203", 6),
    DemoCommune("02408", "Laon", ("02000",), 24220, 49.5711, 3.6130, "3212", "3220", 5),
    DemoCommune("02666", "Rozoy-sur-Serre", ("02360",), 917, 49.7036, 4.1348, "3212", "3220", 0),
    DemoCommune("02381", "Hirson", ("02500",), 8469, 49.9380, 4.1132, "3206", "3220", 4),
    DemoCommune("60057", "Beauvais", ("60000",), 55550, 49.4425, 2.0877, "3213", "3215", 6),
    DemoCommune("60159", "Compiègne", ("60200",), 40761, 49.4006, 2.8547, "3213", "3213", 6),
    DemoCommune("80021", "Amiens", ("80000", "80080", "80090"), 136449, 49.8987, 2.2847, "3202", "3202", 7),
    DemoCommune("80001", "Abbeville", ("80100",), 22395, 50.1101, 1.8319, "3202", "3201", 5),
    DemoCommune(
        "59183", "Dunkerque", ("59140", "59240", "59279", "59430", "59640"), 86263, 51.0183, 2.3431, "3216", "3210", 7
    ),
    DemoCommune("02691", "Saint-Quentin", ("02100",), 52813, 49.8475, 3.2790, "3212", "3219", 6),
)


@dataclass(frozen=True)
class DemoEstablishment:
    uai: str
    name: str
    kind: str
    sector: str
    commune: str
    latitude: float
    longitude: float
    pupils: int | None = None
    priority_network: str = PriorityNetwork.NONE
    ministry: str = Ministry.EDUCATION
    ips: str | None = None


PUBLIC, CONTRACT = Sector.PUBLIC, Sector.PRIVATE_CONTRACT
REP, REP_PLUS = PriorityNetwork.REP, PriorityNetwork.REP_PLUS

ESTABLISHMENTS = (
    DemoEstablishment(
        "0593667R", "Collège Rosa Parks", K.COLLEGE, PUBLIC, "59512", 50.70143, 3.18646, 564, REP_PLUS, ips="62.2"
    ),
    DemoEstablishment("0594389A", "Collège Anne Frank", K.COLLEGE, PUBLIC, "59512", 50.69404, 3.17580, 538, REP_PLUS),
    DemoEstablishment("0592886S", "Collège privé Pascal", K.COLLEGE, CONTRACT, "59512", 50.68955, 3.17591, 432),
    DemoEstablishment(
        "0590189K", "Lycée professionnel Lavoisier", K.LYCEE_PRO, PUBLIC, "59512", 50.69490, 3.18467, 410
    ),
    DemoEstablishment("0590131X", "Collège Jean Jaurès", K.COLLEGE, PUBLIC, "59350", 50.64124, 3.01150, 483, REP),
    DemoEstablishment("0590116F", "Lycée Fénelon", K.LYCEE_GT, PUBLIC, "59350", 50.63162, 3.05765, 633),
    DemoEstablishment(
        "0592714E", "Collège Pierre Mendès France", K.COLLEGE, PUBLIC, "59599", 50.73604, 3.18949, 380, REP_PLUS
    ),
    DemoEstablishment("0590214M", "Lycée polyvalent Colbert", K.LYCEE_POLY, PUBLIC, "59599", 50.72566, 3.15718, 1290),
    DemoEstablishment("0622418S", "Collège Jean Zay", K.COLLEGE, PUBLIC, "62498", 50.44274, 2.82390, 765, REP_PLUS),
    DemoEstablishment(
        "0620110H", "Lycée professionnel Auguste Béhal", K.LYCEE_PRO, PUBLIC, "62498", 50.44568, 2.82478, 520
    ),
    DemoEstablishment(
        "0620119T", "Collège Pierre et Marie Curie", K.COLLEGE, PUBLIC, "62510", 50.43557, 2.75575, 598, REP
    ),
    DemoEstablishment("0620006V", "Lycée Robespierre", K.LYCEE_GT, PUBLIC, "62041", 50.28747, 2.76552, 1180),
    DemoEstablishment(
        "0020043L", "Collège Jules Ferry", K.COLLEGE, PUBLIC, "02666", 49.70993, 4.12846, 141, ips="85.1"
    ),
    DemoEstablishment("0021598B", "Collège Jean Mermoz", K.COLLEGE, PUBLIC, "02408", 49.56703, 3.59712, 615),
    DemoEstablishment("0020032Z", "Lycée Paul Claudel", K.LYCEE_GT, PUBLIC, "02408", 49.56516, 3.60850, 1067),
    DemoEstablishment(
        "0020078Z", "Lycée professionnel Julie Daubié", K.LYCEE_PRO, PUBLIC, "02408", 49.56094, 3.61141, 596
    ),
    DemoEstablishment("0020075W", "Collège Georges Cobast", K.COLLEGE, PUBLIC, "02381", 49.92307, 4.09510, 506, REP),
    DemoEstablishment("0020054Y", "Collège Montaigne", K.COLLEGE, PUBLIC, "02691", 49.86307, 3.30061, 328, REP_PLUS),
    DemoEstablishment(
        "0600007G", "Collège Henri Baumont", K.COLLEGE, PUBLIC, "60057", 49.43936, 2.10239, 671, REP_PLUS
    ),
    DemoEstablishment("0601824G", "Lycée Jeanne Hachette", K.LYCEE_GT, PUBLIC, "60057", 49.43593, 2.08198, 1120),
    DemoEstablishment("0800019L", "Collège César Franck", K.COLLEGE, PUBLIC, "80021", 49.91209, 2.31000, 498, REP_PLUS),
    DemoEstablishment("0801264P", "Collège Rosa Parks", K.COLLEGE, PUBLIC, "80021", 49.91764, 2.25393, 437, REP_PLUS),
    DemoEstablishment("0801882L", "Lycée polyvalent La Hotoie", K.LYCEE_POLY, PUBLIC, "80021", 49.89593, 2.27642, 980),
    DemoEstablishment("0800002T", "Collège Millevoye", K.COLLEGE, PUBLIC, "80001", 50.10566, 1.83995, 718),
)

# Pupils by level and sex (rentrée 2024) for the two collèges of the user journeys.
HEADCOUNTS = {
    "0593667R": (("6e", 60, 75), ("5e", 64, 90), ("4e", 70, 73), ("3e", 60, 72)),
    "0020043L": (("6e", 15, 17), ("5e", 24, 14), ("4e", 17, 22), ("3e", 19, 13)),
}
SCHOOL_YEAR = 2024


def _upsert(model, key: str, value: str, **fields):
    obj, _created = model.objects.update_or_create(**{key: value}, defaults=fields)
    return obj


@transaction.atomic
def build_demo_territory() -> dict[str, int]:
    """Create or refresh the demo territory; returns the number of rows per kind."""
    region = _upsert(Region, "code", str(settings.ORIENTATION_REGION_CODE), name=REGION_NAME, is_demo=True)
    academies = {
        code: _upsert(Academy, "code", code, name=name, region=region, holiday_zone=zone_of_academy(code))
        for code, name in ACADEMIES.items()
    }
    departments = {
        code: _upsert(Department, "code", code, name=name, academy=academies[academy])
        for code, (name, academy) in DEPARTMENTS.items()
    }
    basins = {
        code: _upsert(Basin, "code", code, name=name, region=region, department=departments[dep])
        for code, (name, dep) in BASINS.items()
    }
    zones = {
        code: _upsert(EmploymentZone, "code", code, name="") for code in sorted({c.employment_zone for c in COMMUNES})
    }
    communes = {}
    for c in COMMUNES:
        communes[c.insee_code] = _upsert(
            Commune,
            "insee_code",
            c.insee_code,
            name=c.name,
            department=departments[c.insee_code[:2]],
            postal_codes=list(c.postal_codes),
            population=c.population,
            latitude=c.latitude,
            longitude=c.longitude,
            basin=basins[c.basin],
            employment_zone=zones[c.employment_zone],
            urban_unit_size=c.urban_unit_size,
            urban_class=UrbanClass.RURAL if c.urban_unit_size == 0 else UrbanClass.URBAN,
        )
    establishments = {}
    for e in ESTABLISHMENTS:
        establishments[e.uai] = _upsert(
            Establishment,
            "uai",
            e.uai,
            name=e.name,
            kind=e.kind,
            sector=e.sector,
            ministry=e.ministry,
            priority_network=e.priority_network,
            commune=communes[e.commune],
            postal_code=communes[e.commune].postal_codes[0],
            latitude=e.latitude,
            longitude=e.longitude,
            pupils=e.pupils,
            pupils_school_year=SCHOOL_YEAR if e.pupils else None,
            ips=e.ips,
            ips_school_year=2023 if e.ips else None,
            has_general_track=e.kind in (K.LYCEE_GT, K.LYCEE_POLY) or None,
        )
    headcounts = 0
    for uai, levels in HEADCOUNTS.items():
        for position, (level, girls, boys) in enumerate(levels):
            EstablishmentHeadcount.objects.update_or_create(
                establishment=establishments[uai],
                school_year=SCHOOL_YEAR,
                level=level,
                defaults={"position": position, "girls": girls, "boys": boys, "total": girls + boys},
            )
            headcounts += 1
    return {
        "académies": len(academies),
        "départements": len(departments),
        "bassins": len(basins),
        "communes": len(communes),
        "établissements": len(establishments),
        "effectifs par niveau": headcounts,
    }
