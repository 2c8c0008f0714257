"""A meeting taken off the site, unpublished or deleted in the admin, stays in every feed it was
in as CANCELLED with a higher SEQUENCE until 30 days after its date, and those its agenda was
e-mailed to are told once. Feeds are read over HTTP with `icalendar`."""

import json
import shutil
import subprocess
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from meetings.models import CalendarFeedToken, MeetingPage
from tests.factories.meetings import istanbul, make_group, make_meeting, publish

pytestmark = pytest.mark.django_db

AGENDA = [{"title": "Welcome"}, {"title": "Protection updates"}]
FOCAL_POINTS = ["focal@asam.example", "focal@unhcr.example"]


def feed_events(client, url="/meetings/feed.ics"):
    response = client.get(url)
    assert response.status_code == 200
    return {
        str(event["SUMMARY"]): event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
    }


def unpublish_in_admin(client, user, meeting):
    client.force_login(user)
    response = client.post(f"/admin/pages/{meeting.pk}/unpublish/")
    assert response.status_code == 302
    client.logout()


def delete_in_admin(client, user, page):
    client.force_login(user)
    response = client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    client.logout()


@pytest.fixture
def announced(group, django_capture_on_commit_callbacks, mailoutbox):
    """A future meeting whose agenda was e-mailed to the group."""
    meeting = make_meeting(
        group, start=istanbul(2031, 1, 8), title="January plenary", agenda=AGENDA, publish_now=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting)
    assert len(mailoutbox) == len(FOCAL_POINTS)
    mailoutbox.clear()
    return meeting


SUMMARY = "Inter-Sector Working Group: January plenary"


def test_an_unpublished_meeting_stays_in_the_feed_as_cancelled_with_a_higher_sequence(
    client, announced, co_chair
):
    before = feed_events(client)[SUMMARY]
    unpublish_in_admin(client, co_chair, announced)
    after = feed_events(client)[SUMMARY]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after["DTSTART"].dt == istanbul(2031, 1, 8)
    assert "URL" not in after


def test_a_deleted_meeting_stays_cancelled_in_the_all_and_group_feeds(client, announced, co_chair):
    uid = feed_events(client)[SUMMARY]["UID"]
    delete_in_admin(client, co_chair, announced)
    assert not MeetingPage.objects.filter(pk=announced.pk).exists()
    for url in ("/meetings/feed.ics", "/meetings/feed/iswg.ics"):
        event = feed_events(client, url)[SUMMARY]
        assert (event["UID"], str(event["STATUS"])) == (uid, "CANCELLED")


def test_a_deleted_meeting_is_not_in_another_groups_feed(client, home_page, announced, co_chair):
    make_group(home_page, title="Health working group", slug="health")
    delete_in_admin(client, co_chair, announced)
    assert feed_events(client, "/meetings/feed/health.ics") == {}


def test_deleting_the_group_keeps_its_meetings_cancelled_in_the_feed(
    client, group, announced, co_chair
):
    delete_in_admin(client, co_chair, group)
    assert str(feed_events(client)[SUMMARY]["STATUS"]) == "CANCELLED"


def test_a_withdrawn_meeting_leaves_the_feed_30_days_after_its_date(client, group, co_chair):
    now = timezone.now()
    recent = make_meeting(group, start=now - timedelta(days=29), title="Recent")
    old = make_meeting(group, start=now - timedelta(days=32), title="Old")
    delete_in_admin(client, co_chair, recent)
    delete_in_admin(client, co_chair, old)
    assert set(feed_events(client)) == {"Inter-Sector Working Group: Recent"}


def test_republishing_confirms_the_meeting_again_with_a_higher_sequence(
    client, announced, co_chair
):
    unpublish_in_admin(client, co_chair, announced)
    cancelled = feed_events(client)[SUMMARY]
    publish(MeetingPage.objects.get(pk=announced.pk))
    (event,) = feed_events(client).values()
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["UID"] == cancelled["UID"]
    assert int(event["SEQUENCE"]) > int(cancelled["SEQUENCE"])


def test_a_meeting_still_published_in_turkish_stays_confirmed(client, announced, co_chair):
    from wagtail.models import Locale

    turkish = announced.copy_for_translation(Locale.objects.get(language_code="tr"), True)
    publish(turkish)
    unpublish_in_admin(client, co_chair, announced)
    (event,) = feed_events(client).values()
    assert str(event["STATUS"]) == "CONFIRMED"


def test_a_draft_never_published_leaves_no_trace_in_the_feed(client, group, co_chair):
    draft = make_meeting(group, title="Draft", publish_now=False)
    draft.save_revision()
    delete_in_admin(client, co_chair, draft)
    assert feed_events(client) == {}


# --- Members only ----------------------------------------------------------------------------


def test_a_deleted_members_only_meeting_never_reaches_a_public_feed(
    client, group, member, co_chair
):
    closed = make_meeting(group, title="Closed meeting", visibility=MeetingPage.Visibility.MEMBERS)
    delete_in_admin(client, co_chair, closed)
    for url in ("/meetings/feed.ics", "/meetings/feed/iswg.ics"):
        assert b"Closed meeting" not in client.get(url).content
    token = CalendarFeedToken.objects.create(user=member)
    personal = feed_events(client, f"/meetings/feed/personal/{token.token}.ics")
    assert str(personal["Inter-Sector Working Group: Closed meeting"]["STATUS"]) == "CANCELLED"


def test_a_deleted_meeting_of_a_restricted_group_reaches_no_feed(
    client, home_page, member, co_chair
):
    hidden_group = make_group(home_page, title="Case conference", slug="case-conference")
    PageViewRestriction.objects.create(
        page=hidden_group, restriction_type=PageViewRestriction.LOGIN
    )
    meeting = make_meeting(hidden_group, title="Hidden meeting")
    # Published before the restriction hid it: its entry exists.
    client.get(f"/meetings/{meeting.pk}.ics")
    delete_in_admin(client, co_chair, meeting)
    token = CalendarFeedToken.objects.create(user=member)
    for url in ("/meetings/feed.ics", f"/meetings/feed/personal/{token.token}.ics"):
        assert b"Hidden meeting" not in client.get(url).content


# --- The notice --------------------------------------------------------------------------------


def test_deleting_an_announced_meeting_emails_a_cancellation_to_its_recipients(
    client, announced, co_chair, mailoutbox
):
    delete_in_admin(client, co_chair, announced)
    assert sorted(address for mail in mailoutbox for address in mail.to) == FOCAL_POINTS
    mail = mailoutbox[0]
    assert mail.subject.endswith("Cancelled: Inter-Sector Working Group, January plenary")
    assert "no longer on the portal" in mail.body
    event = Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")[0]
    feed_event = feed_events(client)[SUMMARY]
    assert str(event["STATUS"]) == "CANCELLED"
    assert (event["UID"], event["SEQUENCE"]) == (feed_event["UID"], feed_event["SEQUENCE"])


def test_unpublishing_an_announced_meeting_emails_once_in_each_readers_language(
    client, group, announced, co_chair, mailoutbox
):
    from iswg_portal.accounts.roles import MEMBERS
    from meetings.models import GroupSubscription
    from tests.factories import UserFactory

    reader = UserFactory(email="okur@asam.example", role=MEMBERS, preferred_language="tr")
    GroupSubscription.objects.create(user=reader, group=group)
    unpublish_in_admin(client, co_chair, announced)
    delete_in_admin(client, co_chair, announced)
    assert len(mailoutbox) == len(FOCAL_POINTS) + 1
    (turkish,) = [mail for mail in mailoutbox if mail.to == [reader.email]]
    assert "İptal" in turkish.subject
    assert '<html lang="tr"' in turkish.alternatives[0].content


def test_a_meeting_whose_agenda_was_never_sent_is_withdrawn_without_email(
    client, group, co_chair, mailoutbox
):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8), title="No agenda")
    delete_in_admin(client, co_chair, meeting)
    assert mailoutbox == []
    assert "Inter-Sector Working Group: No agenda" in feed_events(client)


def test_a_past_meeting_deleted_is_withdrawn_without_email(
    client, group, co_chair, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, start=istanbul(2031, 1, 8), agenda=AGENDA, publish_now=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(meeting)
    mailoutbox.clear()
    MeetingPage.objects.filter(pk=meeting.pk).update(
        start=timezone.now() - timedelta(days=2), end=timezone.now() - timedelta(days=2, hours=-2)
    )
    delete_in_admin(client, co_chair, meeting)
    assert mailoutbox == []


def test_a_group_lead_without_rights_cannot_delete_and_nothing_changes(
    client, announced, group_lead, mailoutbox
):
    client.force_login(group_lead)
    client.post(f"/admin/pages/{announced.pk}/delete/")
    assert MeetingPage.objects.filter(pk=announced.pk, live=True).exists()
    assert mailoutbox == []
    assert str(feed_events(client)[SUMMARY]["STATUS"]) == "CONFIRMED"


def read_with_ical_js(feed):
    """The feed's events as ical.js reads them (tests/js: `npm ci --prefix tests/js`)."""
    reader = Path(__file__).resolve().parents[1] / "js" / "read_calendar.mjs"
    if not (reader.parent / "node_modules" / "ical.js").exists():
        pytest.fail("ical.js is missing: run `npm ci --prefix tests/js` (make install does)")
    done = subprocess.run(  # noqa: S603
        [shutil.which("node") or "node", str(reader)],
        input=feed,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return {event["summary"]: event for event in json.loads(done.stdout)}


def test_a_deleted_meeting_reads_cancelled_the_same_in_python_and_in_ical_js(
    client, announced, co_chair
):
    delete_in_admin(client, co_chair, announced)
    feed = client.get("/meetings/feed.ics").content
    python = {
        str(event["SUMMARY"]): {
            "uid": str(event["UID"]),
            "status": str(event["STATUS"]),
            "sequence": int(event["SEQUENCE"]),
            "start": event["DTSTART"].dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        }
        for event in Calendar.from_ical(feed).walk("VEVENT")
    }
    javascript = {
        summary: {key: event[key] for key in ("uid", "status", "sequence", "start")}
        for summary, event in read_with_ical_js(feed).items()
    }
    assert javascript[SUMMARY]["status"] == "CANCELLED"
    assert javascript[SUMMARY]["start"] == "2031-01-08T07:00:00.000Z"
    assert javascript == python
