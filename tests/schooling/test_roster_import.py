from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from orientation.accounts.models import User
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.enums import Level
from orientation.schooling.importers.roster import roster_apply, roster_preview
from orientation.schooling.importers.roster_files import level_from_mef, level_from_name
from orientation.schooling.models import ActivityRecord, Enrolment, Pupil, SchoolClass
from tests.conftest import SAMPLES
from tests.schooling.factories import ActivityRecordFactory, SchoolYearFactory
from tests.territory.factories import EstablishmentFactory

pytestmark = pytest.mark.django_db
SIECLE = SAMPLES / "siecle"


@pytest.fixture
def college():
    SchoolYearFactory()
    return EstablishmentFactory(uai="0590099Z")


def preview(establishment, name, **kwargs):
    path = SIECLE / name
    return roster_preview(establishment, path.read_bytes(), path.name, **kwargs)


def load(establishment, name, **kwargs):
    plan = preview(establishment, name, **kwargs)
    assert plan.can_apply, plan.problems
    return roster_apply(actor=None, plan=plan)


def counts():
    return (User.objects.count(), Pupil.objects.count(), Enrolment.objects.count(), SchoolClass.objects.count())


def test_good_file_preview_writes_nothing_then_confirm_writes_it_all(college):
    plan = preview(college, "ElevesSansAdresses.xml")
    assert plan.problems == []
    assert [(c.name, c.level, c.pupils) for c in plan.new_classes] == [
        ("3A", Level.TROISIEME, 2),
        ("3B", Level.TROISIEME, 1),
        ("4A", Level.QUATRIEME, 2),
    ]
    assert len(plan.new_pupils) == 5
    assert counts() == (0, 0, 0, 0)
    roster_apply(actor=None, plan=plan)
    eloise = Pupil.objects.select_related("user").get(ine="123456789AA")
    # ISO-8859-15 accents (È, ï, Œ) read right; only the birth year is kept.
    assert (eloise.user.last_name, eloise.user.first_name, eloise.user.birth_year, eloise.sex) == (
        "LEFÈVRE",
        "Éloïse",
        2012,
        "F",
    )
    assert Pupil.objects.get(ine="123456789AB").user.last_name == "DŒUVRE"
    assert SchoolClass.objects.get(name="3A").size == 2
    assert Membership.objects.filter(role=Role.PUPIL, establishment=college).count() == 5
    assert not eloise.user.has_usable_password()


def test_zip_export_with_the_guardians_file_links_parents_with_an_address(college):
    load(college, "ExportXML_ElevesSansAdresses.zip")
    assert Pupil.objects.count() == 5
    parent = Membership.objects.get(role=Role.PARENT)
    assert parent.user.email == "helene.lefevre@exemple.fr"
    assert parent.child.user.pupil.ine == "123456789AA"


def test_importing_the_same_file_twice_changes_nothing(college):
    load(college, "ElevesSansAdresses.xml")
    before = counts(), list(Enrolment.objects.values_list("pk", "ends_on").order_by("pk"))
    plan = preview(college, "ElevesSansAdresses.xml")
    assert not plan.has_changes
    assert plan.unchanged == 5
    roster_apply(actor=None, plan=plan)
    assert (counts(), list(Enrolment.objects.values_list("pk", "ends_on").order_by("pk"))) == before


def test_reimport_moves_and_closes_enrolments_without_losing_the_pathway(college):
    load(college, "ElevesSansAdresses.xml")
    gaetan = Pupil.objects.get(ine="123456789AB").user
    credit = ActivityRecordFactory(school_class=SchoolClass.objects.get(name="3A"), pupil=gaetan)
    plan = preview(college, "ElevesSansAdresses_moved_left.xml")
    assert [(row.last_name, enrolment.school_class.name, row.class_name) for row, _, enrolment in plan.moved] == [
        ("DŒUVRE", "3A", "3B")
    ]
    assert sorted(pupil.user.last_name for pupil, _, _ in plan.leavers) == ["DUBOIS", "PETIT"]
    roster_apply(actor=None, plan=plan)
    assert gaetan.enrolments.get(school_class__name="3A").ends_on is not None
    assert gaetan.enrolments.get(school_class__name="3B").ends_on is None
    noe = Pupil.objects.get(ine="123456789AD").user
    assert not Enrolment.objects.current().filter(pupil=noe).exists()
    assert not Membership.objects.get(user=noe, role=Role.PUPIL).is_active
    assert ActivityRecord.objects.filter(pk=credit.pk).exists()
    assert Pupil.objects.count() == 5


@pytest.mark.parametrize(
    ("sample", "where", "message"),
    [
        ("ElevesSansAdresses_wrong_uai.xml", "PARAMETRES/UAJ", "0620001B"),
        ("ElevesSansAdresses_wrong_year.xml", "PARAMETRES/ANNEE_SCOLAIRE", "2025-2026"),
        ("ElevesSansAdresses_malformed.xml", "ElevesSansAdresses.xml, ligne", "XML mal formé"),
        ("ElevesSansAdresses_duplicate_id.xml", "ELEVE ELEVE_ID=1003 (n° 6)", "en double"),
        ("ElevesSansAdresses_no_class.xml", "ELEVE ELEVE_ID=1005", "sans classe"),
        ("ElevesSansAdresses_unknown_mef.xml", "ELEVE ELEVE_ID=1006", "CODE_MEF inconnu « 99999999999 »"),
        ("ElevesSansAdresses_entities.xml", "ElevesSansAdresses.xml", "DTD"),
    ],
)
def test_each_problem_names_its_element_and_nothing_is_written(college, sample, where, message):
    plan = preview(college, sample)
    assert not plan.can_apply
    problem = plan.problems[0]
    assert problem.where.startswith(where)
    assert message in problem.message
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", "--establishment", college.uai, str(SIECLE / sample), "--wet-run", stderr=err)
    assert where in err.getvalue()
    assert counts() == (0, 0, 0, 0)


def test_the_head_settles_a_level_the_file_could_not(college):
    plan = preview(college, "ElevesSansAdresses_unknown_mef.xml")
    assert [c.name for c in plan.unsettled_classes] == ["ULIS"]
    load(college, "ElevesSansAdresses_unknown_mef.xml", levels={"ULIS": Level.TROISIEME})
    assert SchoolClass.objects.get(name="ULIS").level == Level.TROISIEME


def test_command_is_a_dry_run_by_default(college):
    out = StringIO()
    call_command("import_roster", "--establishment", college.uai, str(SIECLE / "ElevesSansAdresses.xml"), stdout=out)
    assert "Simulation" in out.getvalue()
    assert counts() == (0, 0, 0, 0)
    call_command(
        "import_roster", "--establishment", college.uai, str(SIECLE / "ElevesSansAdresses.xml"), "--wet-run", stdout=out
    )
    assert Pupil.objects.count() == 5


def test_csv_for_establishments_outside_siecle(college):
    load(college, "liste_eleves.csv")
    assert dict(SchoolClass.objects.values_list("name", "level")) == {
        "BTSA 1": Level.HIGHER_1,
        "2nde GT": Level.SECONDE_GT,
    }
    assert Pupil.objects.get(siecle_id="A3").user.birth_year == 2009


def test_levels_from_mef_leading_digits_then_from_class_name():
    assert level_from_mef("10310019110") == Level.TROISIEME
    assert level_from_mef("16710001110") == Level.TROISIEME_SEGPA
    assert level_from_mef("23810033007") == Level.SECONDE_PRO
    assert level_from_mef("23830033007") == Level.TERMINALE_PRO
    assert level_from_mef("23821021405") == Level.AGRICULTURAL
    assert level_from_mef("23220033205") == Level.CAP_2
    assert level_from_mef("32211031408") == Level.HIGHER_1
    assert level_from_mef("99999999999") is None
    assert level_from_name("3e B", vocational=False) == Level.TROISIEME
    assert level_from_name("2nde 4", vocational=False) == Level.SECONDE_GT
    assert level_from_name("2nde MELEC", vocational=True) == Level.SECONDE_PRO
    assert level_from_name("ULIS", vocational=False) is None
