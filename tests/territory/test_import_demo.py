"""The demo territory and ``load_platform_data``."""

from io import StringIO

import pytest
from django.core.management import call_command

from orientation.territory import demo_territory
from orientation.territory.models import Academy, Commune, Department, Establishment, EstablishmentHeadcount, Region
from tests.conftest import SAMPLES

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count() for m in (Region, Academy, Department, Commune, Establishment, EstablishmentHeadcount)
    )


def test_demo_territory_has_the_journeys_places_and_is_flagged():
    demo_territory.build_demo_territory()
    region = Region.objects.get()
    assert region.is_demo
    assert Academy.objects.count() == 2
    assert Department.objects.count() == 5
    assert 12 <= Commune.objects.count() <= 20
    assert 18 <= Establishment.objects.count() <= 30
    rosa_parks = Establishment.objects.get(uai="0593667R")
    assert (rosa_parks.name, rosa_parks.priority_network, rosa_parks.commune.name) == (
        "Collège Rosa Parks",
        "REP_PLUS",
        "Roubaix",
    )
    jules_ferry = Establishment.objects.get(uai="0020043L")
    assert jules_ferry.commune.name == "Rozoy-sur-Serre"
    assert jules_ferry.commune.urban_class == "RURAL"
    assert jules_ferry.commune.department.academy.name == "Amiens"
    assert sum(h.total for h in jules_ferry.headcounts.all()) == jules_ferry.pupils
    # Every establishment sits in its commune's département and near its commune (plausible coordinates).
    for establishment in Establishment.objects.select_related("commune"):
        assert establishment.department_code == establishment.commune.department.code
        assert abs(establishment.latitude - establishment.commune.latitude) < 0.2
        assert abs(establishment.longitude - establishment.commune.longitude) < 0.2
    # Only collèges are in the priority network (the database refuses anything else).
    assert set(Establishment.objects.exclude(priority_network="NONE").values_list("kind", flat=True).distinct()) == {
        "COLLEGE"
    }


def test_demo_territory_is_idempotent():
    demo_territory.build_demo_territory()
    first = counts()
    demo_territory.build_demo_territory()
    assert counts() == first


def test_load_platform_data_without_open_data_loads_the_demo(settings):
    settings.ORIENTATION_OPEN_DATA = ""
    out = StringIO()
    call_command("load_platform_data", stdout=out)
    output = out.getvalue()
    assert "Pour la vraie région, une commande" in output
    assert output.index("make open-data") < output.index("DÉMONSTRATION")  # how to get the real region, first
    assert Region.objects.get().is_demo
    call_command("load_platform_data", stdout=StringIO())
    assert Region.objects.count() == 1


def test_load_platform_data_does_not_replace_a_real_territory_with_the_demo(settings):
    Region.objects.create(code="32", name="Hauts-de-France", is_demo=False)
    settings.ORIENTATION_OPEN_DATA = ""
    out = StringIO()
    call_command("load_platform_data", stdout=out)
    assert "déjà chargé" in out.getvalue()
    assert not Establishment.objects.exists()


def test_load_platform_data_imports_the_open_data_when_configured(settings, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "orientation.demo.management.commands.load_platform_data.call_command",
        lambda *args, **kwargs: calls.append(args),
    )
    settings.ORIENTATION_OPEN_DATA = str(SAMPLES / "territory")
    call_command("load_platform_data", stdout=StringIO())
    assert calls == [("import_open_data", "--source", str(SAMPLES / "territory"), "--wet-run")]
    assert not Region.objects.exists()
