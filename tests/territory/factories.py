"""factory_boy factories for the territory models (Hauts-de-France places by default)."""

import datetime

import factory
from django.utils import timezone

from orientation.territory.calendar import SchoolCalendar, zone_of_academy
from orientation.territory.enums import EstablishmentKind, PriorityNetwork, Sector, UrbanClass
from orientation.territory.models import (
    Academy,
    Basin,
    Commune,
    Department,
    EmploymentZone,
    Establishment,
    EstablishmentHeadcount,
    Region,
)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "32"
    name = "Hauts-de-France"
    is_demo = False


class AcademyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Academy
        django_get_or_create = ("code",)

    code = "09"
    name = "Lille"
    region = factory.SubFactory(RegionFactory)
    holiday_zone = factory.LazyAttribute(lambda o: zone_of_academy(o.code))

    class Params:
        amiens = factory.Trait(code="20", name="Amiens")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = "59"
    name = "Nord"
    academy = factory.SubFactory(AcademyFactory)

    class Params:
        pas_de_calais = factory.Trait(code="62", name="Pas-de-Calais")
        aisne = factory.Trait(code="02", name="Aisne", academy=factory.SubFactory(AcademyFactory, amiens=True))
        oise = factory.Trait(code="60", name="Oise", academy=factory.SubFactory(AcademyFactory, amiens=True))
        somme = factory.Trait(code="80", name="Somme", academy=factory.SubFactory(AcademyFactory, amiens=True))


class BasinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Basin
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"32{n:04d}")
    name = factory.Sequence(lambda n: f"Bassin {n}")
    region = factory.SubFactory(RegionFactory)
    department = factory.SubFactory(DepartmentFactory)


class EmploymentZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentZone
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"32{n:02d}")
    name = factory.Sequence(lambda n: f"Zone d'emploi {n}")


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    insee_code = factory.LazyAttributeSequence(lambda o, n: f"{o.department.code}{n % 1000:03d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = factory.SubFactory(DepartmentFactory)
    postal_codes = factory.LazyAttribute(lambda o: [o.insee_code])
    population = 10_000
    latitude = 50.63
    longitude = 3.06
    urban_class = UrbanClass.URBAN

    class Params:
        lille = factory.Trait(insee_code="59350", name="Lille", population=236_710, latitude=50.6311, longitude=3.0468)
        roubaix = factory.Trait(
            insee_code="59512", name="Roubaix", population=98_089, latitude=50.6881, longitude=3.1815
        )
        rural = factory.Trait(urban_class=UrbanClass.RURAL, population=800)


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment
        django_get_or_create = ("uai",)

    uai = factory.LazyAttributeSequence(lambda o, n: f"0{o.commune.department.code}{n % 10000:04d}A")
    name = factory.Sequence(lambda n: f"Collège {n}")
    kind = EstablishmentKind.COLLEGE
    sector = Sector.PUBLIC
    priority_network = PriorityNetwork.NONE
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.LazyAttribute(lambda o: o.commune.latitude)
    longitude = factory.LazyAttribute(lambda o: o.commune.longitude)
    pupils = 500

    class Params:
        rep = factory.Trait(priority_network=PriorityNetwork.REP)
        rep_plus = factory.Trait(priority_network=PriorityNetwork.REP_PLUS)
        private = factory.Trait(sector=Sector.PRIVATE_CONTRACT)
        lycee = factory.Trait(kind=EstablishmentKind.LYCEE_GT, name=factory.Sequence(lambda n: f"Lycée {n}"))


class EstablishmentHeadcountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EstablishmentHeadcount

    establishment = factory.SubFactory(EstablishmentFactory)
    school_year = 2024
    level = factory.Iterator(["6e", "5e", "4e", "3e"])
    position = factory.Sequence(lambda n: n)
    girls = 60
    boys = 65
    total = factory.LazyAttribute(lambda o: (o.girls or 0) + (o.boys or 0))


def school_day(days: int = 0) -> datetime.date:
    """The first day, ``days`` from today or later, on which the factories' schools (zone B) have
    classes: tests never depend on today's date falling in term time."""
    return SchoolCalendar("B").next_open_day(timezone.localdate() + datetime.timedelta(days=days))


def school_moment(days: int = 0, hour: int = 9) -> datetime.datetime:
    """``hour`` o'clock, local time, on :func:`school_day` ``(days)``."""
    return timezone.make_aware(datetime.datetime.combine(school_day(days), datetime.time(hour)))
