"""Responses for one person stay out of every cache; public pages travel compressed."""

import gzip

import pytest

from iswg_portal.accounts.roles import CO_CHAIRS, MEMBERS
from iswg_portal.core.middleware import is_private_request
from services_map.public.serving import set_service_cache_policy
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def cache_control(response):
    """The response's Cache-Control directives, without their values."""
    return {
        part.split("=", 1)[0].strip()
        for part in response.get("Cache-Control", "").split(",")
        if part.strip()
    }


@pytest.fixture
def service(home_page):
    directory = build.directory_page()
    return build.service(build.agency(directory), "Legal counselling")


def test_public_service_page_may_be_kept(client, service):
    response = client.get(service.get_url())
    assert response.status_code == 200
    assert not cache_control(response) & {"private", "no-store"}


def test_public_service_page_is_sent_compressed(client, service):
    response = client.get(service.get_url(), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Legal counselling" in gzip.decompress(response.content)


def test_home_page_is_sent_compressed(client, home_page):
    response = client.get("/ar/", headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize("role", [MEMBERS, CO_CHAIRS])
def test_signed_in_visitor_gets_private_no_store_pages(client, service, role):
    client.force_login(UserFactory(role=role))
    for url in [service.get_url(), "/en/", "/en/services/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store"} <= cache_control(response), url


def test_signed_in_visitor_gets_pages_uncompressed(client, service):
    client.force_login(UserFactory(role=MEMBERS))
    response = client.get(service.get_url(), headers={"accept-encoding": "gzip"})
    assert "Content-Encoding" not in response
    assert b"Legal counselling" in response.content


def test_admin_is_private(client, home_page):
    client.force_login(UserFactory(role=CO_CHAIRS))
    response = client.get("/admin/", headers={"accept-encoding": "gzip"})
    assert {"private", "no-store"} <= cache_control(response)
    assert "Content-Encoding" not in response


def test_sign_in_page_is_neither_kept_nor_compressed(client, home_page):
    response = client.get("/en/accounts/login/", headers={"accept-encoding": "gzip"})
    assert {"private", "no-store"} <= cache_control(response)
    assert "Content-Encoding" not in response


def test_internal_service_is_marked_private_whoever_asks(rf, home_page):
    directory = build.directory_page()
    internal = build.service(build.agency(directory), "Referral line", is_internal=True)
    public = build.service(build.agency(directory), "Legal counselling")
    internal_request, public_request = rf.get("/"), rf.get("/")
    set_service_cache_policy(internal, internal_request, (), {})
    set_service_cache_policy(public, public_request, (), {})
    assert is_private_request(internal_request)
    assert not is_private_request(public_request)
