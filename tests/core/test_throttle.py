"""The public consent and survey links are throttled per network (tokens cannot be guessed by trying)."""

import pytest
from django.conf import settings
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(ORIENTATION_THROTTLES={**settings.ORIENTATION_THROTTLES, "public-link-ip": (3, 900)})
def test_consent_and_survey_links_share_one_limit_per_network(client):
    urls = ["/stages/accord-parent/devine1/", "/interventions/avis/devine2/", "/stages/accord-parent/devine3/"]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    for url in ["/interventions/avis/devine4/", "/stages/accord-parent/devine5/"]:
        response = client.get(url)
        assert response.status_code == 429
        assert "Trop de demandes en peu de temps" in response.content.decode()
    assert client.get("/interventions/avis/devine4/", REMOTE_ADDR="192.0.2.30").status_code == 404
