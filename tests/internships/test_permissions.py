"""Each role × each object it must and must not reach."""

import pytest

from orientation.internships import permissions
from orientation.organisations.enums import Role
from tests.accounts.factories import UserFactory
from tests.internships.conftest import submit
from tests.internships.factories import OfferFactory
from tests.organisations.factories import CompanyFactory, MembershipFactory, coordinator_of, member_of, staff_of
from tests.schooling.factories import pupil_in
from tests.territory.factories import AcademyFactory, DepartmentFactory, EstablishmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


def coordinator(**target):
    return MembershipFactory(coordinator=True, **target).user


def test_offer_management_matrix(flow):
    offer = flow["offer"]
    assert permissions.can_manage_offer(flow["host"], offer)
    assert not permissions.can_manage_offer(member_of(CompanyFactory()), offer)
    assert not permissions.can_manage_offer(flow["teacher"], offer)
    assert not permissions.can_manage_offer(flow["pupil"], offer)


def test_cfa_staff_manage_their_cfa_offers():
    cfa = EstablishmentFactory(arras=True, cfa=True)
    head = staff_of(cfa, role=Role.HEAD)
    offer = OfferFactory(company=None, host_establishment=cfa, kind="APPRENTICESHIP")
    assert permissions.can_manage_offer(head, offer)
    assert not permissions.can_manage_offer(staff_of(EstablishmentFactory(arras=True, cfa=True), role=Role.HEAD), offer)


def test_moderation_matrix(flow):
    offer = flow["offer"]  # in Arras, Pas-de-Calais, académie de Lille
    assert permissions.can_moderate(coordinator_of(offer.commune.department), offer)
    assert permissions.can_moderate(coordinator(academy=AcademyFactory()), offer)
    assert permissions.can_moderate(coordinator(region=RegionFactory()), offer)
    amiens = AcademyFactory(amiens=True)
    assert not permissions.can_moderate(coordinator(department=DepartmentFactory(somme=True)), offer)
    assert not permissions.can_moderate(coordinator(academy=amiens), offer)
    assert not permissions.can_moderate(flow["host"], offer)


def test_application_action_matrix(flow):
    application = submit(flow)
    other_school_staff = staff_of(EstablishmentFactory(arras=True))
    rows = {
        "pupil": (flow["pupil"], {"withdraw"}),
        "teacher": (flow["teacher"], {"validate", "cancel"}),
        "host": (flow["host"], {"decide", "cancel"}),
        "other_staff": (other_school_staff, set()),
        "other_pupil": (pupil_in(flow["school"]), set()),
    }
    for user, allowed in rows.values():
        granted = {
            name
            for name, predicate in (
                ("withdraw", permissions.can_withdraw),
                ("validate", permissions.can_validate),
                ("decide", permissions.can_decide),
                ("cancel", permissions.can_cancel),
            )
            if predicate(user, application)
        }
        assert granted == allowed


def test_parties_each_user_signs_for(flow):
    application = submit(flow)
    assert permissions.parties_for(flow["pupil"], application) == ["PUPIL"]
    assert permissions.parties_for(flow["teacher"], application) == ["SCHOOL"]
    assert permissions.parties_for(flow["host"], application) == ["HOST"]
    assert permissions.parties_for(UserFactory(), application) == []
