"""Group and meeting pages, the calendar and the home page, as a visitor sees them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import MeetingAttendance, MeetingPage
from tests.factories.meetings import istanbul, make_agency, make_group, make_meeting, publish

pytestmark = pytest.mark.django_db


def soon(days):
    return timezone.now() + timedelta(days=days)


def test_groups_index_shows_leads_next_meeting_and_open_action_points(client, group, agencies):
    make_meeting(
        group,
        start=istanbul(2030, 1, 8),
        agenda=[
            {
                "title": "x",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Do it",
                        "responsible_agency": agencies["asam"],
                    }
                ],
            }
        ],
    )
    make_meeting(group, title="Next plenary", start=soon(10))
    html = client.get("/en/groups/").content.decode()
    assert "Inter-Sector Working Group" in html
    assert "UNHCR, IOM" in html
    card = html[html.index("Next meeting") :]
    assert "<dd>1</dd>" in card


def test_groups_index_links_the_next_meeting(client, group):
    meeting = make_meeting(group, title="Next plenary", start=soon(10))
    assert f'href="{meeting.url}"' in client.get("/en/groups/").content.decode()


def test_group_page_shows_upcoming_and_past_meetings(client, group):
    make_meeting(group, title="Plenary to come", start=soon(5))
    make_meeting(group, title="Plenary held", start=soon(-40), status=MeetingPage.Status.HELD)
    html = client.get(group.url).content.decode()
    upcoming = html[html.index('id="upcoming-heading"') : html.index('id="open-points-heading"')]
    past = html[html.index('id="past-heading"') :]
    assert "Plenary to come" in upcoming and "Plenary held" not in upcoming
    assert "Plenary held" in past


def test_group_page_shows_member_attendance_over_the_last_year(client, group, agencies):
    meeting = make_meeting(
        group, start=soon(-30), status=MeetingPage.Status.HELD, publish_now=False
    )
    meeting.attendance = [
        MeetingAttendance(agency=agencies["asam"], presence="present", participants=2),
        MeetingAttendance(agency=agencies["iom"], presence="apologies"),
    ]
    publish(meeting)
    make_meeting(group, start=soon(-60), status=MeetingPage.Status.HELD)
    html = client.get(group.url).content.decode()
    table = html[html.index('id="attendance-heading"') :]
    asam_row = table[table.index("Association for Solidarity") :]
    assert "1 of 2" in asam_row[:300]
    iom_row = table[table.index("International Organization") :]
    assert "0 of 2" in iom_row[:300]


def test_group_page_lists_member_agencies_in_alphabetical_order(client, home_page):
    names = ["Buca Belediyesi", "Çiğli Belediyesi", "İzmir Barosu", "Zeytin Derneği"]
    members = [make_agency(home_page, title=name) for name in reversed(names)]
    group = make_group(home_page, members=members)
    html = client.get(group.url).content.decode()
    table = html[html.index('id="attendance-heading"') :]
    # By code point Ç and İ would come after Z.
    assert [table.index(name) for name in names] == sorted(table.index(name) for name in names)


def test_group_page_shows_terms_of_reference_and_schedule_in_words(client, group):
    group.terms_of_reference = "<p>Coordinates the refugee response in the Aegean.</p>"
    publish(group)
    html = client.get(group.url).content.decode()
    assert "Coordinates the refugee response" in html
    assert "second Wednesday of the month, 10:00" in html


def test_cancelled_meeting_stays_visible_and_says_so(client, group):
    meeting = make_meeting(
        group, status=MeetingPage.Status.CANCELLED, status_note="Public holiday (Kurban Bayramı)."
    )
    html = client.get(meeting.url).content.decode()
    assert "This meeting is cancelled." in html
    assert "Kurban Bayramı" in html
    assert meeting.title in client.get("/en/meetings/").content.decode()


def test_meeting_times_are_shown_on_the_istanbul_clock_not_in_utc(client, group):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8, 1), end=istanbul(2031, 1, 8, 2))
    html = client.get(meeting.url).content.decode()
    # 01:00 in Istanbul is still 7 January in UTC: the page must say the 8th.
    assert "Wednesday, 8 January 2031" in html
    assert "01:00–\u206002:00" in html


def test_meeting_times_follow_the_portals_time_zone_setting(client, group, settings):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8, 1), end=istanbul(2031, 1, 8, 2))
    settings.TIME_ZONE = "UTC"
    html = client.get(meeting.url).content.decode()
    assert "Tuesday, 7 January 2031" in html
    assert "22:00–\u206023:00" in html


def test_calendar_filters_by_group(client, home_page, group):
    health = make_group(home_page, title="Health working group", slug="health")
    make_meeting(group, title="Plenary soon", start=soon(3))
    make_meeting(health, title="Health soon", start=soon(4))
    html = client.get("/en/meetings/?group=health").content.decode()
    assert "Health soon" in html
    assert "Plenary soon" not in html
    assert "/meetings/feed/health.ics" in html


def test_calendar_with_an_unknown_group_says_so_and_shows_all(client, group):
    make_meeting(group, title="Plenary soon", start=soon(3))
    html = client.get("/en/meetings/?group=%3Cscript%3E").content.decode()
    assert "There is no such group" in html
    assert "Plenary soon" in html
    assert "<script>" not in html


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1e9"])
def test_calendar_survives_hostile_page_numbers(client, group, page):
    make_meeting(group, start=soon(-3))
    assert client.get(f"/en/meetings/?page={page}").status_code == 200


def test_calendar_lists_upcoming_before_past(client, group):
    make_meeting(group, title="Held in spring", start=soon(-90))
    make_meeting(group, title="Coming soon", start=soon(2))
    html = client.get("/en/meetings/").content.decode()
    assert (
        html.index("Coming soon") < html.index('id="past-heading"') < html.index("Held in spring")
    )


def test_calendar_renders_right_to_left_in_arabic(client, home_page, group):
    from meetings.models import MeetingIndexPage

    index = MeetingIndexPage.objects.get()
    from home.demo import ensure_locales

    arabic = index.copy_for_translation(ensure_locales()["ar"])
    arabic.title = "الاجتماعات"
    publish(arabic)
    make_meeting(group, title="Plenary soon", start=soon(2))
    response = client.get("/ar/meetings/")
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "Plenary soon" in html


def test_calendar_query_count_does_not_grow_with_meetings(
    client, group, django_assert_max_num_queries
):
    for days in range(1, 4):
        make_meeting(group, start=soon(days))
    client.get("/en/meetings/")
    for days in range(4, 14):
        make_meeting(group, start=soon(days))
    # One more than before the translation fallback: the frame reads the page's locale.
    with django_assert_max_num_queries(26):
        client.get("/en/meetings/")
    # In Arabic the calendar itself is shown untranslated (three look-ups to find it and its
    # locale, and one more page look-up with the Arabic directory present, as on the real
    # site); the English meetings are marked as such from the locales already loaded.
    with django_assert_max_num_queries(30):
        client.get("/ar/meetings/")


def test_home_page_lists_upcoming_meetings_with_date_group_and_status(client, group):
    make_meeting(group, title="Plenary next week", start=istanbul(2031, 1, 8, 10))
    html = client.get("/en/").content.decode()
    section = html[html.index('id="upcoming-heading"') : html.index('id="minutes-heading"')]
    assert "Plenary next week" in section
    assert "8 January 2031" in section
    assert "Inter-Sector Working Group" in section
    assert "Scheduled" in section


def test_home_page_lists_the_latest_minutes(client, group):
    make_meeting(
        group,
        title="Plenary with minutes",
        start=soon(-10),
        status=MeetingPage.Status.HELD,
        agenda=[{"title": "Updates", "discussion": "Partners shared updates."}],
    )
    make_meeting(group, title="Plenary without minutes", start=soon(-40), agenda=[{"title": "A"}])
    html = client.get("/en/").content.decode()
    section = html[html.index('id="minutes-heading"') :]
    assert "Plenary with minutes" in section
    assert "Plenary without minutes" not in section


def test_member_can_follow_a_group_and_stop_again(client, group, member):
    from meetings.models import GroupSubscription

    client.force_login(member)
    client.post(f"/en/meetings/groups/{group.pk}/follow/")
    assert GroupSubscription.objects.filter(user=member).exists()
    client.post(f"/en/meetings/groups/{group.pk}/follow/")
    assert not GroupSubscription.objects.filter(user=member).exists()


def test_following_an_unknown_group_is_not_found(client, member, home_page):
    client.force_login(member)
    assert client.post("/en/meetings/groups/999999/follow/").status_code == 404


def test_visitor_cannot_follow_a_group(client, group):
    response = client.post(f"/en/meetings/groups/{group.pk}/follow/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
