"""The annual report: started from the page, built in the background, PDF and XLSX checked as real files."""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from orientation.reporting.models import AnnualReport, ReportStatus
from tests.reporting.conftest import YEAR, coordinator_of


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "bilan.pdf"
    path.write_bytes(content)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "page")],
        check=True,
    )
    assert (tmp_path / "page.png").stat().st_size > 0
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.django_db
def test_a_coordinator_starts_the_report_and_downloads_it_when_ready(
    world, client, django_capture_on_commit_callbacks, tmp_path
):
    client.force_login(coordinator_of(world.nord))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:report_start") + f"?department=59&school_year={YEAR}")
    report = AnnualReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:report", args=[report.pk])
    assert (report.status, report.progress, report.requested_by.memberships.get().department) == (
        ReportStatus.READY,
        100,
        world.nord,
    )
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Télécharger le PDF" in page
    pdf = client.get(reverse("reporting:report_download", args=[report.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content, tmp_path)
    assert "Nord (59)" in text
    assert YEAR in text
    assert "Sommaire" in text
    assert "Page 2 sur" in text
    assert re.search(r"Élèves ayant bénéficié\s+43\s", text)
    assert re.search(r"Heures d'orientation\s+9,0\s+h", text)
    assert re.search(r"Interventions\s+2\s+Interventions d'ambassadeurs", text)
    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reporting:report_download", args=[report.pk, "xlsx"])).content)
    )
    assert workbook.sheetnames == [
        "Synthèse",
        "Qui a été atteint",
        "Au regard des objectifs du plan",
        "Équité",
        "Ambassadeurs, événements et ent",
        "Stages",
        "Établissements non atteints",
    ]
    key = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(min_row=3, values_only=True) if row and row[0]}
    assert key["Interventions réalisées"] == 2
    assert key["Heures d'orientation réalisées (classes)"] == 9


@pytest.mark.django_db
def test_the_progress_fragment_and_the_scope_of_reports(world, client):
    other = AnnualReport.objects.create(
        scope_kind="department",
        scope_code="62",
        scope_label="Pas-de-Calais (62)",
        school_year=YEAR,
        requested_by=world.head,
        status=ReportStatus.RUNNING,
        progress=40,
        step="Fabrication du PDF",
    )
    mine = AnnualReport.objects.create(
        scope_kind="department",
        scope_code="59",
        scope_label="Nord (59)",
        school_year=YEAR,
        requested_by=world.head,
        status=ReportStatus.RUNNING,
        progress=55,
        step="Fabrication du PDF",
    )
    client.force_login(coordinator_of(world.nord))
    assert client.get(reverse("reporting:report", args=[other.pk])).status_code == 404
    assert client.get(reverse("reporting:report_download", args=[other.pk, "pdf"])).status_code == 404
    fragment = client.get(reverse("reporting:report", args=[mine.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "55 %" in fragment
    assert 'hx-trigger="every 2s"' in fragment
    assert "<html" not in fragment
    assert client.get(reverse("reporting:report_download", args=[mine.pk, "pdf"])).status_code == 404  # not ready yet


@pytest.mark.django_db
def test_the_command_writes_the_three_files(world, tmp_path):
    call_command(
        "annual_report",
        "--school-year",
        YEAR,
        "--scope",
        "department:59",
        "--output",
        str(tmp_path),
        stdout=io.StringIO(),
    )
    stem = tmp_path / f"bilan-{YEAR}-department-59"
    assert "Collège" in stem.with_suffix(".html").read_text() or "Nord (59)" in stem.with_suffix(".html").read_text()
    assert "Nord (59)" in pdf_text(stem.with_suffix(".pdf").read_bytes(), tmp_path)
    assert load_workbook(stem.with_suffix(".xlsx"))["Synthèse"]["A1"].value == "Chiffres clés"
    with pytest.raises(Exception, match="Territoire inconnu"):
        call_command("annual_report", "--school-year", YEAR, "--scope", "department:00", "--output", str(tmp_path))
