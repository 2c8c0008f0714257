"""The issue's "done when", walked through as a co-chair, a member and a visitor would."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar

from iswg_portal.accounts.roles import MEMBERS
from meetings.models import GroupSubscription, MeetingPage
from tests.factories import UserFactory
from tests.factories.meetings import istanbul, make_meeting, publish

pytestmark = pytest.mark.django_db


def feed_event(client, uid=None):
    calendar = Calendar.from_ical(client.get("/meetings/feed.ics").content)
    events = calendar.walk("VEVENT")
    return events if uid is None else next(e for e in events if str(e["UID"]) == uid)


def test_a_meeting_cycle_from_next_meeting_to_adopted_minutes(
    client, group, agencies, co_chair, mailoutbox, django_capture_on_commit_callbacks
):
    reader = UserFactory(email="reader@konak.example", role=MEMBERS)
    GroupSubscription.objects.create(user=reader, group=group)
    last = make_meeting(
        group,
        title="February plenary",
        start=istanbul(2031, 2, 12),
        status=MeetingPage.Status.HELD,
        agenda=[{"title": "Updates", "discussion": "Partners shared updates."}],
    )

    # A co-chair creates the next meeting from the last one and publishes its agenda.
    client.force_login(co_chair)
    client.post(f"/admin/meetings/{last.pk}/next/")
    march = MeetingPage.objects.exclude(pk=last.pk).get()
    assert march.start == istanbul(2031, 3, 12, 10)
    with django_capture_on_commit_callbacks(execute=True):
        publish(march, co_chair)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "focal@asam.example",
        "focal@unhcr.example",
        "reader@konak.example",
    ]
    mailoutbox.clear()

    # After the meeting, the minutes with a decision and two action points are published.
    items = march.items
    topic = next(item for item in items if item["title"] == "Any other business")
    topic["discussion"] = "Legal aid capacity in Konak is short."
    topic["outcomes"] = topic["outcomes"].__class__(
        topic["outcomes"].list_block,
        values=[
            _outcome(march, kind="decision", text="Open a legal aid desk in Konak."),
            _outcome(
                march,
                kind="action_point",
                text="Draft the desk's terms",
                responsible_agency=agencies["asam"],
                due_date=date(2031, 4, 1),
            ),
            _outcome(
                march,
                kind="action_point",
                text="Find a room in Konak",
                responsible_agency=agencies["iom"],
                due_date=date(2031, 4, 1),
            ),
        ],
    )
    march.status = MeetingPage.Status.HELD
    with django_capture_on_commit_callbacks(execute=True):
        publish(march, co_chair)
    minutes_mails = [mail for mail in mailoutbox if "Minutes:" in mail.subject]
    assert len(minutes_mails) == 3
    # ASAM's focal point hears of its new action point (IOM names no one to e-mail).
    assigned = [mail.to for mail in mailoutbox if "New action point" in mail.subject]
    assert assigned == [["focal@asam.example"]]

    # The following meeting shows both action points as follow-up and adopts the minutes.
    client.post(f"/admin/meetings/{march.pk}/next/")
    april = MeetingPage.objects.exclude(pk__in=[last.pk, march.pk]).get()
    publish(april, co_chair)
    client.logout()
    html = client.get(april.url).content.decode()
    follow_up = html[html.index('id="follow-up-heading"') :]
    assert "Draft the desk&#x27;s terms" in follow_up and "Find a room in Konak" in follow_up
    assert "Draft minutes" in client.get(march.url).content.decode()
    adoption = next(item for item in april.items if item["kind"] == "adoption")
    adoption["minutes_adopted"] = True
    publish(april, co_chair)
    assert "Draft minutes" not in client.get(march.url).content.decode()

    # Moving the April meeting by an hour updates the calendar entry in place.
    before = feed_event(client)
    uid = next(str(e["UID"]) for e in before if "April" in str(e["SUMMARY"]))
    sequence = int(feed_event(client, uid)["SEQUENCE"])
    april.start += timedelta(hours=1)
    april.end += timedelta(hours=1)
    publish(april, co_chair)
    after = feed_event(client)
    assert len(after) == len(before)
    assert int(feed_event(client, uid)["SEQUENCE"]) > sequence


def _outcome(meeting, **values):
    item_block = MeetingPage._meta.get_field("agenda").stream_block.child_blocks["item"]
    outcome = item_block.child_blocks["outcomes"].child_block.get_default()
    outcome.update(values)
    return outcome
