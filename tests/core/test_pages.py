import pytest


@pytest.mark.django_db
def test_home_is_public_and_sends_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "Trouver sa voie" in response.content.decode()


@pytest.mark.django_db
def test_private_page_redirects_to_login(client):
    response = client.get("/compte/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
