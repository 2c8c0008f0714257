"""Meetings as calendar events: stored identity (UID, SEQUENCE) and the feeds built from it."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from meetings.ical import CalendarEvent, build_calendar
from meetings.models import CalendarEntry, MeetingPage
from meetings.visibility import (
    THE_PUBLIC,
    feed_audience,
    hidden_action_point_ids,
    readable_agenda_titles,
)

FEED_REFRESH_MINUTES = 60
# A meeting taken off the site stays in the feeds as cancelled until this long after its end,
# so that every subscriber's calendar drops it.
WITHDRAWN_KEPT_FOR = timedelta(days=30)


def absolute_url(page):
    """The page's address as a calendar or an e-mail needs it: with scheme and host."""
    url = page.get_url() or ""
    if url.startswith("/"):
        url = settings.SITE_URL + url
    return url


def event_fingerprint(meeting):
    """What a calendar client must be told about when it changes: time, place and status."""
    return {
        "start": meeting.start,
        "end": meeting.end,
        "location": meeting.location_text[:600],
        "status": meeting.status,
    }


@transaction.atomic
def record_calendar_state(meeting):
    """Create the meeting's calendar entry, or raise its SEQUENCE when time, place or status
    changed or the meeting comes back after it was taken off the site; return (entry, names of
    what changed, "withdrawn_at" among them for a meeting back on the site). The entry row is
    locked while compared."""
    fingerprint = event_fingerprint(meeting)
    entry = (
        CalendarEntry.objects.select_for_update()
        .filter(meeting_key=meeting.translation_key)
        .first()
    )
    if entry is None:
        entry = CalendarEntry.objects.create(meeting_key=meeting.translation_key, **fingerprint)
        return entry, []
    changed = [name for name, value in fingerprint.items() if getattr(entry, name) != value]
    if entry.withdrawn_at is not None:
        changed.append("withdrawn_at")
    if changed:
        for name, value in fingerprint.items():
            setattr(entry, name, value)
        entry.withdrawn_at = None
        entry.sequence += 1
        entry.last_modified = timezone.now()
        entry.save()
    return entry, changed


@transaction.atomic
def withdraw_from_calendars(meeting):
    """The meeting is no longer on the site in any language (unpublished or deleted): keep its
    entry as a cancelled event, with a higher SEQUENCE, for the feeds it was in. Return the
    entry, or None when it never was in a calendar or is already withdrawn."""
    entry = (
        CalendarEntry.objects.select_for_update()
        .filter(meeting_key=meeting.translation_key, withdrawn_at__isnull=True)
        .first()
    )
    if entry is None:
        return None
    now = timezone.now()
    entry.withdrawn_at = now
    entry.status = MeetingPage.Status.CANCELLED
    entry.sequence += 1
    entry.last_modified = now
    entry.summary = f"{meeting.group.title}: {meeting.title}"[:600]
    entry.group_key = meeting.group.translation_key
    entry.audience = feed_audience(meeting)
    entry.save()
    return entry


def withdrawn_entries(audiences, group_key=None, now=None):
    """Entries of meetings taken off the site that feeds for these audiences still list as
    cancelled (until WITHDRAWN_KEPT_FOR after the meeting), of one group when it is given."""
    now = now or timezone.now()
    entries = CalendarEntry.objects.filter(
        withdrawn_at__isnull=False, audience__in=audiences, end__gte=now - WITHDRAWN_KEPT_FOR
    )
    if group_key is not None:
        entries = entries.filter(group_key=group_key)
    return list(entries.order_by("start", "pk"))


def withdrawn_event(entry):
    """A meeting taken off the site, as a cancelled event: what the entry kept of it, and no
    link, since its page is gone."""
    return CalendarEvent(
        uid=entry.uid,
        sequence=entry.sequence,
        summary=entry.summary or gettext("Cancelled meeting"),
        start=entry.start,
        end=entry.end,
        status=MeetingPage.CALENDAR_STATUS[MeetingPage.Status.CANCELLED],
        location=entry.location,
        description=gettext("This meeting is cancelled. It is no longer on the portal."),
        created=entry.created_at,
        last_modified=entry.last_modified,
    )


def calendar_entries(meetings):
    """The calendar entries of these meetings by translation key; missing ones are created."""
    keys = {meeting.translation_key for meeting in meetings}
    entries = {
        entry.meeting_key: entry for entry in CalendarEntry.objects.filter(meeting_key__in=keys)
    }
    for meeting in meetings:
        if meeting.translation_key not in entries:
            entries[meeting.translation_key] = record_calendar_state(meeting)[0]
    return entries


def event_description(meeting, agenda_titles):
    """The event's text: the group, the agenda titles the reader may see, the page link last."""
    lines = [meeting.group.title]
    if meeting.status_note:
        lines.append(meeting.status_note)
    if agenda_titles:
        lines.append(gettext("Agenda:"))
        lines.extend(f"{number}. {title}" for number, title in enumerate(agenda_titles, 1))
    return "\n".join(lines)


def calendar_event(meeting, entry, viewer=None, hidden=None):
    """One meeting as the iCalendar writer's event, with its stored UID and SEQUENCE; the agenda
    as `viewer` may read it (the public when no one is named)."""
    url = absolute_url(meeting)
    return CalendarEvent(
        uid=entry.uid,
        sequence=entry.sequence,
        summary=f"{meeting.group.title}: {meeting.title}",
        start=meeting.start,
        end=meeting.end,
        status=meeting.calendar_status,
        location=meeting.location_text,
        url=url,
        description=event_description(
            meeting, readable_agenda_titles(meeting, viewer or THE_PUBLIC, hidden)
        ),
        created=entry.created_at,
        last_modified=entry.last_modified,
    )


def meetings_calendar(meetings, name, viewer=None, withdrawn=()):
    """The iCalendar bytes of a list of meetings (groups attached), empty or not, as `viewer`
    may read them (the public when no one is named), with the `withdrawn` entries (see
    `withdrawn_entries`) as cancelled events."""
    viewer = viewer or THE_PUBLIC
    entries = calendar_entries(meetings)
    hidden = hidden_action_point_ids(meetings, viewer)
    events = [
        calendar_event(meeting, entries[meeting.translation_key], viewer, hidden)
        for meeting in meetings
    ]
    listed = {event.uid for event in events}
    events.extend(withdrawn_event(entry) for entry in withdrawn if entry.uid not in listed)
    return build_calendar(events, name=name, refresh_minutes=FEED_REFRESH_MINUTES)
