"""The whole official catalogue imported (territory first): coverage figures the product relies on."""

import pytest

from orientation.catalog.models import (
    Appellation,
    FapFamily,
    Job,
    JobTraining,
    OnisepJob,
    RecruitmentNeed,
    RomeFapLink,
    TensionIndicator,
    Training,
    TrainingOffer,
)
from orientation.core.importing import ImportReport, registered_steps

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


@pytest.fixture
def real_import(open_data_dir) -> ImportReport:
    report = ImportReport()
    for step in registered_steps():
        if step.name.startswith(("territory.", "catalog.")):
            step.run(open_data_dir, report, lambda message: None)
    return report


def test_real_catalogue_coverage(real_import):
    # ROME 4: every fiche, every title; every parent reaches FAP through the DARES table
    assert Job.objects.count() == 1584
    assert Appellation.objects.count() == 13120
    assert Job.objects.exclude(domain=None).count() == 1584
    assert set(Job.objects.values_list("rome_v3_parent", flat=True)) <= set(
        RomeFapLink.objects.values_list("rome_v3_code", flat=True)
    )
    # BMO 2025: all 213 codes, all mapped to at least one ROME fiche, all 28 bassins joined
    bmo_families = set(RecruitmentNeed.objects.values_list("family_id", flat=True))
    assert len(bmo_families) == 213
    assert bmo_families <= set(RomeFapLink.objects.values_list("family_id", flat=True))
    assert RecruitmentNeed.objects.count() == 3617
    assert not RecruitmentNeed.objects.filter(basin=None).exists()
    assert FapFamily.objects.count() == 228
    # masked cells are NULL and their count is reported
    assert (
        RecruitmentNeed.objects.filter(projects=None).count()
        == real_import.unjoined["BMO : nombre de projets masqué (secret statistique)"]
    )
    # 2021 tension: every ROME v3 code reaches a ROME 4 fiche
    assert TensionIndicator.objects.count() == 2198
    assert real_import.unjoined["Tension : code ROME v3 sans fiche ROME 4"] == 0
    # training: the Onisep catalogue, offers in every vocational lycée of the file
    assert Training.objects.filter(code__startswith="FOR.").count() == 6086
    assert TrainingOffer.objects.filter(source="LYCEE_PRO").values("establishment").distinct().count() == 304
    assert real_import.unjoined["Lycées pro : UAI absent du territoire (lignes)"] == 0
    onisep_matched = Training.objects.filter(code__startswith="FOR.").exclude(mef_codes=[]).count()
    assert onisep_matched >= 200
    # job ↔ training and Onisep sheets: most jobs reach a training and a sheet
    assert JobTraining.objects.values("job").distinct().count() >= 1300
    assert OnisepJob.objects.exclude(jobs=None).count() >= 850
    assert 100 <= Job.objects.filter(is_little_known=True).count() <= 400
