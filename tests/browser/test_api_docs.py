"""/api/v1/docs works under the site's CSP: Swagger UI comes from the app's own static files."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_under_the_csp_from_local_assets(live_server, browser_page):
    page = browser_page
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    origins: set[str] = set()
    page.on("request", lambda request: origins.add(request.url.split("/")[2]))
    page.goto(f"{live_server.url}/api/v1/docs", wait_until="networkidle")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Orientation" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path")  # the operations, read from /api/v1/openapi.json
    assert origins == {live_server.url.split("/")[2]}  # nothing from a CDN
    assert not [text for text in refused if "script" in text]
