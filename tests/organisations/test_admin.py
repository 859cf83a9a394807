import pytest

from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    MembershipFactory()  # some data in every list
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/organisations/membership/",
        "/admin/organisations/company/",
        "/admin/organisations/invitation/",
        "/admin/territory/establishment/",
        "/admin/territory/commune/",
        "/admin/territory/department/",
    ],
)
def test_administration_pages_open(admin_client, path):
    assert admin_client.get(path).status_code == 200


def test_territory_is_read_only_in_administration(admin_client):
    assert admin_client.get("/admin/territory/establishment/add/").status_code == 403
    assert admin_client.get("/admin/organisations/invitation/add/").status_code == 403


def test_administration_is_closed_to_non_staff(client):
    client.force_login(UserFactory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
