"""The service page's "report a problem" form works without a CSRF cookie, so the page can be
cached whole, and a post from another site is still refused with nothing stored."""

import pytest

from iswg_portal.core.cross_site import public_form_token
from services_map.models import ProblemReport
from services_map.public.reports import form_purpose
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(home_page):
    return build.service(build.agency(build.directory_page()), "Legal counselling")


def report(service, **fields):
    payload = {
        "kind": "wrong_phone",
        "details": "Nobody answers.",
        "contact": "",
        "website": "",
        "form_token": public_form_token(form_purpose(service)),
    }
    payload.update(fields)
    return payload


def post(client, service, payload, **headers):
    return client.post(
        f"/en/services/report/{service.pk}/", payload, headers=headers, REMOTE_ADDR="203.0.113.7"
    )


def test_form_on_the_cached_page_is_sent_from_the_same_site(client, service):
    page = client.get(service.get_url())
    token = page.content.decode().split('name="form_token" value="', 1)[1].split('"', 1)[0]
    response = post(
        client,
        service,
        report(service, form_token=token),
        origin="http://testserver",
        sec_fetch_site="same-origin",
    )
    assert response.status_code == 302
    assert ProblemReport.objects.count() == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://evil.example"},
        {"sec_fetch_site": "cross-site", "origin": "https://evil.example"},
        {"sec_fetch_site": "same-site", "origin": "https://reports.testserver"},
        {"origin": "null"},
        {"referer": "https://evil.example/form.html"},
    ],
)
def test_a_post_from_another_site_is_refused(client, service, headers):
    response = post(client, service, report(service), **headers)
    assert response.status_code == 403
    assert not ProblemReport.objects.exists()


def test_a_post_without_the_sites_token_is_not_stored(client, service):
    response = post(
        client, service, report(service, form_token="forged"), origin="http://testserver"
    )
    assert response.status_code == 400
    assert "open too long" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_token_for_another_service_is_not_taken(client, service):
    other = build.service(service.get_parent().specific, "Health desk")
    response = post(
        client, service, report(other), origin="http://testserver", sec_fetch_site="same-origin"
    )
    assert response.status_code == 400
    assert not ProblemReport.objects.exists()


def test_the_refused_form_comes_back_with_a_fresh_token_and_no_cookie(client, service):
    response = post(client, service, report(service, form_token=""), origin="http://testserver")
    assert f'value="{public_form_token(form_purpose(service))}"' in response.content.decode()
    assert "csrftoken" not in response.cookies
