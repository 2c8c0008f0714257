"""Every response carries the security headers; public pages allow no inline script at all."""

import pytest
from django.http import HttpResponse

from iswg_portal.accounts.roles import CO_CHAIRS
from iswg_portal.core.security_headers import SecurityHeadersMiddleware, content_security_policy
from tests.factories import UserFactory


def directives(response):
    """The response's CSP as {directive: [sources]}."""
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.fixture
def co_chair_client(client, home_page):
    client.force_login(UserFactory(role=CO_CHAIRS))
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/", "/ar/", "/en/accounts/login/", "/en/accounts/request-access/", "/healthz"]
)
def test_public_and_account_pages_forbid_inline_script(client, home_page, url):
    csp = directives(client.get(url))
    assert csp["script-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(sum(csp.values(), []))


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/en/", "/en/accounts/login/", "/admin/", "/sw.js"])
def test_companion_headers_are_on_every_response(co_chair_client, url):
    response = co_chair_client.get(url)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    assert "geolocation=(self)" in permissions
    for feature in ["camera=()", "microphone=()", "payment=()", "usb=()"]:
        assert feature in permissions
    assert "Content-Security-Policy" in response.headers


@pytest.mark.django_db
def test_signed_in_account_pages_forbid_inline_script(co_chair_client):
    csp = directives(co_chair_client.get("/en/accounts/profile/"))
    assert csp["script-src"] == ["'self'"]


@pytest.mark.django_db
def test_map_tiles_may_load_from_the_tile_host_only(client, home_page):
    csp = directives(client.get("/en/"))
    assert csp["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]


def test_tile_host_follows_the_setting(settings):
    settings.MAP_TILE_URL = "https://tiles.iswg.example/{z}/{x}/{y}.png"
    assert "img-src 'self' data: https://tiles.iswg.example;" in content_security_policy()


def test_tiles_served_by_the_site_add_no_host(settings):
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    assert "img-src 'self' data:;" in content_security_policy()


@pytest.mark.django_db
def test_the_admin_alone_allows_wagtails_inline_scripts(co_chair_client):
    csp = directives(co_chair_client.get("/admin/"))
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_error_pages_carry_the_policy_too(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/css/portal.css", "text/css; charset=utf-8"),
        ("/static/js/offline-copies.js", 'text/javascript; charset="utf-8"'),
    ],
)
def test_stylesheets_and_scripts_carry_only_the_headers_that_rule_them(rf, path, content_type):
    """Content-Security-Policy and Permissions-Policy rule documents and workers, not the files
    they load: left off the stylesheet and scripts, a first visit is 3 KB lighter."""
    served = SecurityHeadersMiddleware(lambda request: HttpResponse(content_type=content_type))
    response = served(rf.get(path))
    assert "Content-Security-Policy" not in response.headers
    assert "Permissions-Policy" not in response.headers


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/static/img/favicon.svg", "image/svg+xml"),
        ("/sw.js", "text/javascript; charset=utf-8"),
        ("/static/css/portal.css", "text/html; charset=utf-8"),
    ],
)
def test_documents_and_workers_keep_their_policies(rf, path, content_type):
    served = SecurityHeadersMiddleware(lambda request: HttpResponse(content_type=content_type))
    response = served(rf.get(path))
    assert "Content-Security-Policy" in response.headers
    assert "Permissions-Policy" in response.headers
