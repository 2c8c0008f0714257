"""Matters arising keep the visibility of the minutes that raised them."""

import pytest

from meetings.models import ActionPoint, MeetingPage
from meetings.scheduling import create_next_meeting
from tests.factories.meetings import istanbul, make_meeting, publish

pytestmark = pytest.mark.django_db

SECRET = "Follow up the shelter placement of the high-risk case in Konak"


@pytest.fixture
def secret_point(group, agencies):
    """An open action point raised in members-only minutes."""
    meeting = make_meeting(
        group,
        title="Case conference",
        start=istanbul(2031, 2, 12),
        visibility=MeetingPage.Visibility.MEMBERS,
        agenda=[
            {
                "title": "Cases",
                "outcomes": [
                    {"kind": "action_point", "text": SECRET, "responsible_agency": agencies["asam"]}
                ],
            }
        ],
    )
    return ActionPoint.objects.get(raised_at=meeting)


def previous_meeting(group, visibility):
    return make_meeting(
        group,
        title="March plenary",
        start=istanbul(2031, 3, 12),
        visibility=visibility,
        agenda=[
            {
                "title": "Updates",
                "outcomes": [{"kind": "action_point", "text": "Share the referral map"}],
            }
        ],
    )


def matters(meeting):
    return [item["title"] for item in meeting.items if item["kind"] == "matters_arising"]


def test_next_public_meeting_brings_back_no_action_point_of_members_only_minutes(
    group, secret_point, co_chair
):
    previous = previous_meeting(group, MeetingPage.Visibility.PUBLIC)
    following = MeetingPage.objects.get(pk=create_next_meeting(previous, co_chair)[0].pk)
    assert matters(following) == ["Matters arising: Share the referral map"]


def test_next_members_only_meeting_brings_back_every_open_action_point(
    group, secret_point, co_chair
):
    previous = previous_meeting(group, MeetingPage.Visibility.MEMBERS)
    following = MeetingPage.objects.get(pk=create_next_meeting(previous, co_chair)[0].pk)
    assert matters(following) == [
        f"Matters arising: {SECRET}",
        "Matters arising: Share the referral map",
    ]


@pytest.fixture
def public_meeting_naming_the_secret(group, secret_point):
    """A public meeting whose editor picked the members-only action point by hand."""
    meeting = make_meeting(
        group,
        title="April plenary",
        start=istanbul(2031, 4, 9),
        agenda=[
            {
                "kind": "matters_arising",
                "title": f"Matters arising: {SECRET}",
                "action_point": secret_point,
            },
            {"title": "Any other business"},
        ],
    )
    return publish(meeting)


def test_public_meeting_page_leaves_out_a_members_only_matter_arising(
    client, public_meeting_naming_the_secret
):
    html = client.get(public_meeting_naming_the_secret.url).content.decode()
    assert "Any other business" in html
    assert SECRET not in html


def test_member_reads_the_members_only_matter_arising(
    client, member, public_meeting_naming_the_secret
):
    client.force_login(member)
    html = client.get(public_meeting_naming_the_secret.url).content.decode()
    assert SECRET in html


def test_public_feed_leaves_out_a_members_only_matter_arising(
    client, public_meeting_naming_the_secret
):
    feed = client.get("/meetings/feed.ics").content.decode()
    assert "April plenary" in feed
    assert "Any other business" in feed
    assert "Konak" not in feed


def test_site_search_text_leaves_out_a_members_only_matter_arising(
    public_meeting_naming_the_secret,
):
    text = public_meeting_naming_the_secret.searchable_details()
    assert "Any other business" in text
    assert SECRET not in text
