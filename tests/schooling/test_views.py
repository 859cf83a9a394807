from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.enums import Level
from orientation.schooling.models import ActivityRecord, Pupil, RosterUpload, SchoolClass
from tests.conftest import SAMPLES
from tests.organisations.factories import MembershipFactory, staff_of
from tests.schooling.factories import ActivityRecordFactory, PupilFactory, SchoolClassFactory, SchoolYearFactory
from tests.territory.factories import DepartmentFactory, EstablishmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def school():
    SchoolYearFactory()
    return EstablishmentFactory(uai="0590099Z")


def hours_url(establishment):
    return reverse("schooling:establishment_hours", kwargs={"uai": establishment.uai})


def test_class_hours_page_lists_classes_behind_first_with_a_pinned_query_count(
    client, school, django_assert_num_queries
):
    for index in range(4):
        school_class = SchoolClassFactory(establishment=school, name=f"3e {index}", level=Level.TROISIEME)
        ActivityRecordFactory(school_class=school_class, hours=Decimal(index * 5 + 1))
    SchoolClassFactory(establishment=school, name="6e A", level=Level.SIXIEME)
    client.force_login(staff_of(school, Role.FORM_TEACHER))
    client.get(hours_url(school))
    with django_assert_num_queries(11):
        response = client.get(hours_url(school))
    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("3e 0") < content.index("3e 3") < content.index("6e A")
    assert "sans objectif" in content
    assert "<svg" in content


@pytest.mark.parametrize("role", [Role.PUPIL, Role.PARENT, Role.AMBASSADOR, Role.COMPANY_MEMBER])
def test_people_who_are_not_staff_get_404(client, school, role):
    if role == Role.PUPIL:
        user = PupilFactory(school_class=SchoolClassFactory(establishment=school)).user
    else:
        user = (
            MembershipFactory(**{role.lower(): True}).user
            if role != Role.PARENT
            else MembershipFactory(parent=True, child=MembershipFactory(pupil=True, establishment=school)).user
        )
    client.force_login(user)
    assert client.get(hours_url(school)).status_code == 404


def test_staff_of_another_establishment_and_coordinators_elsewhere_get_404(client, school):
    client.force_login(staff_of(EstablishmentFactory(), Role.HEAD))
    assert client.get(hours_url(school)).status_code == 404
    client.force_login(MembershipFactory(coordinator=True, department=DepartmentFactory(somme=True)).user)
    assert client.get(hours_url(school)).status_code == 404
    client.force_login(MembershipFactory(coordinator=True, department=school.commune.department).user)
    assert client.get(hours_url(school)).status_code == 200


def test_exports_carry_the_same_figures_numbers_as_numbers(client, school):
    school_class = SchoolClassFactory(establishment=school, name="3e A", level=Level.TROISIEME, size=27)
    ActivityRecordFactory(school_class=school_class, hours=Decimal("2.5"))
    client.force_login(staff_of(school, Role.HEAD))
    csv = client.get(reverse("schooling:establishment_hours_export", kwargs={"uai": school.uai, "fmt": "csv"}))
    assert csv["Content-Type"].startswith("text/csv")
    assert "3e A;3e;27;36;2,5;0;2,5" in csv.content.decode()
    xlsx = client.get(reverse("schooling:establishment_hours_export", kwargs={"uai": school.uai, "fmt": "xlsx"}))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[3]][:7] == ["3e A", "3e", 27, 36, 2.5, 0, 2.5]
    printed = client.get(reverse("schooling:establishment_hours_print", kwargs={"uai": school.uai}))
    assert "3e A" in printed.content.decode()


def test_a_form_teacher_declares_a_workshop_with_two_pupils_absent(client, school):
    school_class = SchoolClassFactory(establishment=school, name="3e A")
    pupils = [PupilFactory(school_class=school_class) for _ in range(4)]
    client.force_login(staff_of(school, Role.FORM_TEACHER))
    url = reverse("schooling:activity_declare", kwargs={"pk": school_class.pk})
    response = client.post(
        url,
        {
            "kind": "WORKSHOP",
            "title": "Atelier découverte des métiers",
            "occurred_on": "2026-11-16",
            "hours": "2",
            "absent": [pupils[0].user_id, pupils[1].user_id],
        },
    )
    assert response.status_code == 302
    credited = set(ActivityRecord.objects.filter(pupil__isnull=False).values_list("pupil_id", flat=True))
    assert credited == {pupils[2].user_id, pupils[3].user_id}
    detail = client.get(reverse("schooling:class_detail", kwargs={"pk": school_class.pk})).content.decode()
    assert "Atelier découverte des métiers" in detail


def test_declare_form_redisplays_what_was_typed_with_a_french_error(client, school):
    school_class = SchoolClassFactory(establishment=school)
    client.force_login(staff_of(school, Role.HEAD))
    response = client.post(
        reverse("schooling:activity_declare", kwargs={"pk": school_class.pk}),
        {"kind": "LESSON", "title": "Séance métiers", "occurred_on": "2099-01-01", "hours": "1"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Séance métiers" in content
    assert "ne peut pas être dans le futur" in content
    assert not ActivityRecord.objects.exists()


def test_head_uploads_previews_then_confirms_a_roster(client, school):
    head = staff_of(school, Role.HEAD)
    client.force_login(head)
    path = SAMPLES / "siecle" / "ExportXML_ElevesSansAdresses.zip"
    response = client.post(
        reverse("schooling:roster_upload", kwargs={"uai": school.uai}),
        {"file": SimpleUploadedFile(path.name, path.read_bytes())},
    )
    preview_url = response["Location"]
    preview = client.get(preview_url).content.decode()
    assert "3A" in preview
    assert "nouvelle" in preview
    assert not Pupil.objects.exists()
    confirmed = client.post(preview_url)
    assert confirmed.status_code == 302
    assert Pupil.objects.count() == 5
    assert RosterUpload.objects.get().applied_by == head
    assert client.post(preview_url).status_code == 404


def test_roster_preview_lists_problems_and_confirm_writes_nothing(client, school):
    client.force_login(staff_of(school, Role.HEAD))
    path = SAMPLES / "siecle" / "ElevesSansAdresses_wrong_uai.xml"
    response = client.post(
        reverse("schooling:roster_upload", kwargs={"uai": school.uai}),
        {"file": SimpleUploadedFile(path.name, path.read_bytes())},
    )
    preview = client.get(response["Location"]).content.decode()
    assert "PARAMETRES/UAJ" in preview
    client.post(response["Location"])
    assert not SchoolClass.objects.exists()


def test_only_the_head_or_whom_they_allow_loads_the_roster(client, school):
    client.force_login(staff_of(school, Role.FORM_TEACHER))
    assert client.get(reverse("schooling:roster_upload", kwargs={"uai": school.uai})).status_code == 404


def test_territory_summary_for_a_department_coordinator(client, school, django_assert_num_queries):
    rep = EstablishmentFactory(rep=True, commune=school.commune)
    for establishment in (school, rep):
        school_class = SchoolClassFactory(establishment=establishment, level=Level.TROISIEME, size=20)
        ActivityRecordFactory(school_class=school_class, hours=Decimal(30), occurred_on=date(2026, 10, 1))
    coordinator = MembershipFactory(coordinator=True, department=school.commune.department).user
    client.force_login(coordinator)
    url = reverse("schooling:territory_summary")
    client.get(url)
    with django_assert_num_queries(10):
        response = client.get(url)
    content = response.content.decode()
    assert "Établissements REP" in content
    assert school.name in content
    other = DepartmentFactory(somme=True)
    assert client.get(url, {"departement": other.code}).status_code == 404
    csv = client.get(url, {"departement": school.commune.department.code, "format": "csv"}).content.decode()
    assert "Toutes les classes, par niveau;3e;2;" in csv


def test_the_head_names_the_class_team(client, school):
    school_class = SchoolClassFactory(establishment=school)
    teacher = staff_of(school, Role.FORM_TEACHER)
    psy = staff_of(school, Role.GUIDANCE_PSYCHOLOGIST)
    client.force_login(staff_of(school, Role.HEAD))
    url = reverse("schooling:class_staff", kwargs={"pk": school_class.pk})
    response = client.post(url, {"form_teacher": teacher.pk, "guidance_psychologist": psy.pk})
    assert response.status_code == 302
    school_class.refresh_from_db()
    assert (school_class.form_teacher, school_class.guidance_psychologist) == (teacher, psy)
    client.force_login(teacher)
    assert client.get(url).status_code == 404


def test_the_head_allows_a_staff_member_to_load_the_roster(client, school):
    teacher = staff_of(school, Role.OTHER_STAFF)
    upload_url = reverse("schooling:roster_upload", kwargs={"uai": school.uai})
    client.force_login(teacher)
    assert client.get(upload_url).status_code == 404
    assert client.get(reverse("schooling:roster_managers", kwargs={"uai": school.uai})).status_code == 404
    client.force_login(staff_of(school, Role.HEAD))
    client.post(reverse("schooling:roster_managers", kwargs={"uai": school.uai}), {"user": teacher.pk})
    client.force_login(teacher)
    assert client.get(upload_url).status_code == 200


def test_the_school_links_a_parent_to_a_pupil(client, school):
    pupil = PupilFactory(school_class=SchoolClassFactory(establishment=school))
    school_class = pupil.user.enrolments.get().school_class
    url = reverse("schooling:parent_link", kwargs={"pk": school_class.pk, "user_id": pupil.user_id})
    client.force_login(staff_of(school, Role.FORM_TEACHER))
    assert client.get(url).status_code == 404
    client.force_login(staff_of(school, Role.HEAD))
    assert client.post(url, {"email": "Parent.Durand@exemple.fr"}).status_code == 302
    parent = Membership.objects.get(role=Role.PARENT)
    assert (parent.user.email, parent.child.user) == ("parent.durand@exemple.fr", pupil.user)
