"""Organisation factories (territory ones come from tests.territory.factories)."""

import factory

from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from tests.accounts.factories import UserFactory
from tests.territory.factories import EstablishmentFactory


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Boulangerie {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    """Default: the head of an establishment. Traits give the other target shapes."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.HEAD
    establishment = factory.SubFactory(EstablishmentFactory)

    class Params:
        form_teacher = factory.Trait(role=Role.FORM_TEACHER)
        pupil = factory.Trait(role=Role.PUPIL)
        coordinator = factory.Trait(role=Role.COORDINATOR, establishment=None)
        ambassador = factory.Trait(role=Role.AMBASSADOR, establishment=None)
        administrator = factory.Trait(role=Role.ADMINISTRATOR, establishment=None)
        company_member = factory.Trait(
            role=Role.COMPANY_MEMBER, establishment=None, company=factory.SubFactory(CompanyFactory)
        )
        parent = factory.Trait(role=Role.PARENT, establishment=None)
