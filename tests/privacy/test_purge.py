import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from orientation.accounts.models import User
from orientation.core.models import AccessLog
from orientation.internships.services import application_submit
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.privacy.services import personal_data_purge
from orientation.schooling.models import ActivityRecord
from orientation.schooling.services import activity_record
from tests.accounts.factories import UserFactory
from tests.internships.factories import OfferFactory
from tests.organisations.factories import staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db

# The factories' school year 2026-2027 ends on 4 July 2027: with one year of retention, its
# pupils are anonymised from 5 July 2028 on.
BEFORE = dt.date(2028, 7, 4)
AFTER = dt.date(2028, 7, 5)


@pytest.fixture
def pupil_with_history():
    college = EstablishmentFactory(arras=True, rep_plus=True)
    pupil = pupil_in(college)
    parent = UserFactory()
    Membership.objects.create(user=parent, role=Role.PARENT, child=pupil.memberships.get())
    application = application_submit(
        actor=pupil,
        offer=OfferFactory(),
        motivation="J'aime le pain et me lever tôt.",
        parent_email="parent@exemple.fr",
    )
    enrolment = pupil.enrolments.get()
    activity_record(
        school_class=enrolment.school_class,
        kind="PLACEMENT",
        title="Stage",
        occurred_on=dt.date(2027, 1, 15),
        hours=35,
        source="test",
        source_id=1,
        pupil=pupil,
    )
    return pupil, parent, application


def test_nothing_changes_before_the_retention_period_ends(pupil_with_history):
    pupil, _parent, _ = pupil_with_history
    report = personal_data_purge(today=BEFORE, retention_years=1)
    assert (report.learners, report.parents) == (0, 0)
    pupil.refresh_from_db()
    assert pupil.is_active
    assert pupil.email.endswith("@exemple.fr")


def test_learner_and_parent_are_anonymised_but_counts_stay(pupil_with_history):
    pupil, parent, application = pupil_with_history
    report = personal_data_purge(today=AFTER, retention_years=1)
    assert (report.learners, report.parents, report.applications) == (1, 1, 1)
    for user in (pupil, parent):
        user.refresh_from_db()
        assert user.email == f"compte-{user.pk}@anonymise.invalid"
        assert (user.first_name, user.last_name, user.birth_year, user.is_active) == ("", "", None, False)
        assert not user.has_usable_password()
        assert not user.memberships.filter(is_active=True).exists()
    application.refresh_from_db()
    assert application.motivation == ""
    # The pathway and the class's counts keep their rows, without identity.
    assert ActivityRecord.objects.filter(pupil=pupil).count() == 1
    # Idempotent.
    again = personal_data_purge(today=AFTER, retention_years=1)
    assert (again.learners, again.parents, again.applications) == (0, 0, 0)


def test_a_parent_who_is_also_staff_keeps_the_account(pupil_with_history):
    _pupil, parent, _ = pupil_with_history
    Membership.objects.create(user=parent, role=Role.FORM_TEACHER, establishment=EstablishmentFactory(arras=True))
    report = personal_data_purge(today=AFTER, retention_years=1)
    assert (report.learners, report.parents) == (1, 0)
    parent.refresh_from_db()
    assert parent.is_active


def test_staff_are_never_anonymised():
    teacher = staff_of(EstablishmentFactory(arras=True))
    personal_data_purge(today=AFTER, retention_years=1)
    teacher.refresh_from_db()
    assert teacher.is_active


def test_old_access_logs_are_deleted_recent_ones_kept():
    viewer = UserFactory()
    old = AccessLog.objects.create(viewer=viewer, subject_user_id=1, what="fiche élève")
    AccessLog.objects.filter(pk=old.pk).update(at=timezone.now() - dt.timedelta(days=800))
    AccessLog.objects.create(viewer=viewer, subject_user_id=1, what="fiche élève")
    report = personal_data_purge(retention_years=1)
    assert report.access_logs == 1
    assert AccessLog.objects.count() == 1


def test_command_is_a_dry_run_unless_told(pupil_with_history, monkeypatch):
    pupil, _, _ = pupil_with_history
    monkeypatch.setattr("orientation.privacy.services.timezone.localdate", lambda: AFTER)
    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "Élèves, apprentis et étudiants anonymisés : 1" in out.getvalue()
    assert User.objects.get(pk=pupil.pk).is_active
    call_command("purge_personal_data", "--wet-run", stdout=StringIO())
    assert not User.objects.get(pk=pupil.pk).is_active


def test_roster_identifiers_and_what_the_pupil_wrote_are_erased(pupil_with_history):
    from orientation.pathways.models import Reflection, SavedItem
    from orientation.schooling.models import Pupil
    from tests.pathways.factories import SavedItemFactory

    pupil, _parent, _ = pupil_with_history
    record = Pupil.objects.create(user=pupil, ine="123456789AB", sex="F", siecle_id="42")
    Reflection.objects.create(activity=ActivityRecord.objects.get(pupil=pupil), text="J'ai aimé.")
    SavedItemFactory(pupil=pupil)
    personal_data_purge(today=AFTER, retention_years=1)
    record.refresh_from_db()
    assert (record.ine, record.sex, record.siecle_id) == ("", "", "")
    assert not Reflection.objects.exists()
    assert not SavedItem.objects.exists()
