"""Every route that goes on to a `next` address sends people only back into the portal: never to
another site, whether named in full or as //host, and from an https page never down to http."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from iswg_portal.accounts.roles import CO_CHAIRS
from meetings.models import ActionPoint
from tests.factories import UserFactory
from tests.factories import services_map as build
from tests.factories.meetings import make_group, make_meeting, meetings_index

pytestmark = pytest.mark.django_db

OFF_SITE = ["https://evil.example/", "//evil.example/", "/\\evil.example/"]
SAME_SITE = "/en/groups/"


@pytest.fixture
def co_chair(client, home_page):
    user = UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS, is_superuser=False)
    client.force_login(user)
    return user


@pytest.fixture
def action_point(home_page):
    meetings_index(home_page)
    group = make_group(home_page, title="Protection Working Group", slug="protection")
    make_meeting(
        group,
        agenda=[
            {
                "title": "Follow-up",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Share the referral list",
                        "due_date": timezone.localdate() + timedelta(days=30),
                    }
                ],
            }
        ],
    )
    return ActionPoint.objects.get()


@pytest.fixture
def listing(home_page):
    agency = build.agency(build.directory_page(), title="Support to Life", acronym="STL")
    return build.service(agency, "Hygiene kits for families")


def admin_sign_in(client, next_url, secure):
    """Wagtail's admin login, sent on to allauth's sign-in with `next`."""
    return client.get("/admin/login/", {"next": next_url}, secure=secure)


def front_end_sign_in(client, next_url, secure):
    """Wagtail's front-end login for private pages and documents."""
    return client.get("/en/_util/login/", {"next": next_url}, secure=secure)


def action_point_status(client, next_url, secure, action_point):
    """The tracker's open/done/dropped buttons."""
    url = f"/en/meetings/action-points/{action_point.pk}/status/"
    return client.post(url, {"status": "done", "next": next_url}, secure=secure)


def confirm_listing(client, next_url, secure, listing):
    """The admin's "Confirm still correct" button."""
    url = reverse("services_map_confirm_listing", args=[listing.pk])
    return client.post(url, {"next": next_url}, secure=secure)


@pytest.fixture(params=["admin sign-in", "front-end sign-in", "action point", "confirm listing"])
def follow_next(request, client):
    """Ask one of the four routes to go on to `next_url`; return where it redirects."""
    if request.param == "admin sign-in":
        route = admin_sign_in
    elif request.param == "front-end sign-in":
        route = front_end_sign_in
    elif request.param == "action point":
        request.getfixturevalue("co_chair")
        point = request.getfixturevalue("action_point")

        def route(client, next_url, secure):
            return action_point_status(client, next_url, secure, point)
    else:
        request.getfixturevalue("co_chair")
        page = request.getfixturevalue("listing")

        def route(client, next_url, secure):
            return confirm_listing(client, next_url, secure, page)

    def follow(next_url, secure=False):
        response = route(client, next_url, secure)
        assert response.status_code == 302
        return response["Location"]

    return follow


def test_a_same_site_next_is_followed(follow_next):
    assert "groups" in follow_next(SAME_SITE)


@pytest.mark.parametrize("next_url", OFF_SITE)
def test_an_off_site_next_is_refused(follow_next, next_url):
    assert "evil.example" not in follow_next(next_url)


def test_an_https_page_never_sends_on_to_plain_http(follow_next):
    location = follow_next("http://testserver/en/meetings/", secure=True)
    assert "http://testserver" not in location
    assert "http%3A%2F%2Ftestserver" not in location
