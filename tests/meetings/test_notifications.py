"""E-mails to a group's members: once per publication, after commit, in their language."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from iswg_portal.accounts.roles import GROUP_LEADS, MEMBERS
from meetings.models import GroupSubscription, MeetingNotification, MeetingPage
from meetings.publishing import Due, send_once
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_group, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db

AGENDA = [{"title": "Welcome and introductions"}, {"title": "Protection updates"}]
FOCAL_POINTS = ["focal@asam.example", "focal@unhcr.example"]


def publish_and_commit(capture, meeting, user=None):
    with capture(execute=True):
        publish(meeting, user)


def test_first_publication_of_the_agenda_emails_each_member_once(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert sorted(address for mail in mailoutbox for address in mail.to) == FOCAL_POINTS
    assert "Agenda:" in mailoutbox[0].subject
    assert "Protection updates" in mailoutbox[0].body


def test_agenda_email_has_html_and_the_meetings_ics(
    client, group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    mail = mailoutbox[0]
    assert mail.alternatives[0].mimetype == "text/html"
    ((filename, content, mimetype),) = mail.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    attached_uid = Calendar.from_ical(content).walk("VEVENT")[0]["UID"]
    feed_uid = Calendar.from_ical(client.get("/meetings/feed.ics").content).walk("VEVENT")[0]["UID"]
    assert attached_uid == feed_uid


def test_no_email_is_sent_before_the_transaction_commits(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(meeting)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert mailoutbox  # sent once the transaction commits


def test_republishing_an_unchanged_agenda_sends_nothing(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    sent = len(mailoutbox)
    meeting.title = "Meeting with a better title"
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert len(mailoutbox) == sent


def test_first_publication_of_the_minutes_emails_once(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    mailoutbox.clear()
    set_agenda(
        meeting,
        [
            AGENDA[0],
            {
                "title": "Protection updates",
                "outcomes": [{"kind": "decision", "text": "Map gaps."}],
            },
        ],
    )
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert len(mailoutbox) == len(FOCAL_POINTS)
    assert all("Minutes:" in mail.subject for mail in mailoutbox)
    assert "Map gaps." in mailoutbox[0].body


def test_moving_the_meeting_sends_one_update_with_a_higher_sequence(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    mailoutbox.clear()
    meeting.start += timedelta(hours=1)
    meeting.end += timedelta(hours=1)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert len(mailoutbox) == len(FOCAL_POINTS)
    assert "Changed:" in mailoutbox[0].subject
    event = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert int(event["SEQUENCE"]) == 1


def test_cancelling_sends_one_cancellation(group, mailoutbox, django_capture_on_commit_callbacks):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    mailoutbox.clear()
    meeting.status = MeetingPage.Status.CANCELLED
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert len(mailoutbox) == len(FOCAL_POINTS)
    assert "Cancelled:" in mailoutbox[0].subject
    event = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CANCELLED"


def test_the_same_publication_is_never_emailed_twice(group, mailoutbox):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    send_once(meeting.pk, Due(MeetingNotification.Kind.AGENDA, 0))
    send_once(meeting.pk, Due(MeetingNotification.Kind.AGENDA, 0))
    assert len(mailoutbox) == 0  # not live yet: nothing to announce
    publish(meeting)
    send_once(meeting.pk, Due(MeetingNotification.Kind.AGENDA, 0))
    send_once(meeting.pk, Due(MeetingNotification.Kind.AGENDA, 0))
    assert len(mailoutbox) == len(FOCAL_POINTS)


def test_subscribed_member_gets_the_email_in_their_language(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    reader = UserFactory(email="okur@asam.example", role=MEMBERS, preferred_language="tr")
    GroupSubscription.objects.create(user=reader, group=group)
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    (mail,) = [mail for mail in mailoutbox if mail.to == ["okur@asam.example"]]
    assert '<html lang="tr"' in mail.alternatives[0].content


def test_scheduled_publication_emails_the_agenda_once(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    meeting.go_live_at = timezone.now() - timedelta(minutes=1)
    meeting.save_revision(approved_go_live_at=meeting.go_live_at)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", stdout=io.StringIO())
    meeting.refresh_from_db()
    assert meeting.live
    assert len(mailoutbox) == len(FOCAL_POINTS)


def test_members_only_meeting_email_keeps_the_agenda_out(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(
        group,
        agenda=[{"title": "Confidential case review"}],
        visibility=MeetingPage.Visibility.MEMBERS,
        publish_now=False,
    )
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert mailoutbox
    for mail in mailoutbox:
        assert "Confidential case review" not in mail.body
        assert "Confidential case review" not in mail.alternatives[0].content
        assert b"Confidential case review" not in mail.attachments[0][1].encode()


def test_past_meeting_agenda_published_late_is_not_emailed(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = make_meeting(group, start=istanbul(2019, 3, 13), agenda=AGENDA, publish_now=False)
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    assert mailoutbox == []


# --- Recipients from the group's own Django group --------------------------------------------


def recipients_of_the_agenda(group, capture, mailoutbox, **fields):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False, **fields)
    publish_and_commit(capture, meeting)
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_the_groups_leads_and_members_get_its_agenda(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    lead = UserFactory(email="lead@iom.example", role=GROUP_LEADS, organisation=group)
    member = UserFactory(email="member@iom.example", role=MEMBERS, organisation=group)
    recipients = recipients_of_the_agenda(group, django_capture_on_commit_callbacks, mailoutbox)
    assert recipients == sorted([*FOCAL_POINTS, lead.email, member.email])


def test_a_deactivated_lead_and_the_lead_of_another_group_get_nothing(
    home_page, group, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="gone@iom.example", role=GROUP_LEADS, organisation=group, is_active=False)
    UserFactory(email="lead@health.example", role=GROUP_LEADS, organisation=make_group(home_page))
    recipients = recipients_of_the_agenda(group, django_capture_on_commit_callbacks, mailoutbox)
    assert recipients == FOCAL_POINTS


def test_a_person_of_the_group_without_a_members_role_gets_nothing(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="norole@iom.example", organisation=group)
    recipients = recipients_of_the_agenda(group, django_capture_on_commit_callbacks, mailoutbox)
    assert recipients == FOCAL_POINTS


def test_a_lead_who_is_also_a_focal_point_and_follows_the_group_gets_one_email(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    lead = UserFactory(email="Focal@ASAM.example", role=GROUP_LEADS, organisation=group)
    GroupSubscription.objects.create(user=lead, group=group)
    recipients = recipients_of_the_agenda(group, django_capture_on_commit_callbacks, mailoutbox)
    assert [address.lower() for address in recipients] == FOCAL_POINTS


def test_the_groups_members_get_a_members_only_meeting_without_its_agenda(
    group, mailoutbox, django_capture_on_commit_callbacks
):
    member = UserFactory(email="member@iom.example", role=MEMBERS, organisation=group)
    meeting = make_meeting(
        group,
        agenda=[{"title": "Confidential case review"}],
        visibility=MeetingPage.Visibility.MEMBERS,
        publish_now=False,
    )
    publish_and_commit(django_capture_on_commit_callbacks, meeting)
    (mail,) = [mail for mail in mailoutbox if mail.to == [member.email]]
    assert "Confidential case review" not in mail.body
    assert "Confidential case review" not in mail.alternatives[0].content
