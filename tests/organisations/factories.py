"""Companies and memberships (places come from tests.territory.factories, people from tests.accounts)."""

import factory

from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from tests.accounts.factories import UserFactory
from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Boulangerie {n}")
    siret = factory.Sequence(lambda n: f"{12345678900000 + n:014d}")
    commune = factory.SubFactory(CommuneFactory, arras=True)
    address = "12 rue Ronville"


def _coordinator_department(membership):
    """A coordinator covers one territory: a département unless an académie or the region is given."""
    if membership.academy is not None or membership.region is not None:
        return None
    return DepartmentFactory()


class MembershipFactory(factory.django.DjangoModelFactory):
    """Default: the head of an establishment. Traits give the other roles and target shapes."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.HEAD
    establishment = factory.SubFactory(EstablishmentFactory)
    department = None
    academy = None
    region = None

    class Params:
        form_teacher = factory.Trait(role=Role.FORM_TEACHER)
        pupil = factory.Trait(role=Role.PUPIL)
        coordinator = factory.Trait(
            role=Role.COORDINATOR, establishment=None, department=factory.LazyAttribute(_coordinator_department)
        )
        ambassador = factory.Trait(role=Role.AMBASSADOR, establishment=None)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, establishment=None)
        company_member = factory.Trait(
            role=Role.COMPANY_MEMBER, establishment=None, company=factory.SubFactory(CompanyFactory)
        )
        parent = factory.Trait(role=Role.PARENT, establishment=None)


def staff_of(establishment, role=Role.FORM_TEACHER):
    """A member of an establishment's staff (form teacher unless told)."""
    return MembershipFactory(establishment=establishment, role=role).user


def coordinator_of(department=None):
    """A coordinator of a département (a new Nord one unless given)."""
    return MembershipFactory(coordinator=True, department=department or DepartmentFactory()).user


def member_of(company):
    return MembershipFactory(company_member=True, company=company).user
