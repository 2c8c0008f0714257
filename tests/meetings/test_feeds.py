"""Calendar feeds of real meetings, read back as a calendar client reads them.

Feeds come over HTTP and are parsed with `icalendar` and expanded with `recurring-ical-events`,
never by looking at the writer's objects.
"""

from datetime import date, timedelta

import pytest
import recurring_ical_events
from icalendar import Calendar

from meetings.models import CalendarFeedToken, MeetingPage
from tests.factories.meetings import istanbul, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "اجتماع مجموعة الحماية"


def feed(client, url="/meetings/feed.ics"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return list(recurring_ical_events.of(calendar).between(date(2000, 1, 1), date(2100, 1, 1)))


def only_event(client, url="/meetings/feed.ics"):
    (event,) = events(feed(client, url))
    return event


def test_feed_lists_a_published_meeting_at_its_istanbul_time(client, group):
    make_meeting(group, start=istanbul(2031, 1, 8, 10), title="January plenary")
    event = only_event(client)
    assert str(event["SUMMARY"]) == "Inter-Sector Working Group: January plenary"
    assert event["DTSTART"].dt == istanbul(2031, 1, 8, 10)
    assert event["DTSTART"].params["TZID"] == "Europe/Istanbul"


def test_feed_carries_a_vtimezone_for_istanbul(client, group):
    make_meeting(group)
    timezones = feed(client).walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Istanbul"]


def test_uid_is_the_same_across_two_renders_and_an_edit(client, group):
    meeting = make_meeting(group)
    first = str(only_event(client)["UID"])
    second = str(only_event(client)["UID"])
    meeting.title = "Renamed meeting"
    meeting.slug = "renamed-meeting"
    publish(meeting)
    third = str(only_event(client)["UID"])
    assert first == second == third
    assert meeting.slug not in first


def test_moving_the_meeting_raises_the_sequence_and_keeps_the_uid(client, group):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8, 10))
    before = only_event(client)
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    publish(meeting)
    after = only_event(client)
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"].dt == istanbul(2031, 1, 8, 11)


def test_a_typo_fixed_in_the_minutes_does_not_raise_the_sequence(client, group):
    meeting = make_meeting(group, agenda=[{"title": "Updates", "discussion": "Agred."}])
    before = int(only_event(client)["SEQUENCE"])
    set_agenda(meeting, [{"title": "Updates", "discussion": "Agreed."}])
    publish(meeting)
    assert int(only_event(client)["SEQUENCE"]) == before


def test_publishing_an_older_revision_never_lowers_the_sequence(client, group):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8, 10))
    old_revision = meeting.latest_revision
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    publish(meeting)
    moved = int(only_event(client)["SEQUENCE"])
    old_revision.publish()
    assert int(only_event(client)["SEQUENCE"]) > moved


def test_cancelled_meeting_stays_in_the_feed_marked_cancelled(client, group):
    meeting = make_meeting(group)
    meeting.status = MeetingPage.Status.CANCELLED
    publish(meeting)
    event = only_event(client)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1


def test_postponed_meeting_is_tentative(client, group):
    make_meeting(group, status=MeetingPage.Status.POSTPONED)
    assert str(only_event(client)["STATUS"]) == "TENTATIVE"


def test_event_has_location_url_and_page_link_in_description(client, group):
    meeting = make_meeting(group, place="UNHCR İzmir, Alsancak")
    event = only_event(client)
    assert str(event["LOCATION"]) == "UNHCR İzmir, Alsancak"
    assert str(event["URL"]).endswith(meeting.url)
    assert str(event["DESCRIPTION"]).rstrip().endswith(meeting.url)
    assert "DTSTAMP" in event and "LAST-MODIFIED" in event


def test_calendar_is_published_with_name_and_refresh_interval(client, group):
    calendar = feed(client)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "ISWG meetings"
    assert "REFRESH-INTERVAL" in calendar


def test_empty_feed_is_a_valid_calendar(client, home_page):
    calendar = feed(client)
    assert str(calendar["VERSION"]) == "2.0"
    assert events(calendar) == []


def test_arabic_title_round_trips(client, group):
    make_meeting(group, title=ARABIC_TITLE)
    assert str(only_event(client)["SUMMARY"]).endswith(ARABIC_TITLE)


def test_group_feed_has_only_that_groups_meetings(client, home_page, group):
    from tests.factories.meetings import make_group

    other = make_group(home_page, title="Health working group", slug="health")
    make_meeting(group, title="Plenary")
    make_meeting(other, title="Health meeting")
    summaries = [str(e["SUMMARY"]) for e in events(feed(client, "/meetings/feed/health.ics"))]
    assert summaries == ["Health working group: Health meeting"]


def test_group_feed_of_an_unknown_group_is_not_found(client, home_page):
    assert client.get("/meetings/feed/no-such-group.ics").status_code == 404


def test_meeting_ics_is_the_same_event_as_in_the_feed(client, group):
    meeting = make_meeting(group)
    single = only_event(client, f"/meetings/{meeting.pk}.ics")
    assert single["UID"] == only_event(client)["UID"]


def test_meeting_ics_of_an_unknown_page_is_not_found(client, home_page):
    assert client.get("/meetings/999999.ics").status_code == 404


def test_public_feed_carries_no_email_address(client, group):
    make_meeting(group, agenda=[{"title": "Welcome"}])
    assert b"@unhcr.example" not in client.get("/meetings/feed.ics").content
    assert b"@asam.example" not in client.get("/meetings/feed/iswg.ics").content


def test_personal_feed_includes_members_only_meetings(client, group, member):
    make_meeting(group, title="Open meeting")
    make_meeting(group, title="Closed meeting", visibility=MeetingPage.Visibility.MEMBERS)
    token = CalendarFeedToken.objects.create(user=member)
    summaries = {
        str(e["SUMMARY"])
        for e in events(feed(client, f"/meetings/feed/personal/{token.token}.ics"))
    }
    assert summaries == {
        "Inter-Sector Working Group: Open meeting",
        "Inter-Sector Working Group: Closed meeting",
    }


def test_revoked_personal_feed_stops_working(client, group, member):
    client.force_login(member)
    client.post("/en/meetings/calendar-feed/", {"action": "create"})
    token = CalendarFeedToken.objects.get(user=member).token
    client.post("/en/meetings/calendar-feed/", {"action": "revoke"})
    assert client.get(f"/meetings/feed/personal/{token}.ics").status_code == 404


def test_personal_feed_with_a_guessed_token_is_not_found(client, group):
    assert client.get("/meetings/feed/personal/guess.ics").status_code == 404


def test_personal_feed_page_shows_the_address_to_its_owner(client, member, home_page):
    client.force_login(member)
    client.post("/en/meetings/calendar-feed/", {"action": "create"})
    token = CalendarFeedToken.objects.get(user=member).token
    html = client.get("/en/meetings/calendar-feed/").content.decode()
    assert f"/meetings/feed/personal/{token}.ics" in html


def test_personal_feed_page_refuses_a_hostile_action(client, member, home_page):
    client.force_login(member)
    response = client.post("/en/meetings/calendar-feed/", {"action": "<script>"}, follow=True)
    assert response.status_code == 200
    assert "nothing changed" in response.content.decode()
    assert not CalendarFeedToken.objects.filter(user=member).exists()


def test_group_with_a_turkish_slug_has_a_working_feed_link(client, home_page):
    from tests.factories.meetings import make_group

    group = make_group(home_page, title="Koruma Çalışma Grubu", slug="koruma-çalışma-grubu")
    make_meeting(group, title="Koruma toplantısı")
    html = client.get(group.url).content.decode()
    feed_url = html[html.index("/meetings/feed/") : html.index('.ics"') + 4]
    summaries = [str(e["SUMMARY"]) for e in events(feed(client, feed_url))]
    assert summaries == ["Koruma Çalışma Grubu: Koruma toplantısı"]


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/feed/%00.ics",
        "/meetings/feed/personal/%00.ics",
        "/meetings/feed/personal/" + "a" * 500 + ".ics",
        "/meetings/feed/" + "ş" * 300 + ".ics",
    ],
)
def test_hostile_feed_urls_are_not_found(client, home_page, url):
    assert client.get(url).status_code == 404


def test_feed_query_count_does_not_grow_with_the_meetings(
    client, group, agencies, django_assert_max_num_queries
):
    agenda = [{"title": "Updates", "presenter": agencies["unhcr"], "discussion": "Shared."}]
    for day in range(1, 4):
        make_meeting(group, start=istanbul(2031, 1, day), agenda=agenda)
    client.get("/meetings/feed.ics")
    for day in range(4, 16):
        make_meeting(group, start=istanbul(2031, 1, day), agenda=agenda)
    client.get("/meetings/feed.ics")
    with django_assert_max_num_queries(8):
        client.get("/meetings/feed.ics")
