"""Mailing that reaches every agency in each person's language: member agencies' people,
focal points with their language, action points in the minutes, corrections sent again marked
updated, a meeting on again announced, and a record of every message and its delivery."""

from datetime import date, timedelta

import pytest
from django.core import mail as django_mail
from django.utils import timezone
from icalendar import Calendar

from iswg_portal.accounts.roles import AGENCY_EDITORS, CO_CHAIRS
from meetings.models import ActionPoint, MeetingEmail, MeetingNotification, MeetingPage
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_meeting, publish, set_agenda

pytestmark = pytest.mark.django_db

AGENDA = [{"title": "Welcome and introductions"}, {"title": "Protection updates"}]


def minutes(agency, decision="Map the gaps in Buca.", due=date(2031, 1, 31)):
    return [
        {
            "title": "Shelter",
            "outcomes": [
                {"kind": "decision", "text": decision},
                {
                    "kind": "action_point",
                    "text": "Visit the Karabağlar shelters",
                    "responsible_agency": agency,
                    "due_date": due,
                },
            ],
        }
    ]


def a_month_ago():
    return timezone.now() - timedelta(days=30)


def correct_decision(meeting, text):
    """Change the decision's words in place, as an editor does in the admin (the blocks keep
    their ids, so the action points raised from them stay the same)."""
    raw = meeting.agenda.raw_data
    for outcome in raw[0]["value"]["outcomes"]:
        value = outcome.get("value", outcome)
        if value["kind"] == "decision":
            value["text"] = text
    meeting.agenda = raw


@pytest.fixture
def publish_now(django_capture_on_commit_callbacks):
    def publish_and_commit(meeting, user=None):
        with django_capture_on_commit_callbacks(execute=True):
            publish(meeting, user)

    return publish_and_commit


def mails_to(outbox, address):
    return [mail for mail in outbox if address in mail.to]


def test_a_member_agencys_editor_gets_the_agenda_in_their_own_language(
    group, agencies, mailoutbox, publish_now
):
    editor = UserFactory(
        email="editor@asam.example",
        role=AGENCY_EDITORS,
        organisation=agencies["asam"],
        preferred_language="tr",
    )
    publish_now(make_meeting(group, agenda=AGENDA, publish_now=False))
    (mail,) = mails_to(mailoutbox, editor.email)
    assert "Gündem: Inter-Sector Working Group" in mail.subject
    assert "Protection updates" in mail.body


def test_a_focal_point_typed_on_the_group_page_is_written_to_in_the_language_given(
    group, mailoutbox, publish_now
):
    focal_point = group.focal_points.get(email="focal@asam.example")
    focal_point.language = "ar"
    focal_point.save()
    publish_now(make_meeting(group, agenda=AGENDA, publish_now=False))
    (mail,) = mails_to(mailoutbox, "focal@asam.example")
    assert "جدول أعمال" in mail.body
    (english,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "The agenda of the next meeting" in english.body


def test_the_minutes_email_lists_the_action_points_with_their_agency_and_due_date(
    group, agencies, mailoutbox, publish_now
):
    meeting = make_meeting(group, start=a_month_ago(), agenda=AGENDA, publish_now=False)
    publish_now(meeting)
    set_agenda(meeting, minutes(agencies["asam"]))
    publish_now(meeting)
    (mail,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "Minutes:" in mail.subject
    assert "Visit the Karabağlar shelters — ASAM — due 31 January 2031" in mail.body
    assert "Visit the Karabağlar shelters" in mail.alternatives[0].content


def test_a_corrected_agenda_is_sent_again_marked_updated_and_a_plain_republication_is_not(
    group, mailoutbox, publish_now
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_now(meeting)
    publish_now(meeting)
    assert len(mails_to(mailoutbox, "focal@unhcr.example")) == 1
    mailoutbox.clear()
    set_agenda(meeting, [*AGENDA, {"title": "Any other business"}])
    publish_now(meeting)
    publish_now(meeting)
    (mail,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "Agenda (updated):" in mail.subject
    assert "This e-mail replaces the one you had." in mail.body
    assert "Any other business" in mail.body


def test_corrected_minutes_are_sent_again_but_a_due_date_moved_on_the_point_is_not(
    group, agencies, mailoutbox, publish_now
):
    meeting = make_meeting(
        group, start=a_month_ago(), agenda=minutes(agencies["asam"]), publish_now=False
    )
    publish_now(meeting)
    mailoutbox.clear()
    ActionPoint.objects.update(due_date=date(2031, 2, 28))
    publish_now(meeting)
    assert mails_to(mailoutbox, "focal@unhcr.example") == []
    correct_decision(meeting, "Map the gaps in Buca and Bornova.")
    publish_now(meeting)
    (mail,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "Minutes (corrected):" in mail.subject
    assert "Map the gaps in Buca and Bornova." in mail.body
    assert "due 28 February 2031" in mail.body


def test_a_cancelled_meeting_set_back_to_scheduled_is_announced_again(
    group, mailoutbox, publish_now
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_now(meeting)
    meeting.status = MeetingPage.Status.CANCELLED
    publish_now(meeting)
    mailoutbox.clear()
    meeting.status = MeetingPage.Status.SCHEDULED
    publish_now(meeting)
    (mail,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "On again:" in mail.subject
    event = Calendar.from_ical(mail.attachments[0][1]).walk("VEVENT")[0]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert int(event["SEQUENCE"]) == 2


def test_a_meeting_published_again_after_it_was_taken_off_the_site_is_announced_again(
    group, mailoutbox, publish_now
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_now(meeting)
    meeting.unpublish()
    assert any("taken off" in m.body or "Cancelled" in m.subject for m in mailoutbox)
    mailoutbox.clear()
    meeting.refresh_from_db()
    publish_now(meeting)
    (mail,) = mails_to(mailoutbox, "focal@unhcr.example")
    assert "On again:" in mail.subject


def test_a_meeting_nobody_was_told_of_is_not_announced_when_scheduled_again(
    group, mailoutbox, publish_now
):
    meeting = make_meeting(
        group, start=istanbul(2030, 1, 8), publish_now=False, status=MeetingPage.Status.CANCELLED
    )
    publish_now(meeting)
    meeting.status = MeetingPage.Status.SCHEDULED
    publish_now(meeting)
    assert mailoutbox == []


def test_every_message_is_recorded_with_its_language_and_delivery(
    group, agencies, mailoutbox, publish_now
):
    UserFactory(
        email="editor@asam.example",
        role=AGENCY_EDITORS,
        organisation=agencies["asam"],
        preferred_language="fa",
    )
    co_chair = UserFactory(role=CO_CHAIRS)
    publish_now(make_meeting(group, agenda=AGENDA, publish_now=False), co_chair)
    notification = MeetingNotification.objects.get(kind=MeetingNotification.Kind.AGENDA)
    assert notification.sent_by == co_chair
    recorded = {email.address: (email.language, email.state) for email in notification.emails.all()}
    assert recorded == {
        "editor@asam.example": ("fa", MeetingEmail.State.DELIVERED),
        "focal@asam.example": ("en", MeetingEmail.State.DELIVERED),
        "focal@unhcr.example": ("en", MeetingEmail.State.DELIVERED),
    }
    message_ids = {mail.extra_headers["Message-ID"] for mail in mailoutbox}
    assert message_ids == set(notification.emails.values_list("message_id", flat=True))


def test_a_message_the_mail_server_refuses_is_shown_failed(
    group, mailoutbox, publish_now, settings
):
    settings.EMAIL_DELIVERY_BACKEND = "tests.meetings.test_mailing.RefusingBackend"
    publish_now(make_meeting(group, agenda=AGENDA, publish_now=False))
    states = set(MeetingEmail.objects.values_list("state", "error"))
    assert states == {(MeetingEmail.State.FAILED, "SMTPRecipientsRefused")}


def test_the_meeting_editor_shows_who_was_emailed_and_what_became_of_it(
    client, group, co_chair, publish_now
):
    meeting = make_meeting(group, agenda=AGENDA, publish_now=False)
    publish_now(meeting, co_chair)
    client.force_login(co_chair)
    page = client.get(f"/admin/pages/{meeting.pk}/edit/").content.decode()
    assert "E-mails sent" in page
    assert "Agenda published" in page
    assert "focal@unhcr.example" in page
    assert "Delivered" in page


class RefusingBackend(django_mail.backends.base.BaseEmailBackend):
    """A mail server that refuses every recipient for good."""

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({"focal@unhcr.example": (550, b"No such user")})


def test_an_agency_outside_the_group_hears_of_all_its_new_points_in_one_email_in_its_language(
    home_page, group, mailoutbox, publish_now
):
    from tests.factories.meetings import make_agency

    buca = make_agency(home_page, "BUCA", title="Buca Municipality", slug="buca")
    UserFactory(
        email="editor@buca.example", role=AGENCY_EDITORS, organisation=buca, preferred_language="tr"
    )
    shelters = {
        "title": "Shelter",
        "outcomes": [
            {"kind": "action_point", "text": "Count the beds", "responsible_agency": buca},
            {"kind": "action_point", "text": "Open a night desk", "responsible_agency": buca},
        ],
    }
    publish_now(make_meeting(group, start=a_month_ago(), agenda=[shelters], publish_now=False))
    (mail,) = mails_to(mailoutbox, "editor@buca.example")
    assert "BUCA için 2 yeni eylem maddesi" in mail.subject
    assert "Count the beds" in mail.body and "Open a night desk" in mail.body
    # Buca is not a member of the group: the minutes themselves go to the group's people only.
    assert all("Minutes" not in m.subject for m in mails_to(mailoutbox, "editor@buca.example"))
