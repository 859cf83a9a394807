"""Pure map functions on hand-written rows: what each source row becomes, and why a row is refused."""

import pytest

from orientation.catalog.enums import Modality, TransitionEco
from orientation.catalog.importers import formations, insertion, rome, tension
from orientation.catalog.importers.common import optional_int, uai
from orientation.catalog.importers.text import normalise, prefix_match, subject_words
from orientation.core.importing import RowError


def rome_row(**overrides):
    row = {
        "code_rome": "D1102",
        "code_ogr": "38",
        "libelle_rome": "Boulanger / Boulangère",
        "transition_eco": "Emploi Vert",
        "transition_num": "O",
        "transition_demo": "",
        "emploi_reglemente": "N",
        "emploi_cadre": "",
        "code_rome_parent": "D1102",
    }
    return row | overrides


def test_map_job_reads_flags_and_parent():
    rec = rome.map_job(rome_row(code_rome=" a1102 ", code_rome_parent="A1101"))
    assert rec.rome_code == "A1102"
    assert rec.rome_v3_parent == "A1101"
    assert rec.transition_eco == TransitionEco.GREEN
    assert (rec.is_digital_transition, rec.is_demographic_transition, rec.is_regulated) == (True, None, False)


@pytest.mark.parametrize("code", ["X12", "Z1234", "D110", ""])
def test_map_job_refuses_a_malformed_rome_code(code):
    with pytest.raises(RowError, match="code ROME invalide"):
        rome.map_job(rome_row(code_rome=code))


def test_map_job_refuses_an_empty_title():
    with pytest.raises(RowError, match="intitulé vide"):
        rome.map_job(rome_row(libelle_rome="  "))


def test_map_appellation_principal_and_rarely_used():
    rec = rome.map_appellation(
        {
            "code_ogr": "11575",
            "libelle_appellation_long": "Ouvrier boulanger / Ouvrière boulangère",
            "libelle_appellation_court": "",
            "code_rome": "D1102",
            "classification": "PRINCIPALE",
            "peu_usite": "O",
        }
    )
    assert rec.is_principal
    assert rec.is_rarely_used
    assert rec.short_label == rec.long_label  # an empty short label falls back to the long one


def test_map_riasec_refuses_an_unknown_letter():
    assert rome.map_riasec({"code_rome": "D1104", "riasec_majeur": "r", "riasec_mineur": "A"}) == ("D1104", "R", "A")
    with pytest.raises(RowError, match="RIASEC"):
        rome.map_riasec({"code_rome": "D1104", "riasec_majeur": "Q", "riasec_mineur": ""})


def test_map_text_keeps_the_shown_kinds_and_fixes_doubled_apostrophes():
    row = {
        "code_rome": "D1102",
        "libelle_type_texte": "definition",
        "position_phrase": "2",
        "libelle_texte": "d''hygiène",
    }
    assert rome.map_text(row) == ("D1102", "definition", 2, "d'hygiène")
    assert rome.map_text(row | {"libelle_type_texte": "acces_metier"})[1] == "access"
    assert rome.map_text(row | {"libelle_type_texte": "competences"}) is None


def test_map_mobility_refuses_a_link_to_itself():
    with pytest.raises(RowError, match="lui-même"):
        rome.map_mobility({"code_rome": "D1102", "code_rome_cible": "D1102", "numero_ordre": "1"})


def test_map_rome_fap_checks_qualification():
    row = {"ROME": "I1604", "Qualif": "7", "FAP341": "G1X71a"}
    assert tension.map_rome_fap(row) == ("I1604", 7, "G1X71a")
    with pytest.raises(RowError, match="qualification"):
        tension.map_rome_fap(row | {"Qualif": "12"})


def bmo_row(**overrides):
    row = {
        "annee": "2025",
        "Code métier BMO": "S0X42",
        "Nom métier BMO": "Boulangers, pâtissiers",
        "Dept": "2",
        "BE25": "3204",
        "NOMBE25": "SAINT QUENTIN",
        "met": "97",
        "xmet": "66",
        "smet": "*",
    }
    return row | overrides


def test_map_need_masked_cells_are_none_not_zero_and_department_is_padded():
    rec = tension.map_need(bmo_row(met="*", xmet="*"))
    assert (rec.projects, rec.difficult, rec.seasonal) == (None, None, None)
    assert rec.department_code == "02"
    assert tension.map_need(bmo_row()).projects == 97


def test_map_need_refuses_more_difficult_projects_than_projects():
    with pytest.raises(RowError, match="projets difficiles"):
        tension.map_need(bmo_row(met="10", xmet="20"))


def test_map_tension_reads_decimal_commas_and_checks_classes():
    row = {
        "annee": "2021",
        "ROME": "D1102",
        "cbassin": "3216",
        "oee": "390,18",
        "defm_abc": "127,5",
        "ind_tension_d": "5",
        "ind_int_emb_d": "5",
        "ind_main_oeuvre_d": "3",
        "ind_dur_empl_d": "1",
        "ind_cond_travail_d": "5",
        "ind_mismatch_geo_d": "3",
        "ind_specif_form_empl_d": "4",
    }
    rec = tension.map_tension(row)
    assert rec["offers"] == pytest.approx(390.18)
    assert rec["tension"] == 5
    with pytest.raises(RowError, match="classe de 1 à 5"):
        tension.map_tension(row | {"ind_tension_d": "9"})


def onisep_row(**overrides):
    row = {
        "sigle type formation": "CAP",
        "libellé type formation": "Certificat d'aptitude professionnelle",
        "libellé formation principal": "CAP Boulanger",
        "sigle formation": "",
        "durée": "2 ans",
        "code RNCP": "18704",
        "niveau RNCP": "5",
        "libellé niveau RNCP": "niveau 3 (niveau CAP)",
        "lien site onisep.fr": "http://www.onisep.fr/http/redirection/formation/slug/FOR.2246",
        "domaine/sous-domaine": "agroalimentaire",
    }
    return row | overrides


def test_map_onisep_training_takes_the_level_from_its_label_not_the_old_number():
    rec = formations.map_onisep_training(onisep_row())
    assert rec.code == "FOR.2246"
    assert rec.kind == "CAP"
    assert rec.rncp_level == 3  # the « niveau RNCP » column (5) is the former nomenclature
    assert rec.url.startswith("https://")


def test_map_onisep_training_without_level_or_id():
    rec = formations.map_onisep_training(
        onisep_row(**{"niveau RNCP": "0", "libellé niveau RNCP": "non inscrit au RNCP"})
    )
    assert rec.rncp_level is None
    assert rec.rncp_level_label == ""
    with pytest.raises(RowError, match="identifiant Onisep"):
        formations.map_onisep_training(onisep_row(**{"lien site onisep.fr": "http://www.onisep.fr/"}))


def test_map_onisep_job_splits_several_rome_codes():
    rec = formations.map_onisep_job(
        {
            "libellé métier": "mécanicien",
            "lien site onisep.fr": "https://www.onisep.fr/x/MET.400",
            "code ROME (V.3)": "I1604 | I1607",
            "domaine/sous-domaine": "mécanique/automobile",
        }
    )
    assert rec.rome_v3_codes == ("I1604", "I1607")


@pytest.mark.parametrize(
    ("label", "title"),
    [
        ("TLE PRO3 CUISINE", "CUISINE"),
        ("2CAP2  ACCOMPAG. EDUCATIF PETITE ENFANCE", "ACCOMPAG. EDUCATIF PETITE ENFANCE"),
        ("2NDPRO MET.REAL.ENS.MEC.IND.2NDE COMMUNE", "MET.REAL.ENS.MEC.IND.2NDE COMMUNE"),
        ("2MADE3 DN MADE - OBJET", "OBJET"),
    ],
)
def test_mef_title_drops_the_year_prefix_only(label, title):
    assert formations.mef_title(label) == title


def test_mef_training_key_drops_the_year_digit():
    assert formations.mef_training_key("23810033007") == formations.mef_training_key("23830033007") == "2380033007"


@pytest.mark.parametrize(
    ("grouped", "kind"),
    [
        ("BAC PRO EN 3 ANS : 2NDE PRO", "BACPRO"),
        ("CAP AGRICOLE EN 2 ANS : 2EME ANNEE", "CAPA"),
        ("CAP EN 1 AN", "CAP"),
        ("2MADE3 DN DES METIERS D'ART ET DU DESIGN", "DNMADE"),
    ],
)
def test_mef_kind(grouped, kind):
    assert formations.mef_kind(grouped) == kind


def test_catalogue_matches_abbreviated_titles_within_the_same_kind():
    catalogue = formations.Catalogue()
    catalogue.add("FOR.1", "CAP", "CAP Accompagnant éducatif petite enfance")
    catalogue.add("FOR.2", "BACPRO", "bac pro Accompagnant éducatif petite enfance")
    catalogue.add("FOR.3", "CAP", "CAP Boulanger")
    assert catalogue.match("CAP", "ACCOMPAG. EDUCATIF PETITE ENFANCE") == "FOR.1"
    assert catalogue.match("BTS", "ACCOMPAG. EDUCATIF PETITE ENFANCE") is None
    assert catalogue.match("CAP", "MONTAGE DES PNEUMATIQUES") is None


def test_map_parcoursup_reads_kind_and_title():
    row = {"Code UAI de l etablissement": "0620006V", "Filiere de formation": "BTS   Agricole   Amenagements paysagers"}
    rec = formations.map_parcoursup(row)
    assert (rec.kind, rec.title, rec.modality) == ("BTSA", "Amenagements paysagers", Modality.SCHOOL)
    nurse = formations.map_parcoursup(row | {"Filiere de formation": "D.E Infirmier"})
    assert (nurse.kind, nurse.title) == ("DE", "Infirmier")
    law = formations.map_parcoursup(row | {"Filiere de formation": "Licence   Droit   Parcours Droit public"})
    assert (law.kind, law.title) == ("LICENCE", "Droit")


def test_uai_restores_a_lost_leading_zero_and_refuses_garbage():
    assert uai("590223X") == "0590223X"
    with pytest.raises(RowError):
        uai("ABC")


def test_optional_int_masked_and_float_cells():
    assert optional_int("*", "x") is None
    assert optional_int("nd", "x") is None
    assert optional_int("346.0", "x") == 346
    with pytest.raises(RowError):
        optional_int("3.5", "x")


def test_insertion_lycee_row_population_and_nd():
    row = {
        "n°UAI de l'établissement": "0590223X",
        "Libellé de l'établissement": "Lycée",
        "Dont apprentis en EPLE": "dont apprentis",
        "Taux de poursuite d'études": "nd",
        "Taux": "60",
        "Taux attendu": "61",
        "Valeur ajoutée": "-1",
    }
    rec = insertion.map_lycee_row(row, "2022_2023")
    assert rec["population"] == "APPRENTICES"
    assert rec["further_study_rate"] is None
    assert rec["employment_rate_6m"] == 60
    with pytest.raises(RowError, match="public inconnu"):
        insertion.map_lycee_row(row | {"Dont apprentis en EPLE": "autre"}, "2022_2023")


def test_text_helpers():
    assert normalise("Pâtissier / Pâtissière") == "patissier patissiere"
    assert "boulanger" in subject_words("CAP Boulanger")
    assert "cap" not in subject_words("CAP Boulanger")
    assert prefix_match(["accompag", "educ"], ["accompagnant", "educatif"])
