"""The nginx configuration the README documents (docs/nginx/iswg-portal.conf), run in front of
the live server: it keeps anonymous pages, never a signed-in visitor's, and a publication
refreshes what it changed through Wagtail's frontend_cache."""

import gzip
import http.client

import pytest
from django.test import Client

from bench.nginx_front import start_nginx
from iswg_portal.accounts.roles import MEMBERS
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.deployment


@pytest.fixture
def nginx(live_server, tmp_path):
    """nginx with the documented configuration in front of the live server; its address."""
    upstream = live_server.url.removeprefix("http://").replace("localhost", "127.0.0.1")
    try:
        process, port = start_nginx(tmp_path, upstream)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield port
    process.terminate()
    process.wait(timeout=10)


def get(port, path, **headers):
    """GET through nginx; (status, headers, body as text, uncompressed)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return response.status, response.headers, body.decode()
    finally:
        connection.close()


@pytest.fixture
def service(live_server):
    from tests.conftest import shared_pages

    shared_pages()
    return build.service(build.agency(build.directory_page()), "Legal counselling")


def test_second_anonymous_visit_is_answered_by_nginx(nginx, service):
    first = get(nginx, service.get_url())
    second = get(nginx, service.get_url())
    assert first[0] == second[0] == 200
    assert first[1]["X-Cache-Status"] == "MISS"
    assert second[1]["X-Cache-Status"] == "HIT"
    assert second[2] == first[2]


def test_nginx_compresses_the_kept_page_for_those_who_accept_it(nginx, service):
    get(nginx, "/en/")
    status, headers, body = get(nginx, "/en/", **{"Accept-Encoding": "gzip"})
    assert (status, headers["X-Cache-Status"], headers["Content-Encoding"]) == (200, "HIT", "gzip")
    assert "</html>" in body


def test_signed_in_member_is_never_answered_from_nginx(nginx, service):
    get(nginx, service.get_url())
    assert get(nginx, service.get_url())[1]["X-Cache-Status"] == "HIT"
    member = Client()
    member.force_login(UserFactory(role=MEMBERS))
    cookie = f"sessionid={member.cookies['sessionid'].value}"
    for _ in range(2):
        status, headers, body = get(nginx, service.get_url(), Cookie=cookie)
        assert status == 200
        assert headers["X-Cache-Status"] == "BYPASS"
        assert "no-store" in headers["Cache-Control"]
        assert "Your account" in body
    assert "Your account" not in get(nginx, service.get_url())[2]


def test_a_publication_is_visible_through_nginx_after_its_purge(nginx, service, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{nginx}",
        }
    }
    get(nginx, service.get_url())
    get(nginx, "/en/services/")
    assert get(nginx, service.get_url())[1]["X-Cache-Status"] == "HIT"
    service.title = "Legal counselling for families"
    service.save_revision().publish()
    status, headers, body = get(nginx, service.get_url())
    assert status == 200
    assert headers["X-Cache-Status"] == "HIT"
    assert "Legal counselling for families" in body
    # The directory lists the service: it was refreshed with it.
    status, headers, body = get(nginx, "/en/services/")
    assert (status, headers["X-Cache-Status"]) == (200, "HIT")
    assert "Legal counselling for families" in body
