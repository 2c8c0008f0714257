"""Action points: raised by minutes, followed up at each later meeting until closed."""

from datetime import UTC, date, datetime
from unittest import mock

import pytest

from meetings.models import ActionPoint, MeetingPage
from tests.factories.meetings import istanbul, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db


def minutes_with_action_points(agencies):
    return [
        {
            "title": "Referral pathways",
            "discussion": "Partners reported gaps in Buca.",
            "outcomes": [
                {"kind": "decision", "text": "Update the referral pathway for Buca."},
                {
                    "kind": "action_point",
                    "text": "Share the updated Buca referral pathway",
                    "responsible_agency": agencies["asam"],
                    "due_date": date(2031, 2, 1),
                },
                {
                    "kind": "action_point",
                    "text": "Map legal aid providers in Konak",
                    "responsible_agency": agencies["iom"],
                    "due_date": date(2031, 2, 10),
                },
            ],
        }
    ]


def test_publishing_minutes_makes_each_action_point_a_record(group, agencies):
    meeting = make_meeting(group, agenda=minutes_with_action_points(agencies))
    points = ActionPoint.objects.order_by("text")
    assert [(p.text, p.responsible_agency, p.status) for p in points] == [
        ("Map legal aid providers in Konak", agencies["iom"], "open"),
        ("Share the updated Buca referral pathway", agencies["asam"], "open"),
    ]
    assert {p.raised_at_id for p in points} == {meeting.pk}


def test_republished_minutes_neither_add_nor_overwrite_an_action_point(group, agencies):
    meeting = make_meeting(group, agenda=minutes_with_action_points(agencies))
    block = meeting.agenda[0]
    block.value["outcomes"][1]["text"] = "Share the updated Buca referral pathway in Turkish"
    publish(meeting)
    assert ActionPoint.objects.count() == 2
    assert not ActionPoint.objects.filter(text__endswith="in Turkish").exists()


def test_next_meeting_page_lists_open_action_points_as_follow_up(client, group, agencies):
    make_meeting(group, start=istanbul(2031, 1, 8), agenda=minutes_with_action_points(agencies))
    following = make_meeting(group, start=istanbul(2031, 2, 12))
    html = client.get(following.url).content.decode()
    section = html[html.index('id="follow-up-heading"') :]
    assert "Share the updated Buca referral pathway" in section
    assert "Map legal aid providers in Konak" in section


def test_action_points_stay_in_follow_up_from_meeting_to_meeting(client, group, agencies):
    make_meeting(group, start=istanbul(2031, 1, 8), agenda=minutes_with_action_points(agencies))
    make_meeting(group, start=istanbul(2031, 2, 12))
    third = make_meeting(group, start=istanbul(2031, 3, 12))
    html = client.get(third.url).content.decode()
    assert "Map legal aid providers in Konak" in html[html.index('id="follow-up-heading"') :]


def test_meeting_page_does_not_list_its_own_action_points_as_follow_up(client, group, agencies):
    meeting = make_meeting(group, agenda=minutes_with_action_points(agencies))
    html = client.get(meeting.url).content.decode()
    follow_up = html[html.index('id="follow-up-heading"') :]
    assert "Share the updated Buca referral pathway" not in follow_up
    assert "No open action points from earlier meetings." in follow_up


def test_matter_arising_marked_done_closes_the_action_point_at_that_meeting(
    client, group, agencies, co_chair
):
    make_meeting(group, start=istanbul(2031, 1, 8), agenda=minutes_with_action_points(agencies))
    point = ActionPoint.objects.get(text__startswith="Share")
    closing = make_meeting(
        group,
        start=istanbul(2031, 2, 12),
        agenda=[
            {
                "kind": "matters_arising",
                "title": "Buca pathway",
                "action_point": point,
                "follow_up": "done",
                "discussion": "ASAM shared it.",
            }
        ],
        user=co_chair,
    )
    point.refresh_from_db()
    assert point.status == ActionPoint.Status.DONE
    assert point.closed_at.pk == closing.pk
    assert point.status_changed_by == co_chair
    assert point.status_changed_at is not None


def test_closed_action_point_leaves_the_follow_up_of_later_meetings(client, group, agencies):
    make_meeting(group, start=istanbul(2031, 1, 8), agenda=minutes_with_action_points(agencies))
    point = ActionPoint.objects.get(text__startswith="Share")
    make_meeting(
        group,
        start=istanbul(2031, 2, 12),
        agenda=[
            {
                "kind": "matters_arising",
                "title": "Buca",
                "action_point": point,
                "follow_up": "dropped",
            }
        ],
    )
    later = make_meeting(group, start=istanbul(2031, 3, 12))
    follow_up = client.get(later.url).content.decode()
    follow_up = follow_up[follow_up.index('id="follow-up-heading"') :]
    assert "Share the updated Buca referral pathway" not in follow_up
    assert "Map legal aid providers in Konak" in follow_up


def test_action_point_taken_out_of_the_minutes_is_no_longer_tracked(group, agencies):
    meeting = make_meeting(group, agenda=minutes_with_action_points(agencies))
    items = minutes_with_action_points(agencies)
    items[0]["outcomes"] = items[0]["outcomes"][:2]
    set_agenda(meeting, items)
    publish(meeting)
    assert list(ActionPoint.objects.values_list("text", flat=True)) == [
        "Share the updated Buca referral pathway"
    ]


def test_group_page_lists_open_action_points(client, group, agencies):
    make_meeting(group, agenda=minutes_with_action_points(agencies))
    html = client.get(group.url).content.decode()
    section = html[html.index('id="open-points-heading"') : html.index('id="past-heading"')]
    assert "Map legal aid providers in Konak" in section


def test_action_point_is_overdue_once_its_due_date_has_passed_in_izmir(client, group, agencies):
    """At 01:30 on 2 February in İzmir it is still 1 February in UTC; a point due on
    1 February is overdue all the same, on the group page and the next meeting's page."""
    make_meeting(group, start=istanbul(2031, 1, 8), agenda=minutes_with_action_points(agencies))
    following = make_meeting(group, start=istanbul(2031, 2, 12))
    after_midnight_in_izmir = datetime(2031, 2, 1, 22, 30, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=after_midnight_in_izmir):
        for page in (group, following):
            html = client.get(page.url).content.decode()
            overdue = html[html.index("Share the updated Buca") :].split("</li>")[0]
            assert "Overdue" in overdue
            assert (
                "Overdue"
                not in html[html.index("Map legal aid providers in Konak") :].split("</li>")[0]
            )


def test_unpublished_meeting_raises_no_action_points(group, agencies):
    make_meeting(group, agenda=minutes_with_action_points(agencies), publish_now=False)
    assert not ActionPoint.objects.exists()
    assert MeetingPage.objects.get().live is False


def test_action_points_are_marked_in_the_language_of_the_minutes_they_come_from(
    client, group, agencies
):
    """Points raised in English minutes read left to right in English on the Arabic pages,
    with the meeting that raised them; on the English pages nothing is marked."""
    make_meeting(
        group,
        title="ISWG, January",
        start=istanbul(2031, 1, 8),
        agenda=minutes_with_action_points(agencies),
    )
    following = make_meeting(group, start=istanbul(2031, 2, 12))
    for page in (group, following):
        arabic = client.get(page.url.replace("/en/", "/ar/", 1)).content.decode()
        assert (
            '<p class="action-point__text" lang="en" dir="ltr">Map legal aid providers in Konak'
            in arabic
        )
        assert 'lang="en" dir="ltr">ISWG, January</a>' in arabic
        english = client.get(page.url).content.decode()
        assert '<p class="action-point__text">Map legal aid providers in Konak' in english
        assert '">ISWG, January</a>' in english
