"""Fetch: the territory source files, their official download addresses, keys and plausible sizes.

Every file is read by the one strict reader, ``core.importing.read_rows``.
"""

from __future__ import annotations

from orientation.core.importing import ImportFileError, SourceFile

__all__ = ["ImportFileError", "SourceFile"]


COMMUNES = SourceFile(
    "communes/decoupage-administratif-6.0.0_communes_hdf.csv",
    ("code", "nom", "type", "departement", "region", "codesPostaux", "population", "anciensCodes", "chefLieu"),
    official_url="https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/communes.json",
    key=("code", "type"),
    min_rows=1000,
)
DEPARTEMENTS = SourceFile(
    "communes/decoupage-administratif-6.0.0_departements_hdf.csv",
    ("code", "nom", "region"),
    official_url="https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data/departements.json",
    key=("code",),
)
CENTRES = SourceFile(
    "communes/geo-api-gouv_centres_communes_hdf.csv",
    ("code", "centre_longitude", "centre_latitude"),
    official_url="https://geo.api.gouv.fr/communes?codeRegion=32&fields=code,nom,centre&format=json",
    key=("code",),
    min_rows=1000,
)
BASSINS = SourceFile(
    "zones/lexique-bassins_hdf.csv",
    ("CODE_COMMUNE_INSEE", "DEP", "BE19", "NOMBE19"),
    official_url="https://www.data.gouv.fr/fr/datasets/bassins-demploi/",
    key=("CODE_COMMUNE_INSEE",),
    min_rows=1000,
)
APPARTENANCE = SourceFile(
    "zones/table-appartenance-geo-communes-22_hdf.csv",
    ("CODGEO", "DEP", "ZE2020", "TUU2017"),
    delimiter=";",
    official_url="https://www.insee.fr/fr/information/2028028",
    key=("CODGEO",),
    min_rows=1000,
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
    min_rows=500,
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
    key=("numero_uai",),
    min_rows=200,
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
    key=("numero_college", "rentree_scolaire"),
    min_rows=200,
)
LYCEE_GT_HEADCOUNTS = SourceFile(
    "establishments/fr-en-lycee_gt-effectifs-niveau-sexe-lv_hdf_2024.csv",
    ("rentree_scolaire", "numero_lycee", "secteur", "nombre_d_eleves", "2ndes_gt", "1eres_g", "terminales_g"),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-lycee_gt-effectifs-niveau-sexe-lv/",
    key=("numero_lycee", "rentree_scolaire"),
    min_rows=50,
)
LYCEE_PRO_HEADCOUNTS = SourceFile(
    "establishments/fr-en-lycee_pro-effectifs-niveau-sexe-mef_hdf_2024.csv",
    (
        "rentree_scolaire",
        "numero_d_etablissement",
        "secteur_d_enseignement_lib_l",
        "mef_bcp_6",
        "mef_bcp_6_lib_l",
        "mef_bcp_11_lib_l",
        "nombre_d_eleves_total",
        "nombre_d_eleves_filles",
        "nombre_d_eleves_garcons",
    ),
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-lycee_pro-effectifs-niveau-sexe-mef/",
    key=("numero_d_etablissement", "rentree_scolaire", "mef_bcp_11"),
    min_rows=1000,
)
IPS_COLLEGES = SourceFile(
    "establishments/ips_colleges_2023_hdf.csv",
    ("Rentrée scolaire", "UAI", "IPS"),
    delimiter=";",
    official_url="https://data.education.gouv.fr/explore/dataset/fr-en-ips-colleges-ap2023/",
    key=("UAI", "Rentrée scolaire"),
    min_rows=200,
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
    key=("numero_uai",),
    min_rows=10,
)
PARCOURSUP = SourceFile(
    "formations/fr-esr-parcoursup_extrait-simplifie_hdf.csv",
    (
        "Statut de l’etablissement de la filiere de formation (public, prive…)",
        "Code UAI de l etablissement",
        "etablissement",
        "Filiere de formation",
        "Coordonnées GPS de la formation",
    ),
    official_url="https://data.enseignementsup-recherche.gouv.fr/explore/dataset/fr-esr-parcoursup/",
    min_rows=300,
)
