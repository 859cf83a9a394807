"""The pure map_* functions of the territory importers, on hand-written good and bad rows."""

from decimal import Decimal

import pytest

from orientation.core.importing import RowError
from orientation.territory.importers import mapping


def commune_row(**overrides):
    row = {
        "code": "2001",
        "nom": "Abbécourt",
        "type": "commune-actuelle",
        "departement": "2",
        "region": "32",
        "codesPostaux": "02300",
        "population": "518",
        "anciensCodes": "",
        "chefLieu": "",
    }
    return row | overrides


def annuaire_row(**overrides):
    row = {
        "identifiant_de_l_etablissement": "0593667r",
        "nom_etablissement": "Collège Rosa Parks",
        "type_etablissement": "Collège",
        "statut_public_prive": "Public",
        "code_commune": "59512",
        "code_region": "32",
        "code_academie": "9",
        "voie_generale": "0",
        "longitude": "3.1864605",
        "latitude": "50.7014296",
    }
    return row | overrides


def college_counts_row(**overrides):
    row = {"rentree_scolaire": "2024", "numero_college": "0593667R", "secteur": "PUBLIC", "rep": "0", "rep0": "1"}
    row["nombre_eleves_total"] = "564"
    for n, (total, girls, boys) in zip(
        (6, 5, 4, 3), ((135, 60, 75), (154, 64, 90), (143, 70, 73), (132, 60, 72)), strict=True
    ):
        row[f"nombre_total_de_{n}emes"] = str(total)
        row[f"{n}eme_filles"] = str(girls)
        row[f"{n}emes_garcons"] = str(boys)
    return row | overrides


class TestNormalisation:
    def test_insee_code_gets_its_leading_zero_back(self):
        assert mapping.normalise_insee("2001") == "02001"
        assert mapping.normalise_insee(" 59350 ") == "59350"
        assert mapping.normalise_insee("2a004") == "2A004"

    @pytest.mark.parametrize("value", ["", "593500", "ABCDE", "2C004"])
    def test_bad_insee_code_is_rejected(self, value):
        with pytest.raises(RowError, match="code INSEE"):
            mapping.normalise_insee(value)

    def test_department_from_two_or_three_digits(self):
        assert mapping.normalise_department("2") == "02"
        assert mapping.normalise_department("059") == "59"
        assert mapping.normalise_department("62") == "62"

    def test_uai_is_upper_cased_and_checked(self):
        assert mapping.normalise_uai(" 0593667r ") == "0593667R"
        with pytest.raises(RowError, match="UAI invalide"):
            mapping.normalise_uai("059366R")

    def test_department_of_uai(self):
        assert mapping.department_of_uai("0593667R") == "59"
        assert mapping.department_of_uai("0020043L") == "02"


class TestCommunes:
    def test_current_commune(self):
        record = mapping.map_commune(
            commune_row(code="59350", nom="Lille", departement="59", codesPostaux="59000|59160|59800")
            | {"anciensCodes": "59298|59355", "population": "238246"}
        )
        assert record.insee_code == "59350"
        assert record.department_code == "59"
        assert record.postal_codes == ["59000", "59160", "59800"]
        assert record.population == 238246
        assert record.former_codes == ("59298", "59355")

    def test_leading_zeros_restored(self):
        record = mapping.map_commune(commune_row(codesPostaux="2300"))
        assert (record.insee_code, record.department_code, record.postal_codes) == ("02001", "02", ["02300"])

    def test_delegated_commune_is_not_a_commune(self):
        assert mapping.map_commune(commune_row(type="commune-deleguee")) is None

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"nom": ""}, "sans nom"),
            ({"population": "beaucoup"}, "pas un nombre"),
            ({"population": "-3"}, "entier positif"),
            ({"codesPostaux": "0230A"}, "code postal invalide"),
            ({"code": "XYZ"}, "code INSEE"),
        ],
    )
    def test_bad_commune_rows(self, overrides, message):
        with pytest.raises(RowError, match=message):
            mapping.map_commune(commune_row(**overrides))

    def test_centre(self):
        assert mapping.map_commune_centre(
            {"code": "2001", "centre_longitude": "3.1824", "centre_latitude": "49.5997"}
        ) == ("02001", 49.5997, 3.1824)
        with pytest.raises(RowError, match="sans centre"):
            mapping.map_commune_centre({"code": "02001", "centre_longitude": "", "centre_latitude": ""})
        with pytest.raises(RowError, match="hors limites"):
            mapping.map_commune_centre({"code": "02001", "centre_longitude": "3", "centre_latitude": "149"})


class TestZones:
    def test_zone_membership_pads_codes_and_classes_communes(self):
        rural = mapping.map_zone_membership({"CODGEO": "2001", "DEP": "2", "ZE2020": "3220", "TUU2017": "0"})
        assert (rural.insee_code, rural.employment_zone, rural.urban_unit_size, rural.urban_class) == (
            "02001",
            "3220",
            0,
            "RURAL",
        )
        urban = mapping.map_zone_membership({"CODGEO": "59350", "DEP": "59", "ZE2020": "54", "TUU2017": "7"})
        assert (urban.employment_zone, urban.urban_class) == ("0054", "URBAN")

    def test_missing_tuu_is_unknown_and_out_of_range_is_rejected(self):
        assert mapping.map_zone_membership({"CODGEO": "1", "DEP": "", "ZE2020": "", "TUU2017": ""}).urban_class == (
            "UNKNOWN"
        )
        with pytest.raises(RowError, match="TUU2017"):
            mapping.map_zone_membership({"CODGEO": "59350", "DEP": "59", "ZE2020": "3216", "TUU2017": "9"})

    def test_basin_membership(self):
        record = mapping.map_basin_membership(
            {"CODE_COMMUNE_INSEE": "02001", "DEP": "02", "BE19": "3205", "NOMBE19": "CHAUNY"}
        )
        assert (record.insee_code, record.basin_code, record.basin_name, record.department_code) == (
            "02001",
            "3205",
            "CHAUNY",
            "02",
        )
        with pytest.raises(RowError, match="bassin"):
            mapping.map_basin_membership({"CODE_COMMUNE_INSEE": "02001", "DEP": "02", "BE19": "", "NOMBE19": "X"})


class TestEstablishmentKind:
    @pytest.mark.parametrize(
        ("type_label", "name", "general", "kind"),
        [
            ("Collège", "Collège Rosa Parks", False, "COLLEGE"),
            ("Collège", "Section d'enseignement général et professionnel adapté du Collège", None, "SEGPA"),
            ("Lycée", "Lycée professionnel Julie Daubié", False, "LYCEE_PRO"),
            ("Lycée", "Section d'enseignement professionnel du Lycée Pierre Méchain", None, "LYCEE_PRO"),
            ("Lycée", "Lycée polyvalent Pierre Méchain", True, "LYCEE_POLY"),
            ("Lycée", "Lycée agricole de Laon", False, "LYCEE_AGRI"),
            ("Lycée", "LEGTA de Radinghem", True, "LYCEE_AGRI"),
            ("Lycée", "Lycée Paul Claudel", True, "LYCEE_GT"),
            ("Lycée", "Lycée hôtelier international de Lille", False, "LYCEE_PRO"),
            ("Lycée", "Micro lycée", None, "LYCEE_GT"),
            ("EREA", "Établissement régional d'enseignement adapté", False, "EREA"),
            ("Information et orientation", "Centre d'information et d'orientation de Laon", None, "CIO"),
        ],
    )
    def test_kind_from_type_name_and_general_track(self, type_label, name, general, kind):
        assert mapping.establishment_kind(type_label, name, general) == kind

    def test_unknown_type_is_rejected(self):
        with pytest.raises(RowError, match="type d'établissement inconnu"):
            mapping.establishment_kind("École", "École Jean Macé", None)

    def test_secondary_sites_rank_after_the_main_site(self):
        assert mapping.site_rank("Centre d'information et d'orientation de Laon") == 0
        assert mapping.site_rank("Point d'accueil du CIO de Laon à Hirson") == 1
        assert mapping.site_rank("Collège Saint-Thomas, annexe du collège Sacré-Coeur") == 1


class TestAnnuaire:
    def test_good_row(self):
        record = mapping.map_annuaire(annuaire_row())
        assert record.uai == "0593667R"
        assert record.kind == "COLLEGE"
        assert record.sector == "PUBLIC"
        assert record.commune_code == "59512"
        assert record.academy_code == "09"
        assert record.has_general_track is None  # only meaningful for lycées
        assert (record.latitude, record.longitude) == (50.70143, 3.18646)

    def test_general_track_of_a_lycee(self):
        row = annuaire_row(type_etablissement="Lycée", nom_etablissement="Lycée Paul Claudel", voie_generale="1")
        assert mapping.map_annuaire(row).has_general_track is True

    def test_private_is_without_contract_until_a_source_says_otherwise(self):
        assert mapping.map_annuaire(annuaire_row(statut_public_prive="Privé")).sector == "PRIVATE"

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"identifiant_de_l_etablissement": "59ABC"}, "UAI invalide"),
            ({"nom_etablissement": " "}, "sans nom"),
            ({"statut_public_prive": "Associatif"}, "statut public/privé"),
            ({"code_commune": ""}, "code INSEE"),
            ({"latitude": "nord"}, "coordonnées illisibles"),
        ],
    )
    def test_bad_rows(self, overrides, message):
        with pytest.raises(RowError, match=message):
            mapping.map_annuaire(annuaire_row(**overrides))


class TestCollegeAddress:
    def row(self, **overrides):
        row = {
            "numero_uai": "0592886S",
            "adresse_uai": "2 rue  de la Sagesse",
            "code_postal_uai": "59100",
            "secteur_public_prive_libe": "Privé",
            "secteur_prive_code_type_contrat": "30",
            "code_ministere": "06",
        }
        return row | overrides

    def test_contract_type_gives_the_sector(self):
        assert mapping.map_college_address(self.row()).sector == "PRIVATE_CONTRACT"
        assert mapping.map_college_address(self.row(secteur_prive_code_type_contrat="10")).sector == "PRIVATE"
        public = self.row(secteur_public_prive_libe="Public", secteur_prive_code_type_contrat="99")
        assert mapping.map_college_address(public).sector == "PUBLIC"

    def test_address_and_ministry(self):
        record = mapping.map_college_address(self.row(code_ministere="3"))
        assert record.address == "2 rue de la Sagesse"
        assert record.ministry == "AGRICULTURE"

    def test_bad_postal_code(self):
        with pytest.raises(RowError, match="code postal"):
            mapping.map_college_address(self.row(code_postal_uai="59 100"))


class TestHeadcounts:
    def test_college_levels_and_rep_plus(self):
        record = mapping.map_college_headcounts(college_counts_row())
        assert record.priority_network == "REP_PLUS"
        assert record.total == 564
        assert record.school_year == 2024
        assert [(lc.level, lc.total, lc.girls, lc.boys) for lc in record.levels] == [
            ("6e", 135, 60, 75),
            ("5e", 154, 64, 90),
            ("4e", 143, 70, 73),
            ("3e", 132, 60, 72),
        ]

    def test_rep(self):
        assert mapping.map_college_headcounts(college_counts_row(rep="1", rep0="0")).priority_network == "REP"
        assert mapping.map_college_headcounts(college_counts_row(rep="0", rep0="0")).priority_network == "NONE"

    def test_rep_and_rep_plus_at_once_is_rejected(self):
        with pytest.raises(RowError, match="REP et REP\\+"):
            mapping.map_college_headcounts(college_counts_row(rep="1", rep0="1"))

    def test_girls_and_boys_must_add_up(self):
        with pytest.raises(RowError, match="≠ total"):
            mapping.map_college_headcounts(college_counts_row(**{"6eme_filles": "61"}))

    def test_missing_total_is_rejected(self):
        with pytest.raises(RowError, match="nombre d'élèves manquant"):
            mapping.map_college_headcounts(college_counts_row(nombre_eleves_total=""))

    def test_lycee_gt_levels_skip_empty_ones(self):
        row = {"rentree_scolaire": "2024", "numero_lycee": "0020032Z", "secteur": "PUBLIC", "nombre_d_eleves": "20"}
        row |= {"2ndes_gt": "12", "2ndes_gt_filles": "7", "2ndes_gt_garcons": "5", "1eres_g": "0", "terminales_g": ""}
        row |= {"2ndes_sthr": "8"}
        record = mapping.map_lycee_gt_headcounts(row)
        assert [(lc.level, lc.total, lc.girls, lc.boys) for lc in record.levels] == [
            ("2de générale et technologique", 12, 7, 5),
            ("2de STHR", 8, None, None),
        ]

    def test_lycee_pro_row(self):
        row = {
            "rentree_scolaire": "2024",
            "numero_d_etablissement": "0020012C",
            "secteur_d_enseignement_lib_l": "SECTEUR PUBLIC",
            "mef_bcp_6": "232200",
            "mef_bcp_6_lib_l": "CAP EN 2 ANS : 2EME ANNEE",
            "nombre_d_eleves_total": "16",
            "nombre_d_eleves_filles": "15",
            "nombre_d_eleves_garcons": "1",
        }
        record = mapping.map_lycee_pro_row(row)
        assert (record.uai, record.private) == ("0020012C", False)
        assert (record.level.level, record.level.total, record.level.girls) == ("Cap en 2 ans : 2eme annee", 16, 15)
        with pytest.raises(RowError, match="rentrée scolaire invalide"):
            mapping.map_lycee_pro_row(row | {"rentree_scolaire": "24"})


class TestIpsCfaHigherEducation:
    def test_ips(self):
        record = mapping.map_ips({"Rentrée scolaire": "2023", "UAI": "0020007X", "IPS": "70,9"})
        assert (record.uai, record.ips, record.school_year) == ("0020007X", Decimal("70.9"), 2023)
        with pytest.raises(RowError, match="IPS illisible"):
            mapping.map_ips({"Rentrée scolaire": "2023", "UAI": "0020007X", "IPS": "n/a"})

    def cfa_row(self, **overrides):
        row = {
            "numero_uai": "0021502X",
            "ministere_tutelle": "06",
            "secteur_public_prive": "PR",
            "commune": "2408",
            "denomination_principale": "CTR DE FORMATION D APPRENTIS",
            "patronyme_uai": "DE LA CCIA",
            "numero_siren_siret_uai": "13002271800279",
            "adresse_uai": "3 rue DES MINIMES",
            "code_postal_uai": "2000",
        }
        return row | overrides

    def test_cfa(self):
        record = mapping.map_cfa(self.cfa_row())
        assert (record.uai, record.kind, record.name) == ("0021502X", "CFA", "CFA DE LA CCIA")
        assert (record.commune_code, record.postal_code, record.siret) == ("02408", "02000", "13002271800279")
        assert record.sector == "PRIVATE_CONTRACT"

    def test_cfa_bad_siret(self):
        with pytest.raises(RowError, match="SIRET"):
            mapping.map_cfa(self.cfa_row(numero_siren_siret_uai="130022718"))

    def test_parcoursup(self):
        row = {
            mapping.PARCOURSUP_STATUS: "Prive hors contrat",
            "Code UAI de l etablissement": "0597215x",
            "etablissement": "Institut   universitaire",
            "Coordonnées GPS de la formation": "50.6136, 3.13651",
        }
        record = mapping.map_parcoursup(row)
        assert (record.uai, record.name, record.sector) == ("0597215X", "Institut universitaire", "PRIVATE")
        assert (record.latitude, record.longitude) == (50.6136, 3.13651)
        with pytest.raises(RowError, match="GPS"):
            mapping.map_parcoursup(row | {"Coordonnées GPS de la formation": "50.6"})
