"""Fetch: the territory source files, their official download addresses and header checks.

A file that is missing, has a wrong header or a row with the wrong number of columns is a *file*
error (``ImportFileError``): the whole import stops and nothing is written. A row that is well formed
but cannot be mapped is a *row* error (``RowError``): it is reported and the import goes on.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class ImportFileError(ValueError):
    """A source file that cannot be read as expected; the message (French) names the file and line."""


@dataclass(frozen=True)
class SourceFile:
    path: str
    """Path relative to the open-data directory."""
    columns: tuple[str, ...]
    """Columns the importer reads; the file may have more."""
    delimiter: str = ","
    official_url: str = ""

    def resolve(self, source: Path) -> Path:
        return Path(source) / self.path


COMMUNES = SourceFile(
    "communes/decoupage-administratif-6.0.0_communes_hdf.csv",
    ("code", "nom", "type", "departement", "region", "codesPostaux", "population", "anciensCodes", "chefLieu"),
    official_url="https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/communes.json",
)
DEPARTEMENTS = SourceFile(
    "communes/decoupage-administratif-6.0.0_departements_hdf.csv",
    ("code", "nom", "region"),
    official_url="https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/departements.json",
)
CENTRES = SourceFile(
    "communes/geo-api-gouv_centres_communes_hdf.csv",
    ("code", "centre_longitude", "centre_latitude"),
    official_url="https://geo.api.gouv.fr/communes?codeRegion=32&fields=code,nom,centre&format=json",
)
BASSINS = SourceFile(
    "zones/lexique-bassins_hdf.csv",
    ("CODE_COMMUNE_INSEE", "DEP", "BE19", "NOMBE19"),
    official_url="https://www.data.gouv.fr/fr/datasets/bassins-demploi/",
)
APPARTENANCE = SourceFile(
    "zones/table-appartenance-geo-communes-22_hdf.csv",
    ("CODGEO", "DEP", "ZE2020", "TUU2017"),
    delimiter=";",
    official_url="https://www.insee.fr/fr/information/2028028",
)
ANNUAIRE = SourceFile(
    "establishments/fr-en-annuaire-education_mini_hdf_second-degre.csv",
    (
        "identifiant_de_l_etablissement",
        "nom_etablissement",
        "type_etablissement",
        "statut_public_prive",
        "code_commune",
        "code_region",
        "code_academie",
        "voie_generale",
        "longitude",
        "latitude",
    ),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-annuaire-education/",
)
COLLEGES_GEOLOC = SourceFile(
    "establishments/fr-en-adresse-et-geolocalisation-etablissements-premier-et-second-degre_colleges_hdf.csv",
    (
        "numero_uai",
        "adresse_uai",
        "code_postal_uai",
        "code_region",
        "code_academie",
        "libelle_region",
        "libelle_academie",
        "secteur_public_prive_libe",
        "secteur_prive_code_type_contrat",
        "code_ministere",
    ),
    delimiter=";",
    official_url=(
        "https://data.education.gouv.fr/explore/dataset/"
        "fr-en-adresse-et-geolocalisation-etablissements-premier-et-second-degre/"
    ),
)
COLLEGE_HEADCOUNTS = SourceFile(
    "establishments/fr-en-college-effectifs-niveau-sexe-lv_hdf_2024.csv",
    (
        "rentree_scolaire",
        "numero_college",
        "secteur",
        "rep",
        "rep0",
        "nombre_eleves_total",
        *(col for n in (6, 5, 4, 3) for col in (f"nombre_total_de_{n}emes", f"{n}eme_filles", f"{n}emes_garcons")),
    ),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-college-effectifs-niveau-sexe-lv/",
)
LYCEE_GT_HEADCOUNTS = SourceFile(
    "establishments/fr-en-lycee_gt-effectifs-niveau-sexe-lv_hdf_2024.csv",
    ("rentree_scolaire", "numero_lycee", "secteur", "nombre_d_eleves", "2ndes_gt", "1eres_g", "terminales_g"),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-lycee_gt-effectifs-niveau-sexe-lv/",
)
LYCEE_PRO_HEADCOUNTS = SourceFile(
    "establishments/fr-en-lycee_pro-effectifs-niveau-sexe-mef_hdf_2024.csv",
    (
        "rentree_scolaire",
        "numero_d_etablissement",
        "secteur_d_enseignement_lib_l",
        "mef_bcp_6",
        "mef_bcp_6_lib_l",
        "nombre_d_eleves_total",
        "nombre_d_eleves_filles",
        "nombre_d_eleves_garcons",
    ),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-lycee_pro-effectifs-niveau-sexe-mef/",
)
IPS_COLLEGES = SourceFile(
    "establishments/ips_colleges_2023_hdf.csv",
    ("Rentrée scolaire", "UAI", "IPS"),
    delimiter=";",
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-ips-colleges-ap2023/",
)
CFA = SourceFile(
    "apprenticeship/CFASousConvRegionale_latest-UAI_hdf.csv",
    (
        "numero_uai",
        "ministere_tutelle",
        "secteur_public_prive",
        "commune",
        "denomination_principale",
        "patronyme_uai",
        "numero_siren_siret_uai",
        "adresse_uai",
        "code_postal_uai",
    ),
    delimiter=";",
    official_url="https://www.education.gouv.fr/acce_public/index.php",
)
PARCOURSUP = SourceFile(
    "formations/fr-esr-parcoursup_extrait-simplifie_hdf.csv",
    (
        "Statut de l’etablissement de la filiere de formation (public, prive…)",
        "Code UAI de l etablissement",
        "etablissement",
        "Coordonnées GPS de la formation",
    ),
    official_url="https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-parcoursup/",
)


def check_header(spec: SourceFile, source: Path) -> None:
    """Raise ImportFileError when the file is missing or lacks a column the importer reads."""
    path = spec.resolve(source)
    if not path.is_file():
        raise ImportFileError(f"{spec.path} : fichier introuvable dans {source}.")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh, delimiter=spec.delimiter), None)
    if not header:
        raise ImportFileError(f"{spec.path}:1 : fichier vide, en-tête attendu.")
    missing = [c for c in spec.columns if c not in header]
    if missing:
        raise ImportFileError(
            f"{spec.path}:1 : en-tête inattendu, colonne(s) manquante(s) : {', '.join(missing)}"
            f" (séparateur attendu « {spec.delimiter} »)."
        )


def read_rows(spec: SourceFile, source: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) after checking the header; a malformed row stops the import."""
    check_header(spec, source)
    path = spec.resolve(source)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh, delimiter=spec.delimiter)
        width = len(reader.fieldnames or ())
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                count = width + len(row.get(None) or ()) if None in row else sum(v is not None for v in row.values())
                raise ImportFileError(
                    f"{spec.path}:{line} : ligne mal formée ({count} colonnes au lieu de {width}), fichier refusé."
                )
            yield line, row
