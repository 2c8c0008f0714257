"""iCalendar (RFC 5545 / RFC 7986) feeds of meetings, written with the ``icalendar`` package.

Pure domain code: it knows nothing of pages or models. The caller turns a meeting into a
:class:`CalendarEvent` (with the UID and SEQUENCE it stores) and serves the bytes of
:func:`build_calendar` as ``text/calendar``. Calendar clients update an event in place only when
its UID is the same and its SEQUENCE is higher, so both come from storage, never from here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from icalendar import Calendar, Event, Timezone, vDuration, vText

from iswg_portal.core.time import local_time_zone_name, to_local

PRODUCT_ID = "-//ISWG Aegean//ISWG Portal//EN"
MAX_REFRESH_MINUTES = 7 * 24 * 60

EVENT_STATUSES = frozenset({"CONFIRMED", "TENTATIVE", "CANCELLED"})

# The VTIMEZONE always reaches back to at least this date: Türkiye has kept UTC+3 all year since
# September 2016, so for every meeting the portal holds the zone is one plain observance. Older
# meetings widen the window so their summer and winter offsets are described too.
_TIME_ZONE_WINDOW_START = date(2017, 1, 1)
_TIME_ZONE_WINDOW_END = date(2038, 1, 1)

# RFC 5545 TEXT may not contain control characters (3.3.11, TSAFE-CHAR); newlines are kept and
# escaped, tabs are allowed whitespace. Lone surrogates cannot be encoded as UTF-8.
_FORBIDDEN_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


@dataclass(frozen=True)
class CalendarEvent:
    """One meeting as calendar clients see it: a VEVENT with the UID and SEQUENCE stored for it.

    Construction checks what a calendar client relies on, so a wrong value fails here with a
    clear message instead of producing a feed that clients silently mishandle.
    """

    uid: str
    sequence: int
    summary: str
    start: datetime
    end: datetime
    status: str
    location: str = ""
    url: str = ""
    description: str = ""
    created: datetime | None = None
    last_modified: datetime | None = None

    def __post_init__(self):
        if not isinstance(self.uid, str) or not self.uid.strip():
            raise ValueError("A calendar event needs a UID.")
        if _FORBIDDEN_IN_TEXT.search(self.uid) or "\n" in self.uid:
            raise ValueError("A calendar event UID may not contain control characters.")
        if isinstance(self.sequence, bool) or not isinstance(self.sequence, int):
            raise ValueError("A calendar event SEQUENCE must be a whole number.")
        if self.sequence < 0:
            raise ValueError("A calendar event SEQUENCE cannot be negative.")
        if self.status not in EVENT_STATUSES:
            raise ValueError(f"Unknown calendar event status {self.status!r}.")
        for field in ("start", "end", "created", "last_modified"):
            value = getattr(self, field)
            if value is not None and not _is_aware_datetime(value):
                raise ValueError(
                    f"The {field} of a calendar event must be a time-zone aware datetime."
                )
        if self.start is None or self.end is None:
            raise ValueError("A calendar event needs a start and an end.")
        if self.end <= self.start:
            raise ValueError("A calendar event must end after it starts.")
        if self.url and not _is_absolute_web_url(self.url):
            raise ValueError("A calendar event URL must be an absolute http(s) address.")

    def full_description(self) -> str:
        """The description as written to the feed: the given text followed by the page link."""
        description = _clean_text(self.description).strip()
        if not self.url or description.endswith(self.url):
            return description
        return f"{description}\n\n{self.url}" if description else self.url


def build_calendar(
    events: Iterable[CalendarEvent],
    *,
    name: str,
    refresh_minutes: int = 60,
    now: datetime | None = None,
) -> bytes:
    """RFC 5545/7986 VCALENDAR of the given events, published (METHOD:PUBLISH) under ``name``.

    Each event becomes one VEVENT dated on the portal's clock (``TZID=Europe/Istanbul``) next to
    a VTIMEZONE for it; ``now`` is the DTSTAMP. The same events give the same bytes except for
    DTSTAMP, whatever the order they come in, so a feed only changes when a meeting does. An
    empty calendar is valid.
    """
    if isinstance(refresh_minutes, bool) or not isinstance(refresh_minutes, int):
        raise ValueError("The refresh interval must be a whole number of minutes.")
    if refresh_minutes <= 0:
        raise ValueError("The refresh interval must be at least one minute.")
    if refresh_minutes > MAX_REFRESH_MINUTES:
        # Subscribers must learn of a cancellation before the meeting, so never ask for less.
        raise ValueError("The refresh interval must be at most a week.")
    if now is None:
        now = datetime.now(UTC)
    elif not _is_aware_datetime(now):
        raise ValueError("The time stamp of a calendar must be a time-zone aware datetime.")
    calendar_name = _clean_text(name).strip()
    if not calendar_name:
        raise ValueError("A calendar needs a name.")

    events = sorted(events, key=lambda event: (event.start, event.end, event.uid))
    _reject_duplicate_uids(events)

    calendar = Calendar()
    calendar.add("PRODID", PRODUCT_ID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("NAME", _PortalText(calendar_name))
    calendar.add("X-WR-CALNAME", _PortalText(calendar_name))
    calendar.add("X-WR-TIMEZONE", local_time_zone_name())
    refresh = timedelta(minutes=refresh_minutes)
    calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
    # An X- property has no known type: without vDuration the TTL would be written as "1:00:00".
    calendar.add("X-PUBLISHED-TTL", vDuration(refresh))

    calendar.add_component(_time_zone_for(events))
    stamp = _utc(now)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    return calendar.to_ical()


class _PortalText(vText):
    """TEXT value escaped exactly as RFC 5545 3.3.11 says.

    ``icalendar`` 7.3 turns a literal backslash followed by ``N`` into a line break before
    escaping, so "C:\\New" would lose its backslash; this escapes the text as written.
    """

    def __new__(cls, value, *args, **kwargs):
        return super().__new__(cls, _clean_text(value), *args, **kwargs)

    def to_ical(self) -> bytes:
        escaped = (
            str(self)
            .replace("\\", "\\\\")
            .replace(";", "\\;")
            .replace(",", "\\,")
            .replace("\n", "\\n")
        )
        return escaped.encode("utf-8")


def _vevent(event: CalendarEvent, stamp: datetime) -> Event:
    """The VEVENT of one calendar event, stamped with ``stamp``."""
    vevent = Event()
    vevent.add("UID", _PortalText(event.uid))
    vevent.add("SEQUENCE", event.sequence)
    vevent.add("DTSTAMP", stamp)
    vevent.add("DTSTART", _local(event.start))
    vevent.add("DTEND", _local(event.end))
    vevent.add("STATUS", event.status)
    vevent.add("SUMMARY", _PortalText(event.summary))
    if event.created is not None:
        vevent.add("CREATED", _utc(event.created))
    # LAST-MODIFIED is never invented from "now": that would change the feed on every request.
    last_modified = event.last_modified or event.created
    if last_modified is not None:
        vevent.add("LAST-MODIFIED", _utc(last_modified))
    location = _clean_text(event.location).strip()
    if location:
        vevent.add("LOCATION", _PortalText(location))
    if event.url:
        vevent.add("URL", event.url)
    description = event.full_description()
    if description:
        vevent.add("DESCRIPTION", _PortalText(description))
    return vevent


def _time_zone_for(events: list[CalendarEvent]) -> Timezone:
    """The VTIMEZONE of the portal's time zone covering every event of the calendar."""
    first = _TIME_ZONE_WINDOW_START
    last = _TIME_ZONE_WINDOW_END
    if events:
        earliest = min(_local(event.start) for event in events)
        latest = max(_local(event.end) for event in events)
        first = min(first, date(earliest.year, 1, 1))
        last = max(last, date(latest.year + 2, 1, 1))
    return _cached_time_zone(local_time_zone_name(), first, last)


@lru_cache(maxsize=16)
def _cached_time_zone(name: str, first: date, last: date) -> Timezone:
    """Build the VTIMEZONE once per window; walking the zone's transitions is slow."""
    time_zone = Timezone.from_tzid(name, first_date=first, last_date=last)
    # The generated COMMENT claims the zone "only works" inside the window, but the last
    # observance rightly runs on for ever; clients show comments, so drop the misleading one.
    time_zone.pop("COMMENT", None)
    return time_zone


def _reject_duplicate_uids(events: list[CalendarEvent]) -> None:
    """Two VEVENTs with one UID make clients drop one of them; that is a caller's bug."""
    seen: set[str] = set()
    for event in events:
        if event.uid in seen:
            raise ValueError(f"Two calendar events share the UID {event.uid!r}.")
        seen.add(event.uid)


def _clean_text(value: str) -> str:
    """Text ready for the feed: NFC, line breaks as ``\\n``, no control characters."""
    text = unicodedata.normalize("NFC", str(value or ""))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN_IN_TEXT.sub("", text)


def _local(moment: datetime) -> datetime:
    """The moment on the portal's wall clock, written with its TZID."""
    return to_local(moment).replace(microsecond=0)


def _utc(moment: datetime) -> datetime:
    """The moment in UTC, as RFC 5545 requires for DTSTAMP, CREATED and LAST-MODIFIED."""
    return moment.astimezone(UTC).replace(microsecond=0)


def _is_aware_datetime(value: object) -> bool:
    """Whether ``value`` is a datetime that knows its offset from UTC."""
    return isinstance(value, datetime) and value.utcoffset() is not None


def _is_absolute_web_url(value: str) -> bool:
    """Whether ``value`` is a plain absolute http(s) address, safe to write as a URI value."""
    if not isinstance(value, str) or any(char.isspace() for char in value):
        return False
    if _FORBIDDEN_IN_TEXT.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)
