"""E-mails to a group's members about its meetings, each in the recipient's own language."""

from django.conf import settings
from django.utils import translation

from iswg_portal.core.mail import render_email
from iswg_portal.core.translation import best_translation
from meetings.calendar import absolute_url, calendar_entries, calendar_event, withdrawn_event
from meetings.ical import build_calendar
from meetings.visibility import THE_PUBLIC, readable_agenda, readable_decisions


def meeting_in_language(meeting, language):
    """The live translation of the meeting a reader of that language reads best (see
    core/translation.py), else the meeting itself."""
    translations = meeting.get_translations().live().select_related("locale")
    return best_translation([meeting, *translations], language).specific


def build_message(meeting, kind, changed, address, language):
    """One e-mail to one person, plain text and HTML, with the meeting's .ics attached."""
    with translation.override(language):
        shown = meeting_in_language(meeting, language)
        entry = calendar_entries([meeting])[meeting.translation_key]
        # An e-mail is easily forwarded: whoever receives it, it says what the public may read.
        context = {
            "meeting": shown,
            "kind": kind,
            "changed": set(changed),
            "url": absolute_url(shown),
            "show_details": shown.can_see_details(THE_PUBLIC),
            "agenda_items": readable_agenda(shown, THE_PUBLIC),
            "decisions": readable_decisions(shown, THE_PUBLIC),
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


def send_meeting_email(meeting, kind, changed=()):
    """Queue an e-mail to each of the group's members about a publication or change; return
    how many were queued."""
    recipients = meeting.group.email_recipients()
    messages = []
    for address, user in sorted(recipients.items()):
        language = user.preferred_language if user is not None else settings.LANGUAGE_CODE
        messages.append(build_message(meeting, kind, changed, address, language))
    for message in messages:
        message.send()
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


def send_withdrawal_notice(meeting, entry):
    """Queue the notice of a withdrawn meeting to each of the group's recipients (those its
    agenda goes to); return how many were queued."""
    messages = [
        build_withdrawal_message(
            meeting,
            entry,
            address,
            user.preferred_language if user is not None else settings.LANGUAGE_CODE,
        )
        for address, user in sorted(meeting.group.email_recipients().items())
    ]
    for message in messages:
        message.send()
    return len(messages)
