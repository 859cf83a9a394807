"""factory_boy factories for the territory models: the one place every test gets its places from.

Defaults are a generic Nord commune and collège; traits give the real places of the user journeys
(official codes and coordinates from the open data): ``CommuneFactory(roubaix=True)``,
``DepartmentFactory(somme=True)`` (académie d'Amiens), ``EstablishmentFactory(rosa_parks=True)``…
"""

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


def _commune(insee_code, name, latitude, longitude, *, department=None, **fields):
    """A trait for a real commune (code and centre from the official data), in its own département."""
    if department is not None:
        fields["department"] = factory.SubFactory(DepartmentFactory, **{department: True})
    return factory.Trait(insee_code=insee_code, name=name, latitude=latitude, longitude=longitude, **fields)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)

    # Generated codes end in 9xx: the real codes the tests name (Lille 59350, Roubaix 59512…) never do.
    insee_code = factory.LazyAttributeSequence(lambda o, n: f"{o.department.code}9{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    department = factory.SubFactory(DepartmentFactory)
    postal_codes = factory.LazyAttribute(lambda o: [o.insee_code])
    population = 10_000
    latitude = 50.63
    longitude = 3.06
    urban_class = UrbanClass.URBAN

    class Params:
        lille = _commune("59350", "Lille", 50.6311, 3.0468, population=236_710)
        roubaix = _commune("59512", "Roubaix", 50.6887, 3.1843, population=98_089)
        maubeuge = _commune("59392", "Maubeuge", 50.2834, 3.9611)
        arras = _commune("62041", "Arras", 50.2893, 2.7679, department="pas_de_calais")
        lens = _commune("62498", "Lens", 50.4395, 2.8191, department="pas_de_calais")
        lievin = _commune("62510", "Liévin", 50.4231, 2.7702, department="pas_de_calais")
        amiens = _commune("80021", "Amiens", 49.8987, 2.2847, department="somme")
        laon = _commune("02408", "Laon", 49.5711, 3.613, department="aisne")
        rozoy_sur_serre = _commune(
            "02666",
            "Rozoy-sur-Serre",
            49.7036,
            4.1348,
            department="aisne",
            population=1_000,
            urban_class=UrbanClass.RURAL,
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
        lycee_pro = factory.Trait(
            kind=EstablishmentKind.LYCEE_PRO, name=factory.Sequence(lambda n: f"Lycée professionnel {n}")
        )
        cfa = factory.Trait(kind=EstablishmentKind.CFA, name=factory.Sequence(lambda n: f"CFA {n}"))
        # Where: the commune of a journey, for an establishment of any kind.
        roubaix = factory.Trait(commune=factory.SubFactory(CommuneFactory, roubaix=True))
        arras = factory.Trait(commune=factory.SubFactory(CommuneFactory, arras=True))
        lens = factory.Trait(commune=factory.SubFactory(CommuneFactory, lens=True))
        # The journeys' own establishments (JOURNEYS.md 1 and 2).
        rosa_parks = factory.Trait(
            uai="0593667R",
            name="Collège Rosa Parks",
            priority_network=PriorityNetwork.REP_PLUS,
            commune=factory.SubFactory(CommuneFactory, roubaix=True),
            latitude=50.7014,
            longitude=3.1865,
            pupils=583,
        )
        jules_ferry_rozoy = factory.Trait(
            uai="0020043L",
            name="Collège Jules Ferry",
            commune=factory.SubFactory(CommuneFactory, rozoy_sur_serre=True),
            latitude=49.7099,
            longitude=4.1285,
            pupils=150,
        )


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
