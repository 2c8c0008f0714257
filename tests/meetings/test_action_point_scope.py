"""A group lead works on their own group's action points only, in the admin and on the tracker;
co-chairs work on every group's."""

from datetime import date

import pytest
from django.urls import reverse

from iswg_portal.accounts.roles import GROUP_LEADS
from iswg_portal.core.locales import site_home_page
from meetings.models import ActionPoint
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories.meetings import action_point_admin_form as admin_form
from tests.factories.meetings import istanbul, make_group, make_meeting

pytestmark = pytest.mark.django_db

ADMIN_LIST = "/admin/snippets/meetings/actionpoint/"
TRACKER = "/en/meetings/action-points/"


def edit_url(point):
    return f"{ADMIN_LIST}edit/{point.pk}/"


def minutes(text, agency):
    return [
        {
            "title": "Follow-up",
            "outcomes": [
                {
                    "kind": "action_point",
                    "text": text,
                    "responsible_agency": agency,
                    "due_date": date(2031, 3, 1),
                }
            ],
        }
    ]


@pytest.fixture(scope="module")
def two_groups(plenary):
    """The Health working group beside the ISWG plenary (see plenary in conftest.py), an open
    action point raised by the minutes of each group's meeting (ASAM's in the plenary, IOM's in
    Health) and the plenary's lead, who has no rights on Health; built once for the module."""
    group, agencies = plenary["group"], plenary["agencies"]
    health = make_group(site_home_page(), title="Health working group", slug="health")
    make_meeting(
        group, start=istanbul(2031, 1, 8), agenda=minutes("Map Buca shelters", agencies["asam"])
    )
    make_meeting(
        health, start=istanbul(2031, 1, 9), agenda=minutes("Vaccinate in Konak", agencies["iom"])
    )
    return {
        "health": health,
        "own_point": ActionPoint.objects.get(text="Map Buca shelters"),
        "other_point": ActionPoint.objects.get(text="Vaccinate in Konak"),
        "lead": UserFactory(email="lead@unhcr.example", role=GROUP_LEADS, organisation=group),
    }


@pytest.fixture
def health(two_groups, db):
    """The Health working group, read anew for the test."""
    return read_again(two_groups["health"])


@pytest.fixture
def own_point(two_groups, db):
    """The plenary's action point for ASAM, read anew for the test."""
    return read_again(two_groups["own_point"])


@pytest.fixture
def other_point(two_groups, db):
    """Health's action point for IOM, read anew for the test."""
    return read_again(two_groups["other_point"])


@pytest.fixture
def lead(two_groups, db):
    """The lead of the ISWG group (the `group` fixture), with no rights on Health."""
    return read_again(two_groups["lead"])


@pytest.fixture
def lead_client(client, lead):
    client.force_login(lead)
    return client


# The admin


def test_group_lead_lists_only_their_own_groups_action_points(lead_client, own_point, other_point):
    html = lead_client.get(ADMIN_LIST).content.decode()
    assert "Map Buca shelters" in html
    assert "Vaccinate in Konak" not in html


def test_co_chair_lists_every_groups_action_points(client, co_chair, own_point, other_point):
    client.force_login(co_chair)
    html = client.get(ADMIN_LIST).content.decode()
    assert "Map Buca shelters" in html and "Vaccinate in Konak" in html


def turned_away(response):
    """Wagtail answers a denied admin page with its dashboard and a message, not the page."""
    html = response.content.decode()
    return (
        response.redirect_chain == [("/admin/", 302)]
        and "Sorry, you do not have permission to access this area." in html
        and "Vaccinate in Konak" not in html
    )


def test_group_lead_cannot_open_another_groups_action_point(lead_client, other_point):
    assert turned_away(lead_client.get(edit_url(other_point), follow=True))


def test_group_lead_cannot_close_another_groups_action_point_in_the_admin(lead_client, other_point):
    response = lead_client.post(
        edit_url(other_point), admin_form(other_point, status="done"), follow=True
    )
    assert turned_away(response)
    other_point.refresh_from_db()
    assert other_point.status == ActionPoint.Status.OPEN


@pytest.mark.parametrize("view", ["history", "usage", "delete"])
def test_group_lead_cannot_open_another_groups_action_point_elsewhere(
    lead_client, other_point, view
):
    url = f"{ADMIN_LIST}{view}/{other_point.pk}/"
    assert turned_away(lead_client.get(url, follow=True))


def test_group_lead_closes_their_own_action_point_in_the_admin(lead_client, lead, own_point):
    response = lead_client.post(edit_url(own_point), admin_form(own_point, status="done"))
    assert response.status_code == 302
    own_point.refresh_from_db()
    assert (own_point.status, own_point.status_changed_by) == ("done", lead)


def test_group_lead_cannot_move_their_action_point_into_another_group(
    lead_client, own_point, health
):
    response = lead_client.post(edit_url(own_point), admin_form(own_point, group=health.pk))
    assert response.status_code == 200
    assert "Choose a group you lead." in response.content.decode()
    own_point.refresh_from_db()
    assert own_point.group_id != health.pk


def test_group_lead_cannot_add_an_action_point_to_another_group(lead_client, other_point):
    form = admin_form(other_point, text="Planted in Health")
    response = lead_client.post(f"{ADMIN_LIST}add/", form)
    assert response.status_code == 200
    assert not ActionPoint.objects.filter(text="Planted in Health").exists()


def test_group_lead_cannot_hang_an_action_point_on_another_groups_meeting(
    lead_client, own_point, other_point
):
    response = lead_client.post(
        edit_url(own_point), admin_form(own_point, raised_at=other_point.raised_at_id)
    )
    assert "Choose a meeting of this action point" in response.content.decode()
    own_point.refresh_from_db()
    assert own_point.raised_at_id != other_point.raised_at_id


def test_bulk_delete_leaves_another_groups_action_point(lead_client, other_point):
    url = reverse("wagtail_bulk_action", args=("meetings", "actionpoint", "delete"))
    lead_client.post(f"{url}?id={other_point.pk}", {})
    assert ActionPoint.objects.filter(pk=other_point.pk).exists()


def test_group_leads_minutes_do_not_close_another_groups_action_point(lead, group, other_point):
    make_meeting(
        group,
        start=istanbul(2031, 2, 12),
        agenda=[
            {
                "kind": "matters_arising",
                "title": "Konak vaccination",
                "action_point": other_point,
                "follow_up": "done",
            }
        ],
        user=lead,
    )
    other_point.refresh_from_db()
    assert other_point.status == ActionPoint.Status.OPEN


# The tracker


def status_url(point):
    return f"{TRACKER}{point.pk}/status/"


def test_group_lead_cannot_close_another_groups_action_point_on_the_tracker(
    lead_client, other_point
):
    response = lead_client.post(status_url(other_point), {"status": "done"})
    assert response.status_code == 403
    other_point.refresh_from_db()
    assert (other_point.status, other_point.status_changed_at) == ("open", None)


def test_group_lead_closes_their_own_action_point_on_the_tracker(lead_client, lead, own_point):
    response = lead_client.post(status_url(own_point), {"status": "done"})
    assert response.status_code == 302
    own_point.refresh_from_db()
    assert (own_point.status, own_point.status_changed_by) == ("done", lead)


def test_tracker_offers_status_controls_only_for_the_leads_own_group(
    lead_client, own_point, other_point
):
    html = lead_client.get(TRACKER).content.decode()
    assert "Vaccinate in Konak" in html
    assert status_url(own_point) in html
    assert status_url(other_point) not in html


def test_co_chair_closes_any_groups_action_point_on_the_tracker(client, co_chair, other_point):
    client.force_login(co_chair)
    assert status_url(other_point) in client.get(TRACKER).content.decode()
    client.post(status_url(other_point), {"status": "dropped"})
    other_point.refresh_from_db()
    assert other_point.status == ActionPoint.Status.DROPPED
