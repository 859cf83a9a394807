from types import SimpleNamespace

import pytest

from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.territory.models import Academy, Department, Region
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory
from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory


@pytest.fixture
def world(db):
    """Two académies of the region (59, 62 in Lille; 02 in Amiens), one establishment each,
    one establishment in another region, and one person per role."""
    d59 = DepartmentFactory()
    d62 = DepartmentFactory(pas_de_calais=True)
    d02 = DepartmentFactory(aisne=True)
    other_region = Region.objects.create(code="11", name="Île-de-France")
    d75 = Department.objects.create(
        code="75", name="Paris", academy=Academy.objects.create(code="01", name="Paris", region=other_region)
    )
    est = {
        "e59": EstablishmentFactory(uai="0593667R", name="Collège Rosa Parks", commune=CommuneFactory(roubaix=True)),
        "e62": EstablishmentFactory(commune=CommuneFactory(department=d62)),
        "e02": EstablishmentFactory(commune=CommuneFactory(department=d02)),
        "e75": EstablishmentFactory(commune=CommuneFactory(department=d75, insee_code="75056")),
    }
    lille, amiens = d59.academy, d02.academy
    region = lille.region
    pupil = MembershipFactory(pupil=True, establishment=est["e59"])
    people = {
        "administrator": MembershipFactory(administrator=True).user,
        "coordinator_62": MembershipFactory(coordinator=True, department=d62).user,
        "coordinator_lille": MembershipFactory(coordinator=True, academy=lille).user,
        "coordinator_region": MembershipFactory(coordinator=True, region=region).user,
        "head_59": MembershipFactory(establishment=est["e59"]).user,
        "form_teacher_02": MembershipFactory(form_teacher=True, establishment=est["e02"]).user,
        "pupil_59": pupil.user,
        "parent_59": MembershipFactory(parent=True, child=pupil).user,
        "ambassador": MembershipFactory(ambassador=True).user,
        "company_member": MembershipFactory(company_member=True).user,
        "nobody": UserFactory(),
    }
    return SimpleNamespace(
        est=est,
        dep={"59": d59, "62": d62, "02": d02, "75": d75},
        acad={"lille": lille, "amiens": amiens, "paris": d75.academy},
        region=region,
        people=people,
        pupil_membership=pupil,
    )


def fresh(user):
    """The same user without cached memberships (as a new request would load it)."""
    return type(user).objects.get(pk=user.pk)


def membership_of(user, role: str) -> Membership:
    return Membership.objects.get(user=user, role=Role(role))
