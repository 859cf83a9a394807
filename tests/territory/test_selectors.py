import pytest

from tests.territory.factories import CommuneFactory, DepartmentFactory, EstablishmentFactory


@pytest.mark.django_db
def test_factories_build_a_consistent_territory():
    nord = DepartmentFactory()
    aisne = DepartmentFactory(aisne=True)
    college = EstablishmentFactory(rep_plus=True, commune=CommuneFactory(lille=True))
    other = EstablishmentFactory(commune=CommuneFactory(department=aisne))
    assert nord.academy.region == aisne.academy.region
    assert nord.academy != aisne.academy
    assert college.department_code == "59"
    assert other.department_code == "02"
    assert other.commune.insee_code.startswith("02")
