"""E-mails to a group's recipients about its meetings, each in the recipient's own language,
each message recorded with what became of it (meetings/delivery.py)."""

import hashlib
import json

from django.conf import settings
from django.utils import translation

from iswg_portal.core.mail import render_email
from iswg_portal.core.translation import best_live_translations, best_translation
from meetings.calendar import absolute_url, calendar_entries, calendar_event, withdrawn_event
from meetings.delivery import send_recorded
from meetings.ical import build_calendar
from meetings.models import ActionPoint
from meetings.recipients import group_recipients
from meetings.visibility import (
    THE_PUBLIC,
    readable_agenda,
    readable_decisions,
    visible_action_points,
)


def meeting_in_language(meeting, language):
    """The live translation of the meeting a reader of that language reads best (see
    core/translation.py), else the meeting itself."""
    translations = meeting.get_translations().live().select_related("locale")
    return best_translation([meeting, *translations], language).specific


def content_digest(meeting, kind):
    """A fingerprint of what the agenda or minutes e-mail says about the meeting's items, to
    tell a corrected text (sent again, marked updated) from a republication that changed
    nothing. The minutes' action points count as written in the minutes: a due date moved
    later on the point itself is the point's own business, not a correction of the minutes."""
    items = readable_agenda(meeting, THE_PUBLIC)
    if kind == "agenda":
        content = [[item["title"], getattr(item["presenter"], "pk", None)] for item in items]
    else:
        content = [
            [
                item["title"],
                str(item["discussion"]),
                [[outcome["kind"], str(outcome["text"])] for outcome in item["outcomes"]],
            ]
            for item in items
        ]
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


def minutes_action_points(meeting, language):
    """The action points the meeting's minutes raised that the public may read, as they stand
    now, each with its responsible agency named in the reader's language."""
    points = list(
        visible_action_points(THE_PUBLIC)
        .filter(raised_at__translation_key=meeting.translation_key)
        .select_related("responsible_agency")
        .order_by("due_date", "pk")
    )
    agencies = {point.responsible_agency for point in points if point.responsible_agency}
    named = best_live_translations(agencies, language)
    return [
        {
            "text": point.text,
            "agency": named.get(getattr(point.responsible_agency, "translation_key", None)),
            "due_date": point.due_date,
            "status": point.get_status_display(),
            "open": point.status == ActionPoint.Status.OPEN,
        }
        for point in points
    ]


def build_message(meeting, kind, changed, address, language, updated=False):
    """One e-mail to one person, plain text and HTML, with the meeting's .ics attached."""
    with translation.override(language):
        shown = meeting_in_language(meeting, language)
        entry = calendar_entries([meeting])[meeting.translation_key]
        show_details = shown.can_see_details(THE_PUBLIC)
        # An e-mail is easily forwarded: whoever receives it, it says what the public may read.
        context = {
            "meeting": shown,
            "kind": kind,
            "updated": updated,
            "changed": set(changed),
            "url": absolute_url(shown),
            "show_details": show_details,
            "agenda_items": readable_agenda(shown, THE_PUBLIC),
            "decisions": readable_decisions(shown, THE_PUBLIC),
            "action_points": (
                minutes_action_points(meeting, language)
                if kind == "minutes" and show_details
                else []
            ),
        }
        event = calendar_event(meeting, entry, THE_PUBLIC)
        ics = build_calendar([event], name=meeting.group.title)
    return render_email(
        to=address,
        language=language,
        context=context,
        subject_template="meetings/emails/meeting_notice_subject.txt",
        text_template="meetings/emails/meeting_notice.txt",
        html_template="meetings/emails/meeting_notice.html",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        attachments=[("meeting.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")],
    )


def send_meeting_email(meeting, notification, changed=()):
    """Queue an e-mail about a publication or change to each of the group's recipients,
    recorded under `notification`; return how many were queued."""
    recipients = list(group_recipients(meeting.group))
    messages = [
        (
            build_message(
                meeting,
                notification.kind,
                changed,
                recipient.address,
                recipient.language,
                updated=notification.updated,
            ),
            recipient,
        )
        for recipient in recipients
    ]
    for message, recipient in messages:
        send_recorded(notification, message, recipient)
    return len(messages)


def build_withdrawal_message(meeting, entry, address, language):
    """The notice that a meeting whose agenda was sent is taken off the site, in the reader's
    language, with the cancelled event attached so that calendars drop it."""
    with translation.override(language):
        shown = meeting_in_language(meeting, language)
        ics = build_calendar([withdrawn_event(entry)], name=meeting.group.title)
    return render_email(
        to=address,
        language=language,
        context={"meeting": shown},
        subject_template="meetings/emails/meeting_withdrawn_subject.txt",
        text_template="meetings/emails/meeting_withdrawn.txt",
        html_template="meetings/emails/meeting_withdrawn.html",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
        attachments=[("meeting.ics", ics, "text/calendar; charset=utf-8; method=PUBLISH")],
    )


def send_withdrawal_notice(meeting, entry, notification):
    """Queue the notice of a withdrawn meeting to each of the group's recipients (those its
    agenda goes to), recorded under `notification`; return how many were queued."""
    recipients = list(group_recipients(meeting.group))
    for recipient in recipients:
        message = build_withdrawal_message(meeting, entry, recipient.address, recipient.language)
        send_recorded(notification, message, recipient)
    return len(recipients)
