"""Factories for the placement tests (traits, not subclasses)."""

import datetime as dt

import factory
from django.utils import timezone

from orientation.accounts.models import User
from orientation.internships.enums import OfferKind, OfferStatus
from orientation.internships.models import PlacementOffer
from orientation.organisations.enums import Role
from orientation.organisations.models import Company, Membership
from orientation.schooling.models import Enrolment, SchoolClass, SchoolYear
from orientation.territory.models import Academy, Commune, Department, Establishment, Region


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "32"
    name = "Hauts-de-France"


class AcademyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Academy
        django_get_or_create = ("code",)

    code = "09"
    name = "Lille"
    region = factory.SubFactory(RegionFactory)
    holiday_zone = "B"


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "62"
    name = "Pas-de-Calais"
    academy = factory.SubFactory(AcademyFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = "62041"
    name = "Arras"
    department = factory.SubFactory(DepartmentFactory)
    latitude = 50.2910
    longitude = 2.7775

    class Params:
        roubaix = factory.Trait(insee_code="59512", name="Roubaix", latitude=50.6901, longitude=3.1817)
        lens = factory.Trait(insee_code="62498", name="Lens", latitude=50.4322, longitude=2.8333)


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment
        django_get_or_create = ("uai",)

    uai = factory.Sequence(lambda n: f"062{n:04d}A")
    name = factory.Sequence(lambda n: f"Collège {n}")
    kind = "COLLEGE"
    sector = "PUBLIC"
    commune = factory.SubFactory(CommuneFactory)
    latitude = 50.29
    longitude = 2.78

    class Params:
        rep_plus = factory.Trait(priority_network="REP_PLUS")
        rep = factory.Trait(priority_network="REP")
        cfa = factory.Trait(kind="CFA", name=factory.Sequence(lambda n: f"CFA {n}"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = factory.Sequence(lambda n: f"Prénom{n}")
    last_name = "Martin"
    birth_year = 1985
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        minor = factory.Trait(birth_year=factory.LazyFunction(lambda: timezone.localdate().year - 14))


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Boulangerie {n}")
    siret = factory.Sequence(lambda n: f"{12345678900000 + n:014d}")
    commune = factory.SubFactory(CommuneFactory)
    address = "12 rue Ronville"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.PUPIL
    establishment = factory.SubFactory(EstablishmentFactory)


def pupil_in(establishment, *, minor=True, level="3E", with_class=True):
    user = UserFactory(minor=minor)
    MembershipFactory(user=user, role=Role.PUPIL, establishment=establishment)
    if with_class:
        year, _ = SchoolYear.objects.get_or_create(
            label="2026-2027",
            defaults={"starts_on": dt.date(2026, 9, 1), "ends_on": dt.date(2027, 7, 4), "is_current": True},
        )
        school_class, _ = SchoolClass.objects.get_or_create(
            establishment=establishment, school_year=year, name=f"{level} A", defaults={"level": level, "size": 25}
        )
        Enrolment.objects.create(pupil=user, school_class=school_class)
    return user


def staff_of(establishment, role=Role.FORM_TEACHER):
    user = UserFactory()
    MembershipFactory(user=user, role=role, establishment=establishment)
    return user


def member_of(company):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COMPANY_MEMBER, company=company)
    return user


def coordinator_of(department):
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, department=department)
    return user


def next_monday(weeks_ahead=3):
    today = timezone.localdate()
    return today + dt.timedelta(days=(7 - today.weekday()) + 7 * (weeks_ahead - 1))


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlacementOffer

    company = factory.SubFactory(CompanyFactory)
    kind = OfferKind.OBSERVATION_3E
    title = "Découvrir la boulangerie"
    description = "Pétrir, façonner, cuire le pain avec l'équipe."
    rome_code = "D1102"
    job_label = "Boulanger / Boulangère"
    commune = factory.SubFactory(CommuneFactory)
    address = "12 rue Ronville"
    latitude = 50.2870
    longitude = 2.7810
    starts_on = factory.LazyFunction(next_monday)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + dt.timedelta(days=4))
    places = 2
    reserved_places = 0
    contact_name = "Mme Lefebvre"
    contact_phone = "03 21 00 00 00"
    status = OfferStatus.PUBLISHED
    created_by = factory.SubFactory(UserFactory)

    class Params:
        with_reserved = factory.Trait(
            reserved_places=1, reserved_until=factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
        )
        draft = factory.Trait(status=OfferStatus.DRAFT)
