"""remind_meeting_records: three days after a meeting ended still "Scheduled", its group's leads
are e-mailed once, in their language, with the link that opens it in the admin."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from iswg_portal.accounts.roles import CO_CHAIRS, GROUP_LEADS
from meetings.models import MeetingPage, MeetingRecordReminder
from tests.factories import UserFactory
from tests.factories.meetings import make_group, make_meeting

pytestmark = pytest.mark.django_db


def ended(group, days_ago, **fields):
    start = timezone.now() - timedelta(days=days_ago, hours=2)
    return make_meeting(group, start=start, end=start + timedelta(hours=2), **fields)


def run(dry_run=False):
    out = io.StringIO()
    call_command("remind_meeting_records", *(["--dry-run"] if dry_run else []), stdout=out)
    return out.getvalue()


@pytest.fixture
def lead(group):
    return UserFactory(
        email="lider@asam.example", role=GROUP_LEADS, organisation=group, preferred_language="tr"
    )


def test_the_lead_is_asked_in_their_language_three_days_after_the_meeting(
    client, group, lead, mailoutbox
):
    meeting = ended(group, days_ago=4, title="Mart toplantısı")
    run()
    (mail,) = mailoutbox
    assert mail.to == [lead.email]
    assert "Mart toplantısı" in mail.subject
    assert '<html lang="tr"' in mail.alternatives[0].content
    edit_url = f"/admin/pages/{meeting.pk}/edit/"
    assert edit_url in mail.body
    client.force_login(lead)
    assert client.get(edit_url).status_code == 200


def test_each_meeting_is_asked_about_once(group, lead, mailoutbox):
    ended(group, days_ago=4)
    run()
    run()
    assert len(mailoutbox) == 1
    assert MeetingRecordReminder.objects.count() == 1


def test_nothing_is_asked_before_three_days_nor_after_sixty(group, lead, mailoutbox):
    ended(group, days_ago=2)
    ended(group, days_ago=61)
    assert "0 meetings" in run()
    assert mailoutbox == []


def test_a_meeting_marked_held_or_cancelled_or_unpublished_is_not_asked_about(
    group, lead, mailoutbox
):
    ended(group, days_ago=4, status=MeetingPage.Status.HELD)
    ended(group, days_ago=4, status=MeetingPage.Status.CANCELLED)
    ended(group, days_ago=4).unpublish()
    run()
    assert mailoutbox == []


def test_only_the_leads_of_the_meetings_group_are_asked(home_page, group, lead, mailoutbox):
    UserFactory(email="other@lead.example", role=GROUP_LEADS, organisation=make_group(home_page))
    UserFactory(email="gone@lead.example", role=GROUP_LEADS, organisation=group, is_active=False)
    UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)
    ended(group, days_ago=4)
    run()
    assert [address for mail in mailoutbox for address in mail.to] == [lead.email]


def test_a_group_without_a_lead_is_asked_once_it_has_one(home_page, mailoutbox):
    group = make_group(home_page, title="Health working group")
    ended(group, days_ago=4)
    assert "has no group lead" in run()
    UserFactory(email="lead@health.example", role=GROUP_LEADS, organisation=group)
    run()
    assert [mail.to for mail in mailoutbox] == [["lead@health.example"]]


def test_a_dry_run_sends_and_records_nothing(group, lead, mailoutbox):
    ended(group, days_ago=4)
    assert "lider@asam.example" in run(dry_run=True)
    assert mailoutbox == []
    assert not MeetingRecordReminder.objects.exists()


def test_a_meeting_marked_held_in_one_language_is_not_asked_about(group, lead, mailoutbox):
    from wagtail.models import Locale

    from tests.factories.meetings import publish

    meeting = ended(group, days_ago=4)
    turkish = meeting.copy_for_translation(Locale.objects.get(language_code="tr"), True)
    publish(turkish)
    meeting.status = MeetingPage.Status.HELD
    publish(meeting)
    run()
    assert mailoutbox == []
