"""Ids too long for any database and malformed admin forms are answered 4xx, never 500; what
a co-chair types in the admin's search boxes finds things instead of failing."""

import pytest

from tests.factories.meetings import make_meeting

pytestmark = pytest.mark.django_db

LONG_ID = "9" * 26


@pytest.fixture
def meeting(group, agencies):
    return make_meeting(
        group,
        agenda=[
            {
                "title": "Updates",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Share the referral list",
                        "responsible_agency": agencies["iom"],
                    }
                ],
            }
        ],
    )


def test_a_meeting_calendar_file_with_a_too_long_id_is_not_found(client):
    assert client.get(f"/meetings/{LONG_ID}.ics").status_code == 404


def test_a_problem_report_about_a_too_long_service_id_is_not_found(client, home_page):
    response = client.post(f"/en/services/report/{LONG_ID}/", {"kind": "wrong_phone"})
    assert response.status_code == 404


def test_following_a_group_with_a_too_long_id_is_not_found(client, member):
    client.force_login(member)
    assert client.post(f"/en/meetings/groups/{LONG_ID}/follow/").status_code == 404


def test_the_tracker_ignores_an_agency_filter_with_a_too_long_id(client, member, group):
    client.force_login(member)
    response = client.get(f"/en/meetings/action-points/?agency={LONG_ID}")
    assert response.status_code == 200


def test_the_next_meeting_form_with_a_too_long_id_is_not_found(client, co_chair):
    client.force_login(co_chair)
    # No admin URL matches, so the language middleware tries /en/admin/..., which is not found.
    response = client.get(f"/admin/meetings/{LONG_ID}/next/", follow=True)
    assert response.status_code == 404


def test_copying_a_page_without_saying_where_is_a_bad_request(client, co_chair, meeting):
    client.force_login(co_chair)
    response = client.post(
        f"/admin/pages/{meeting.pk}/copy/", {"new_title": "Copy", "new_slug": "copy"}
    )
    assert response.status_code == 400


def test_copying_a_page_under_a_page_that_does_not_exist_is_a_bad_request(
    client, co_chair, meeting
):
    client.force_login(co_chair)
    data = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": LONG_ID}
    assert client.post(f"/admin/pages/{meeting.pk}/copy/", data).status_code == 400


def test_a_meeting_form_without_its_agenda_is_a_bad_request_and_changes_nothing(
    client, co_chair, meeting
):
    client.force_login(co_chair)
    response = client.post(f"/admin/pages/{meeting.pk}/edit/", {"title": "Hijacked"})
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.title != "Hijacked"


def test_searching_action_points_in_the_admin_finds_them(client, co_chair, meeting):
    client.force_login(co_chair)
    response = client.get("/admin/snippets/meetings/actionpoint/", {"q": "referral"})
    assert response.status_code == 200
    assert "Share the referral list" in response.content.decode()


def test_searching_provinces_in_the_admin_finds_them(client, co_chair, home_page):
    from tests.factories.services_map import province

    province("izmir")
    client.force_login(co_chair)
    response = client.get("/admin/snippets/services_map/province/", {"q": "izmir"})
    assert response.status_code == 200
    assert "İzmir" in response.content.decode()
