"""The action point tracker: members only, filters, CSV download and status changes."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from iswg_portal.core.locales import site_home_page
from meetings.models import ActionPoint
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_group, make_meeting

pytestmark = pytest.mark.django_db

TRACKER = "/en/meetings/action-points/"
CSV_URL = "/en/meetings/action-points/export.csv"


@pytest.fixture(scope="module")
def points_for_module(plenary):
    """Three action points in two groups: one overdue, one due later, one done; built once for
    the module (see plenary in conftest.py)."""
    group, agencies = plenary["group"], plenary["agencies"]
    health = make_group(site_home_page(), title="Health working group", slug="health")
    today = timezone.localdate()
    make_meeting(
        group,
        start=istanbul(2030, 1, 8),
        agenda=[
            {
                "title": "Protection",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Overdue ASAM task",
                        "responsible_agency": agencies["asam"],
                        "due_date": today - timedelta(days=3),
                    },
                    {
                        "kind": "action_point",
                        "text": "Later IOM task",
                        "responsible_agency": agencies["iom"],
                        "due_date": today + timedelta(days=30),
                    },
                ],
            }
        ],
    )
    make_meeting(
        health,
        start=istanbul(2030, 1, 9),
        agenda=[
            {
                "title": "Health",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": '=HYPERLINK("http://evil") health task',
                        "responsible_agency": agencies["asam"],
                        "due_date": today - timedelta(days=1),
                    },
                ],
            }
        ],
    )
    done = ActionPoint.objects.get(text__contains="health task")
    done.set_status(ActionPoint.Status.DONE)
    return {"health": health}


@pytest.fixture
def points(points_for_module, db):
    return read_again(points_for_module)


def listed(client, query=""):
    html = client.get(TRACKER + query).content.decode()
    return [text for text in ("Overdue ASAM task", "Later IOM task", "health task") if text in html]


def test_visitor_is_sent_to_sign_in(client, home_page):
    response = client.get(TRACKER)
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_signed_in_account_without_a_role_is_refused(client, home_page):
    client.force_login(UserFactory())
    assert client.get(TRACKER).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_member_sees_open_action_points_by_default(client, member, points):
    client.force_login(member)
    assert listed(client) == ["Overdue ASAM task", "Later IOM task"]


def test_filter_by_status_done(client, member, points):
    client.force_login(member)
    assert listed(client, "?status=done") == ["health task"]


def test_filter_by_group(client, member, points):
    client.force_login(member)
    assert listed(client, "?status=all&group=health") == ["health task"]


def test_filter_by_agency(client, member, points, agencies):
    client.force_login(member)
    assert listed(client, f"?agency={agencies['iom'].pk}") == ["Later IOM task"]


def test_filter_overdue(client, member, points):
    client.force_login(member)
    assert listed(client, "?overdue=on") == ["Overdue ASAM task"]


@pytest.mark.parametrize(
    "query",
    ["?agency=not-a-number", "?status=<script>", "?group=%00", "?agency=99999999", "?overdue=x&y"],
)
def test_hostile_filters_give_a_message_not_an_error(client, member, points, query):
    client.force_login(member)
    response = client.get(TRACKER + query)
    assert response.status_code == 200
    assert CSV_URL in response.content.decode()


def test_invalid_filter_is_reported_and_not_applied(client, member, points):
    client.force_login(member)
    html = client.get(TRACKER + "?agency=not-a-number").content.decode()
    assert "Some filters were not understood" in html
    assert "Later IOM task" in html and "Overdue ASAM task" in html


def test_csv_has_the_filtered_rows_with_a_header(client, member, points):
    client.force_login(member)
    response = client.get(CSV_URL + "?overdue=on")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Group", "Action", "Responsible agency"]
    assert [row[1] for row in rows[1:]] == ["Overdue ASAM task"]
    assert rows[1][5] == "yes"


def test_csv_neutralises_spreadsheet_formulas(client, member, points):
    client.force_login(member)
    rows = list(
        csv.reader(io.StringIO(client.get(CSV_URL + "?status=done").content.decode("utf-8-sig")))
    )
    assert rows[1][1].startswith("'=HYPERLINK")


def test_co_chair_marks_an_action_point_done_and_it_is_recorded(client, co_chair, points):
    point = ActionPoint.objects.get(text="Later IOM task")
    client.force_login(co_chair)
    response = client.post(f"{TRACKER}{point.pk}/status/", {"status": "done", "next": TRACKER})
    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.status_changed_by) == ("done", co_chair)
    assert point.status_changed_at is not None


def test_member_cannot_change_a_status(client, member, points):
    point = ActionPoint.objects.get(text="Later IOM task")
    client.force_login(member)
    assert client.post(f"{TRACKER}{point.pk}/status/", {"status": "done"}).status_code == 403
    point.refresh_from_db()
    assert point.status == "open"


def test_bad_status_changes_nothing(client, co_chair, points):
    point = ActionPoint.objects.get(text="Later IOM task")
    client.force_login(co_chair)
    response = client.post(f"{TRACKER}{point.pk}/status/", {"status": "finished"}, follow=True)
    assert "Choose open, done or dropped." in response.content.decode()
    point.refresh_from_db()
    assert point.status == "open"


def test_status_change_does_not_redirect_to_another_site(client, co_chair, points):
    point = ActionPoint.objects.get(text="Later IOM task")
    client.force_login(co_chair)
    response = client.post(
        f"{TRACKER}{point.pk}/status/", {"status": "done", "next": "https://evil.example/"}
    )
    assert response.url == TRACKER


def test_tracker_query_count_does_not_grow_with_the_list(
    client, member, points, group, agencies, django_assert_max_num_queries
):
    client.force_login(member)
    client.get(TRACKER)
    make_meeting(
        group,
        start=istanbul(2030, 2, 12),
        agenda=[
            {
                "title": "More",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": f"Extra task {n}",
                        "responsible_agency": agencies["iom"],
                        "due_date": date(2031, 1, n + 1),
                    }
                    for n in range(10)
                ],
            }
        ],
    )
    with django_assert_max_num_queries(20):
        client.get(TRACKER)


def test_status_filter_shows_open_when_none_is_chosen(client, member, points):
    client.force_login(member)
    html = client.get(TRACKER).content.decode()
    assert '<option value="open" selected>' in html
