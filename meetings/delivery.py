"""What became of each meeting e-mail: every message is recorded with its own Message-ID
before it is queued (core/mail.py), and the queue's worker reports it delivered, tried again
or failed, so that a co-chair sees on the meeting who was e-mailed and who was not reached."""

from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings

from meetings.models import MeetingEmail


def send_recorded(notification, message, recipient):
    """Queue one message to one recipient and record it under the notification."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    message.extra_headers["Message-ID"] = make_msgid(domain=domain)
    MeetingEmail.objects.create(
        notification=notification,
        address=recipient.address,
        language=recipient.language,
        message_id=message.extra_headers["Message-ID"],
    )
    message.send()


def on_delivery_reported(sender, message_id, state, error="", **kwargs):
    """Hooked to core.mail.delivery_reported: a delivered message stays delivered."""
    (
        MeetingEmail.objects.filter(message_id=message_id)
        .exclude(state=MeetingEmail.State.DELIVERED)
        .update(state=state, error=error[:300])
    )
