import json
import shutil
import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from orientation.core.models import AccessLog
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.pathways.models import Reflection, SavedItem
from orientation.schooling import services as schooling_services
from tests.catalog.factories import JobFactory
from tests.organisations.factories import MembershipFactory
from tests.pathways.factories import SavedItemFactory
from tests.schooling.factories import PupilFactory, SchoolClassFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    school_class = SchoolClassFactory(name="3e A")
    school = school_class.establishment
    pupil = PupilFactory(school_class=school_class).user
    classmate = PupilFactory(school_class=school_class).user
    other_class = SchoolClassFactory(establishment=school, name="3e B")
    form_teacher = MembershipFactory(role=Role.FORM_TEACHER, establishment=school).user
    other_teacher = MembershipFactory(role=Role.FORM_TEACHER, establishment=school).user
    psy = MembershipFactory(role=Role.GUIDANCE_PSYCHOLOGIST, establishment=school).user
    head = MembershipFactory(role=Role.HEAD, establishment=school).user
    school_class.form_teacher, school_class.guidance_psychologist = form_teacher, psy
    school_class.save()
    other_class.form_teacher = other_teacher
    other_class.save()
    pupil_membership = Membership.objects.get(user=pupil, role=Role.PUPIL)
    parent = MembershipFactory(parent=True, child=pupil_membership).user
    classmate_parent = MembershipFactory(
        parent=True, child=Membership.objects.get(user=classmate, role=Role.PUPIL)
    ).user
    schooling_services.school_activity_declare(
        actor=form_teacher,
        school_class=school_class,
        kind="WORKSHOP",
        title="Atelier découverte des métiers du soin",
        occurred_on=date(2026, 11, 16),
        hours=Decimal(2),
    )
    return {
        "pupil": pupil,
        "classmate": classmate,
        "parent": parent,
        "classmate_parent": classmate_parent,
        "form_teacher": form_teacher,
        "other_teacher": other_teacher,
        "psy": psy,
        "head": head,
        "other_head": MembershipFactory(role=Role.HEAD).user,
        "coordinator": MembershipFactory(coordinator=True, department=school.commune.department).user,
    }


def url(world, name="pathways:pathway"):
    return reverse(name, kwargs={"user_id": world["pupil"].pk})


@pytest.mark.parametrize(
    ("who", "status", "logged"),
    [
        ("pupil", 200, False),
        ("parent", 200, False),
        ("form_teacher", 200, True),
        ("psy", 200, True),
        ("head", 200, True),
        ("classmate", 404, False),
        ("classmate_parent", 404, False),
        ("other_teacher", 404, False),
        ("other_head", 404, False),
        ("coordinator", 404, False),
    ],
)
def test_who_reads_a_pathway(client, world, who, status, logged):
    client.force_login(world[who])
    response = client.get(url(world))
    assert response.status_code == status
    assert AccessLog.objects.filter(viewer=world[who], subject_user_id=world["pupil"].pk).exists() is logged
    if status == 200:
        assert "Atelier découverte des métiers du soin" in response.content.decode()


def test_a_form_teacher_loses_access_when_the_pupil_moves_to_another_class(client, world):
    enrolment = world["pupil"].enrolments.get()
    enrolment.ends_on = date(2026, 11, 20)
    enrolment.save()
    new_class = SchoolClassFactory(establishment=enrolment.school_class.establishment, name="3e C")
    world["pupil"].enrolments.create(school_class=new_class, starts_on=date(2026, 11, 20))
    client.force_login(world["form_teacher"])
    assert client.get(url(world)).status_code == 404


def test_the_pupil_writes_a_reflection_saves_a_job_and_deletes_them(client, world):
    client.force_login(world["pupil"])
    credit = world["pupil"].activities.get()
    client.post(reverse("pathways:reflection_write", kwargs={"pk": credit.pk}), {"text": "J'aime aider les autres."})
    job = JobFactory(title="Aide-soignant")
    client.post(reverse("pathways:save_job", kwargs={"rome_code": job.rome_code}))
    page = client.get(url(world)).content.decode()
    assert "J&#x27;aime aider les autres." in page
    assert "Aide-soignant" in page
    client.post(url(world, "pathways:personal_content_delete"))
    assert not Reflection.objects.exists()
    assert not SavedItem.objects.exists()
    assert world["pupil"].activities.exists()


def test_staff_cannot_write_in_a_pathway(client, world):
    credit = world["pupil"].activities.get()
    client.force_login(world["form_teacher"])
    response = client.post(reverse("pathways:reflection_write", kwargs={"pk": credit.pk}), {"text": "Note"})
    assert response.status_code == 404
    assert not Reflection.objects.exists()
    item = SavedItemFactory(pupil=world["pupil"])
    assert client.post(reverse("pathways:saved_item_delete", kwargs={"pk": item.pk})).status_code == 404


def test_json_download_has_everything(client, world):
    SavedItemFactory(pupil=world["pupil"], job=JobFactory(title="Infirmier"))
    client.force_login(world["parent"])
    data = json.loads(client.get(url(world, "pathways:pathway_json")).content)
    assert data["activites"][0]["intitule"] == "Atelier découverte des métiers du soin"
    assert data["metiers_et_formations"][0]["intitule"].startswith("Infirmier")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) absent")
def test_pdf_renders_with_the_pupils_activities(client, world, tmp_path):
    client.force_login(world["pupil"])
    response = client.get(url(world, "pathways:pathway_pdf"))
    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "parcours.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Atelier découverte des métiers du soin" in text
    subprocess.run(["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))


def test_a_parent_home_shows_each_child(client, world):
    client.force_login(world["parent"])
    page = client.get(reverse("pathways:home")).content.decode()
    assert world["pupil"].get_full_name() in page
    assert world["classmate"].get_full_name() not in page


def test_job_page_offers_to_add_it_to_the_pathway(client, world):
    job = JobFactory(title="Boulanger")
    client.force_login(world["pupil"])
    page = client.get(reverse("catalog:job", kwargs={"rome_code": job.rome_code})).content.decode()
    assert "Ajouter à mon parcours" in page
