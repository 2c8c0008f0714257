"""remind_action_points: one digest per agency, at most once a week."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from meetings.models import ActionPointReminder
from meetings.reminders import send_reminders
from tests.factories.meetings import istanbul, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_points(group, agencies, mailoutbox):
    today = timezone.localdate()
    make_meeting(
        group,
        start=istanbul(2030, 1, 8),
        agenda=[
            {
                "title": "Follow-up",
                "outcomes": [
                    {
                        "kind": "action_point",
                        "text": "Overdue ASAM report",
                        "responsible_agency": agencies["asam"],
                        "due_date": today - timedelta(days=5),
                    },
                    {
                        "kind": "action_point",
                        "text": "ASAM list due this week",
                        "responsible_agency": agencies["asam"],
                        "due_date": today + timedelta(days=3),
                    },
                    {
                        "kind": "action_point",
                        "text": "UNHCR plan due next quarter",
                        "responsible_agency": agencies["unhcr"],
                        "due_date": today + timedelta(days=90),
                    },
                ],
            }
        ],
    )
    # The agencies were told of their new points at publication; only digests count below.
    mailoutbox.clear()


def run(*args):
    out = io.StringIO()
    call_command("remind_action_points", *args, stdout=out)
    return out.getvalue()


def test_agency_focal_point_gets_one_digest_with_overdue_and_soon_due(due_points, mailoutbox):
    run()
    (mail,) = mailoutbox
    assert mail.to == ["focal@asam.example"]
    assert "Overdue ASAM report" in mail.body
    assert "ASAM list due this week" in mail.body
    assert mail.alternatives[0].mimetype == "text/html"


def test_agency_without_due_action_points_gets_nothing(due_points, mailoutbox):
    run()
    assert not any("focal@unhcr.example" in mail.to for mail in mailoutbox)


def test_second_run_in_the_same_week_sends_nothing(due_points, mailoutbox):
    run()
    run()
    assert len(mailoutbox) == 1


def test_a_week_later_the_digest_is_sent_again(due_points, mailoutbox):
    send_reminders()
    send_reminders(now=timezone.now() + timedelta(days=7, minutes=1))
    assert len(mailoutbox) == 2


def test_dry_run_sends_and_records_nothing(due_points, mailoutbox):
    output = run("--dry-run")
    assert mailoutbox == []
    assert not ActionPointReminder.objects.exists()
    assert "Would remind 1 agencies" in output


def test_done_action_points_are_not_reminded(due_points, mailoutbox):
    from meetings.models import ActionPoint

    for point in ActionPoint.objects.filter(responsible_agency__acronym="ASAM"):
        point.set_status(ActionPoint.Status.DONE)
    run()
    assert mailoutbox == []
