"""The sample files imported end to end: what is written, what is joined, what is reported."""

import pytest

from orientation.catalog.enums import InsertionSource, JobTrainingMethod, OfferSource, TrainingSource
from orientation.catalog.importers import formations, register_steps
from orientation.catalog.models import (
    Appellation,
    FapFamily,
    InsertionRate,
    Job,
    JobInterest,
    JobMobility,
    JobTraining,
    OnisepJob,
    RecruitmentNeed,
    RomeFapLink,
    TensionIndicator,
    Training,
    TrainingOffer,
)
from orientation.core.importing import ImportReport, registered_steps
from tests.catalog.conftest import SAMPLE_DIR, run_catalog_import

pytestmark = pytest.mark.django_db


def rejected(report, file_part: str) -> list[str]:
    return [r.reason for r in report.rejections if file_part in r.file]


def test_steps_are_registered_after_the_territory():
    register_steps()
    steps = {s.name: s for s in registered_steps()}
    assert [steps[n].order for n in ("catalog.rome", "catalog.tension", "catalog.formations", "catalog.insertion")] == [
        200,
        210,
        220,
        230,
    ]
    assert all(200 <= s.order < 300 for name, s in steps.items() if name.startswith("catalog."))
    assert all(s.order < 200 for name, s in steps.items() if name.startswith("territory."))


def test_rome_jobs_texts_and_parent(imported):
    assert set(Job.objects.values_list("rome_code", flat=True)) == {"A1101", "A1102", "D1102", "D1104", "I1604"}
    assert any("X12" in reason for reason in rejected(imported, "code_rome_v460"))
    baker = Job.objects.get(rome_code="D1102")
    assert baker.definition.splitlines() == [
        "Fabrique le pain et les viennoiseries.",
        "Prépare et réalise des produits de boulangerie selon les règles d'hygiène.",
    ]
    assert baker.access == "Cet emploi est accessible avec un CAP Boulanger."
    assert baker.domain.code == "D11"
    assert baker.domain.grand_domain.code == "D"
    assert Job.objects.get(rome_code="A1102").rome_v3_parent == "A1101"
    assert Job.objects.get(rome_code="D1104").riasec_minor == "A"
    assert Job.objects.get(rome_code="A1102").riasec_major == ""  # letter Q refused
    assert rejected(imported, "riasec")


def test_rome_titles_interests_and_mobility_report_unjoined(imported):
    assert Appellation.objects.count() == 9
    assert imported.unjoined["ROME : appellation d'une fiche inconnue"] == 1
    assert Appellation.objects.get(ogr_code=11575).is_rarely_used
    assert JobInterest.objects.filter(job__rome_code="D1102").count() == 2
    assert JobInterest.objects.get(job__rome_code="D1102", centre__code=2).is_principal
    assert imported.unjoined["ROME : lien centre d'intérêt ↔ fiche inconnue"] == 1
    assert JobMobility.objects.count() == 3
    assert imported.unjoined["ROME : mobilité vers une fiche inconnue"] == 1
    assert any("lui-même" in reason for reason in rejected(imported, "mobilite"))
    assert any("Z99" in reason for reason in rejected(imported, "domaine_professionnel"))


def test_fap_families_and_rome_links(imported):
    assert RomeFapLink.objects.count() == 31
    assert set(RomeFapLink.objects.filter(rome_v3_code="I1604").values_list("family__code", flat=True).distinct()) == {
        "G0B41",
        "G1X71",
    }
    assert RomeFapLink.objects.get(rome_v3_code="I1604", qualification=1).fap341_code == "G0B41b"
    assert any("qualification" in reason for reason in rejected(imported, "Table_passage"))
    # a BMO family the DARES tree lacks is kept with the survey's label, and reported
    assert FapFamily.objects.get(code="T9X99").label == "Métier hors arborescence"
    assert imported.unjoined["BMO : code métier absent de l'arborescence FAP-2021"] == 1
    assert imported.unjoined["BMO : famille sans fiche ROME (table DARES)"] == 1


def test_recruitment_needs_keep_masked_cells_as_null(imported, sample_territory):
    assert RecruitmentNeed.objects.count() == 8
    assert any("projets difficiles" in reason for reason in rejected(imported, "BMO"))
    masked = RecruitmentNeed.objects.get(family__code="S0X42", basin_code="3223")
    assert masked.projects is None
    assert masked.difficult is None
    assert masked.basin is None  # ARRAS is not in the sample territory: kept, counted
    assert imported.unjoined["BMO : bassin absent du territoire"] == 1
    assert imported.unjoined["BMO : nombre de projets masqué (secret statistique)"] == 1
    lille = RecruitmentNeed.objects.get(family__code="S0X42", basin_code="3216")
    assert (lille.projects, lille.difficult, lille.seasonal) == (97, 66, 21)
    assert lille.basin.name == "LILLE"
    assert lille.department.code == "59"
    assert RecruitmentNeed.objects.get(family__code="A0X43", basin_code="3204").department_code == "02"


def test_tension_indicators(imported):
    assert TensionIndicator.objects.count() == 3
    assert TensionIndicator.objects.get(rome_v3_code="I1604", basin_code="3222").tension == 3
    assert any("classe de 1 à 5" in reason for reason in rejected(imported, "tension"))


def test_onisep_trainings_and_lycee_pro_offers(imported, sample_territory):
    baker_cap = Training.objects.get(code="FOR.2246")
    assert baker_cap.rncp_level == 3
    assert baker_cap.source == TrainingSource.ONISEP
    assert baker_cap.mef_codes == ["2320022135"]
    offer = TrainingOffer.objects.get(training=baker_cap, source=OfferSource.LYCEE_PRO)
    # two years of study summed: 12 + 10 pupils, 5 + 3 girls
    assert (offer.total, offer.girls, offer.boys) == (22, 8, 14)
    assert offer.establishment == sample_territory["hainaut"]
    # the MEF « bac pro » matches the Onisep bac pro, not the CAP of the same name
    assert TrainingOffer.objects.filter(training__code="FOR.5821").count() == 2
    tyres = Training.objects.get(code="MEF.2320023999")
    assert tyres.source == TrainingSource.MEF
    assert tyres.title == "CAP Montage des pneumatiques"
    assert tyres.rncp_level == 3
    assert imported.unjoined["Lycées pro : UAI absent du territoire (lignes)"] == 1
    assert imported.unjoined["Lycées pro : formation (MEF) sans équivalent Onisep"] == 1
    assert rejected(imported, "lycee_pro")


def test_parcoursup_offers(imported, sample_territory):
    accounting = TrainingOffer.objects.get(source=OfferSource.PARCOURSUP, training__code="FOR.488")
    assert accounting.establishment == sample_territory["moulin"]
    unmatched = Training.objects.get(source=TrainingSource.PARCOURSUP)
    assert unmatched.code.startswith("PSUP.")
    assert unmatched.title == "BTS Conception de produits industriels"
    assert imported.unjoined["Parcoursup : UAI absent du territoire (lignes)"] == 1


def test_onisep_job_sheets_are_merged_and_linked_through_rome_v3(imported):
    baker = OnisepJob.objects.get(code="MET.17")
    assert "agroalimentaire" in baker.domains
    assert "petits commerces" in baker.domains
    assert list(baker.jobs.values_list("rome_code", flat=True)) == ["D1102"]
    forest = OnisepJob.objects.get(code="MET.300")
    assert "A1102" in forest.jobs.values_list("rome_code", flat=True)  # a ROME 4 child of A1101
    assert OnisepJob.objects.get(code="MET.400").rome_v3_code == "I1604"
    assert imported.unjoined["Onisep métiers : code ROME v3 sans fiche ROME 4"] == 1  # I1607
    assert imported.unjoined["Onisep métiers : fiche sans code ROME"] == 1


def test_job_training_links_and_little_known_flag(imported):
    link = JobTraining.objects.get(job__rome_code="D1102", training__code="FOR.2246")
    assert link.method == JobTrainingMethod.TITLE_IN_DOMAIN
    assert JobTraining.objects.filter(job__rome_code="I1604", training__code="FOR.5820").exists()
    assert not JobTraining.objects.filter(job__rome_code="D1102", training__code="FOR.488").exists()
    # no Onisep sheet and few titles → little known; a job Onisep describes is not
    assert Job.objects.get(rome_code="D1104").is_little_known
    assert not Job.objects.get(rome_code="D1102").is_little_known
    assert not Job.objects.get(rome_code="I1604").is_little_known


def test_insertion_rates(imported, sample_territory):
    oldest = InsertionRate.objects.get(uai="0590223X", period="2018_2019")
    assert (oldest.further_study_rate, oldest.employment_rate_6m, oldest.value_added) == (47, 25, -9)
    assert InsertionRate.objects.get(uai="0590223X", period="2019_2020").employment_rate_6m == 26
    assert InsertionRate.objects.filter(source=InsertionSource.LYCEE_PRO).count() == 7
    cfa = InsertionRate.objects.get(uai="0594895A", period="cumul 2023-2024")
    assert cfa.establishment is None
    assert cfa.employment_rate_12m == 81
    assert imported.unjoined["InserJeunes : UAI absent du territoire (établissements)"] == 1
    assert rejected(imported, "inserjeunes-cfa")
    assert rejected(imported, "2022_2023")


def test_second_run_changes_nothing(imported):
    again = run_catalog_import()
    assert again.changed == 0
    assert all(stats.created == stats.updated == stats.deleted == 0 for stats in again.stats.values())


def test_a_row_gone_from_the_source_is_deleted_from_link_tables(imported, tmp_path):
    import shutil

    shutil.copytree(SAMPLE_DIR, tmp_path, dirs_exist_ok=True)
    mobility = tmp_path / "rome" / "unix_rubrique_mobilite_v460_utf8.csv"
    lines = mobility.read_text(encoding="utf-8").splitlines()
    mobility.write_text("\n".join(line for line in lines if '"D1104","D1102"' not in line) + "\n", encoding="utf-8")
    report = run_catalog_import(tmp_path)
    assert report.for_model("catalog.JobMobility").deleted == 1
    assert not JobMobility.objects.filter(source__rome_code="D1104").exists()


def test_a_missing_file_is_a_problem_of_the_step(sample_territory, tmp_path):
    report = ImportReport()
    formations.run(tmp_path, report, lambda m: None)
    assert "formations/ideo-formations_initiales_en_france.csv : fichier introuvable" in str(report.problems[0])
