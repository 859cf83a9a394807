"""Factories for ambassadors and interventions tests (territory objects use real Lille-area places)."""

from datetime import time

import factory
from django.utils import timezone

from orientation.accounts.models import User
from orientation.ambassadors.enums import AmbassadorStatus
from orientation.ambassadors.models import (
    Ambassador,
    AmbassadorJob,
    AvailabilitySlot,
    CharterAcceptance,
    CharterVersion,
    ModuleCompletion,
    QuizQuestion,
    TrainingModule,
    TrainingPage,
)
from orientation.organisations.enums import Role
from orientation.organisations.models import Membership
from orientation.schooling.models import SchoolClass, SchoolYear
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

    code = "59"
    name = "Nord"
    academy = factory.SubFactory(AcademyFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = "59350"
    name = "Lille"
    department = factory.SubFactory(DepartmentFactory)
    latitude = 50.6292
    longitude = 3.0573
    urban_class = "URBAN"

    class Params:
        roubaix = factory.Trait(insee_code="59512", name="Roubaix", latitude=50.6942, longitude=3.1746)
        maubeuge = factory.Trait(insee_code="59392", name="Maubeuge", latitude=50.2775, longitude=3.9734)
        amiens = factory.Trait(
            insee_code="80021",
            name="Amiens",
            latitude=49.8941,
            longitude=2.2958,
            department=factory.SubFactory(
                DepartmentFactory,
                code="80",
                name="Somme",
                academy=factory.SubFactory(AcademyFactory, code="20", name="Amiens"),
            ),
        )


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    uai = factory.Sequence(lambda n: f"059{n:04d}A")
    name = factory.Sequence(lambda n: f"Collège Jean Macé {n}")
    kind = "COLLEGE"
    sector = "PUBLIC"
    commune = factory.SubFactory(CommuneFactory, roubaix=True)
    latitude = 50.6900
    longitude = 3.1800

    class Params:
        rep_plus = factory.Trait(priority_network="REP_PLUS")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide-1")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def membership(user, role, **target):
    return Membership.objects.create(user=user, role=role, **target)


def coordinator(department=None):
    user = UserFactory()
    membership(user, Role.COORDINATOR, department=department or DepartmentFactory())
    return user


def staff(establishment, role=Role.HEAD):
    user = UserFactory()
    membership(user, role, establishment=establishment)
    return user


class SchoolYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolYear
        django_get_or_create = ("label",)

    label = "2026-2027"
    starts_on = factory.LazyFunction(lambda: timezone.localdate().replace(month=9, day=1))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on.replace(year=o.starts_on.year + 1, month=7, day=5))
    is_current = True


class SchoolClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolClass

    establishment = factory.SubFactory(EstablishmentFactory)
    school_year = factory.SubFactory(SchoolYearFactory)
    name = factory.Sequence(lambda n: f"3e{n}")
    level = "3E"
    size = 25


class AmbassadorFactory(factory.django.DjangoModelFactory):
    """A proposable ambassador by default? No: PENDING. Use the ``ready`` trait for a proposable one."""

    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, first_name="Inès")
    employer_name = "Boulangerie du Vieux-Lille"
    commune = factory.SubFactory(CommuneFactory)
    travel_radius_km = 30
    languages = factory.LazyFunction(lambda: ["français"])
    bio = "Je suis boulangère depuis dix ans."
    bio_is_published = True

    class Params:
        ready = factory.Trait(status=AmbassadorStatus.ACTIVE, verified_at=factory.LazyFunction(timezone.now))

    @factory.post_generation
    def rome_codes(obj, create, extracted, **kwargs):
        if create:
            for code in extracted or ["D1102"]:
                AmbassadorJob.objects.create(ambassador=obj, rome_code=code, appellation=f"Métier {code}")

    @factory.post_generation
    def weekly(obj, create, extracted, **kwargs):
        """Available every weekday 8:00–18:00 unless told otherwise."""
        if create:
            for weekday in extracted if extracted is not None else range(5):
                AvailabilitySlot.objects.create(ambassador=obj, weekday=weekday, starts_at=time(8), ends_at=time(18))

    @factory.post_generation
    def trained(obj, create, extracted, **kwargs):
        """With ``ready``: accept the current charter and complete every required module."""
        if create and obj.status == AmbassadorStatus.ACTIVE and extracted is not False:
            current = CharterVersion.objects.current()
            if current:
                CharterAcceptance.objects.create(ambassador=obj, version=current)
            for module in TrainingModule.objects.filter(is_required=True):
                ModuleCompletion.objects.create(ambassador=obj, module=module, score=1)
        if create:
            Membership.objects.get_or_create(user=obj.user, role=Role.AMBASSADOR)


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    number = factory.Sequence(lambda n: n + 1)
    title = "Charte des ambassadeurs métiers"
    body = "Je présente mon métier sans faire de publicité. Je respecte chaque élève."


class TrainingModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingModule
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"module-{n}")
    title = "Stéréotypes et représentations"
    pass_mark = 1

    @factory.post_generation
    def content(obj, create, extracted, **kwargs):
        if create:
            TrainingPage.objects.create(module=obj, position=1, title="Les stéréotypes", body="Un stéréotype…")
            QuizQuestion.objects.create(
                module=obj,
                position=1,
                text="Un métier est-il réservé aux filles ou aux garçons ?",
                choices=["Oui", "Non, chacun peut l'exercer"],
                correct_index=1,
            )
