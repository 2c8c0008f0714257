"""A meeting taken off the site, unpublished or deleted, does not vanish from calendars: its
event stays in the feeds as cancelled (meetings/calendar.py), and those its agenda was e-mailed
to are told, once, that it is off."""

from django.utils import timezone

from meetings.calendar import withdraw_from_calendars
from meetings.models import MeetingNotification, MeetingPage
from meetings.notifications import send_withdrawal_notice


def still_on_site(meeting):
    """True while another language version of the meeting is published."""
    return (
        MeetingPage.objects.live()
        .filter(translation_key=meeting.translation_key)
        .exclude(pk=meeting.pk)
        .exists()
    )


def agenda_was_sent(meeting):
    """True when the meeting's agenda was e-mailed to its group."""
    return MeetingNotification.objects.filter(
        meeting_key=meeting.translation_key,
        kind=MeetingNotification.Kind.AGENDA,
        sent_at__isnull=False,
    ).exists()


def withdraw_meeting(meeting):
    """Keep the meeting in the feeds as cancelled once no language version of it is on the
    site; e-mail the notice when its agenda was sent and it has not ended yet. The e-mails
    are queued in the same transaction (core/mail.py), so a rolled back removal sends none."""
    if still_on_site(meeting):
        return
    entry = withdraw_from_calendars(meeting)
    if entry is None or meeting.end <= timezone.now() or not agenda_was_sent(meeting):
        return
    notice, created = MeetingNotification.objects.get_or_create(
        meeting_key=meeting.translation_key,
        kind=MeetingNotification.Kind.WITHDRAWN,
        sequence=entry.sequence,
    )
    if not created:
        return
    notice.recipient_count = send_withdrawal_notice(meeting, entry, notice)
    notice.sent_at = timezone.now()
    notice.save(update_fields=["recipient_count", "sent_at"])


def on_meeting_unpublished(sender, instance, **kwargs):
    """Hooked to Wagtail's page_unpublished for MeetingPage."""
    withdraw_meeting(instance)


def on_meeting_deleted(sender, instance, **kwargs):
    """Hooked to pre_delete of MeetingPage, alone or with its group: the page and its group
    are still there to say what the feeds keep and the notice tells."""
    withdraw_meeting(instance)
