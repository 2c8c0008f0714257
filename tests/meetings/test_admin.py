"""The meetings in the Wagtail admin, as a co-chair uses it."""

import pytest

from meetings.models import ActionPoint
from tests.factories.meetings import make_meeting

pytestmark = pytest.mark.django_db


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
                        "text": "Share the list",
                        "responsible_agency": agencies["iom"],
                    }
                ],
            }
        ],
    )


def test_co_chair_opens_the_meeting_editor(client, co_chair, meeting):
    client.force_login(co_chair)
    response = client.get(f"/admin/pages/{meeting.pk}/edit/")
    assert response.status_code == 200
    assert "Create the next meeting" in response.content.decode()


def test_co_chair_opens_the_group_editor(client, co_chair, group):
    client.force_login(co_chair)
    assert client.get(f"/admin/pages/{group.pk}/edit/").status_code == 200


def test_co_chair_can_add_a_meeting_under_a_group(client, co_chair, group):
    client.force_login(co_chair)
    response = client.get(f"/admin/pages/add/meetings/meetingpage/{group.pk}/")
    assert response.status_code == 200


def test_action_points_are_listed_in_the_admin(client, meeting):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/snippets/meetings/actionpoint/")
    assert response.status_code == 200
    assert "Share the list" in response.content.decode()


def test_status_changed_in_the_admin_records_who_and_when(client, meeting):
    from tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    point = ActionPoint.objects.get()
    client.force_login(admin)
    response = client.post(
        f"/admin/snippets/meetings/actionpoint/edit/{point.pk}/",
        {
            "text": point.text,
            "responsible_agency": point.responsible_agency_id,
            "due_date": "",
            "status": "dropped",
            "group": point.group_id,
            "raised_at": point.raised_at_id,
            "closed_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    point.refresh_from_db()
    assert (point.status, point.status_changed_by) == ("dropped", admin)
    assert point.status_changed_at is not None
