"""The iCalendar writer of meetings, read back as calendar clients read it.

Feeds are parsed with ``icalendar``'s reader and expanded with ``recurring-ical-events`` (which
also applies X-WR-TIMEZONE the way Google Calendar does), never by looking at the writer's
own objects.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
import recurring_ical_events
from django.utils import translation
from icalendar import Calendar

from meetings.ical import CalendarEvent, build_calendar

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
TURKISH = "Koruma Çalışma Grubu — İzmir"
ARABIC = "اجتماع مجموعة الحماية"
PAGE_URL = "https://iswg.example.org/tr/meetings/koruma-2019-03/"


def calendar_event(**overrides):
    """A meeting of the protection working group on 13 March 2019, 10:00-12:00 in İzmir."""
    values = {
        "uid": "5f0c6c2e-8a41-4f0e-9c55-0d2b1a7e6b11@iswg-portal",
        "sequence": 3,
        "summary": TURKISH,
        "start": datetime(2019, 3, 13, 7, 0, tzinfo=UTC),
        "end": datetime(2019, 3, 13, 9, 0, tzinfo=UTC),
        "status": "CONFIRMED",
        "location": "UNHCR İzmir, Alsancak",
        "url": PAGE_URL,
        "description": "Monthly meeting of the protection working group.",
        "created": datetime(2019, 2, 1, 9, 30, tzinfo=UTC),
        "last_modified": datetime(2019, 3, 1, 12, 15, tzinfo=UTC),
    }
    values.update(overrides)
    return CalendarEvent(**values)


def render(*events, name="ISWG meetings", **kwargs):
    """The calendar's bytes for ``events``, stamped at NOW unless told otherwise."""
    kwargs.setdefault("now", NOW)
    return build_calendar(events, name=name, **kwargs)


def parse(raw):
    """The calendar as ``icalendar``'s reader sees it."""
    return Calendar.from_ical(raw)


def only_vevent(raw):
    """The single VEVENT of a one-event calendar, as parsed back."""
    (vevent,) = parse(raw).walk("VEVENT")
    return vevent


def occurrences(raw, start=date(2000, 1, 1), stop=date(2100, 1, 1)):
    """The events a calendar client shows between ``start`` and ``stop``."""
    return list(recurring_ical_events.of(parse(raw)).between(start, stop))


def physical_lines(raw):
    """The octet lines of the stream, split on the CRLF that RFC 5545 requires."""
    return raw.split(b"\r\n")


# Identity: UID and SEQUENCE


def test_event_keeps_the_stored_uid():
    vevent = only_vevent(render(calendar_event()))

    assert str(vevent["UID"]) == "5f0c6c2e-8a41-4f0e-9c55-0d2b1a7e6b11@iswg-portal"


def test_event_keeps_the_stored_sequence():
    vevent = only_vevent(render(calendar_event(sequence=7)))

    assert vevent["SEQUENCE"] == 7


def test_moved_meeting_reads_as_the_same_event_with_a_higher_sequence():
    before = occurrences(render(calendar_event(sequence=3)))
    moved = calendar_event(
        sequence=4,
        start=datetime(2019, 3, 13, 8, 0, tzinfo=UTC),
        end=datetime(2019, 3, 13, 10, 0, tzinfo=UTC),
    )
    after = occurrences(render(moved))

    assert [str(e["UID"]) for e in after] == [str(e["UID"]) for e in before]
    assert after[0]["SEQUENCE"] > before[0]["SEQUENCE"]
    assert after[0].start - before[0].start == timedelta(hours=1)


def test_each_event_becomes_one_vevent_in_time_order():
    later = calendar_event(
        uid="later@iswg-portal",
        start=datetime(2019, 4, 10, 7, 0, tzinfo=UTC),
        end=datetime(2019, 4, 10, 9, 0, tzinfo=UTC),
    )
    earlier = calendar_event(uid="earlier@iswg-portal")

    vevents = parse(render(later, earlier)).walk("VEVENT")

    assert [str(v["UID"]) for v in vevents] == ["earlier@iswg-portal", "later@iswg-portal"]


# Time: TZID, VTIMEZONE, DTSTAMP, CREATED, LAST-MODIFIED


def test_start_and_end_are_written_on_istanbul_wall_clock_with_tzid():
    raw = render(calendar_event())

    assert b"DTSTART;TZID=Europe/Istanbul:20190313T100000\r\n" in raw
    assert b"DTEND;TZID=Europe/Istanbul:20190313T120000\r\n" in raw


def test_calendar_client_reads_the_meeting_at_the_right_instant():
    (occurrence,) = occurrences(render(calendar_event()))

    assert occurrence.start == datetime(2019, 3, 13, 7, 0, tzinfo=UTC)
    assert occurrence.end == datetime(2019, 3, 13, 9, 0, tzinfo=UTC)
    assert str(occurrence.start.tzinfo) == "Europe/Istanbul"


def test_calendar_carries_a_vtimezone_for_istanbul():
    calendar = parse(render(calendar_event()))

    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Istanbul"]
    assert calendar.get_missing_tzids() == set()


def test_vtimezone_alone_gives_the_istanbul_offset_of_the_meeting():
    calendar = parse(render(calendar_event()))
    # A client that knows no IANA names has only the VTIMEZONE to go on.
    described = calendar.timezones[0].to_tz(lookup_tzid=False)

    assert datetime(2019, 3, 13, 10, 0, tzinfo=described).utcoffset() == timedelta(hours=3)


@pytest.mark.parametrize(
    ("local_start", "offset_hours"),
    [
        (datetime(2012, 1, 11, 10, 0), 2),  # winter time before 2016
        (datetime(2012, 7, 11, 10, 0), 3),  # summer time before 2016
        (datetime(2019, 1, 9, 10, 0), 3),  # all-year UTC+3 since 2016
    ],
)
def test_vtimezone_covers_older_meetings_with_their_seasonal_offsets(local_start, offset_hours):
    old = calendar_event(
        uid="old@iswg-portal",
        start=datetime(2012, 1, 11, 8, 0, tzinfo=UTC),
        end=datetime(2012, 1, 11, 9, 0, tzinfo=UTC),
    )
    calendar = parse(render(old, calendar_event()))
    described = calendar.timezones[0].to_tz(lookup_tzid=False)

    assert local_start.replace(tzinfo=described).utcoffset() == timedelta(hours=offset_hours)


def test_the_feed_follows_the_portals_time_zone_setting(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    calendar = parse(render(calendar_event()))

    assert b"DTSTART;TZID=Europe/Berlin:20190313T080000\r\n" in calendar.to_ical()
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]


def test_event_is_stamped_with_now_in_utc():
    vevent = only_vevent(render(calendar_event(), now=NOW))

    assert vevent["DTSTAMP"].dt == NOW
    assert b"DTSTAMP:20261125T080000Z\r\n" in render(calendar_event(), now=NOW)


def test_event_is_stamped_with_the_current_time_when_now_is_not_given():
    before = datetime.now(UTC).replace(microsecond=0)
    vevent = only_vevent(build_calendar([calendar_event()], name="ISWG meetings"))
    after = datetime.now(UTC)

    assert before <= vevent["DTSTAMP"].dt <= after


def test_event_carries_created_and_last_modified_in_utc():
    raw = render(calendar_event())

    assert b"CREATED:20190201T093000Z\r\n" in raw
    assert b"LAST-MODIFIED:20190301T121500Z\r\n" in raw


def test_last_modified_falls_back_to_created():
    vevent = only_vevent(render(calendar_event(last_modified=None)))

    assert vevent["LAST-MODIFIED"].dt == datetime(2019, 2, 1, 9, 30, tzinfo=UTC)


# Status and the calendar itself


def test_cancelled_meeting_stays_in_the_feed_marked_cancelled():
    (occurrence,) = occurrences(render(calendar_event(status="CANCELLED")))

    assert occurrence["STATUS"] == "CANCELLED"
    assert str(occurrence["SUMMARY"]) == TURKISH


def test_calendar_is_published_with_method_publish():
    assert parse(render(calendar_event()))["METHOD"] == "PUBLISH"


def test_calendar_name_is_given_for_new_and_old_clients():
    calendar = parse(render(calendar_event(), name="ISWG — Koruma"))

    assert str(calendar["NAME"]) == "ISWG — Koruma"
    assert str(calendar["X-WR-CALNAME"]) == "ISWG — Koruma"


def test_calendar_asks_clients_to_refresh_at_the_given_interval():
    raw = render(calendar_event(), refresh_minutes=30)

    assert parse(raw).refresh_interval == timedelta(minutes=30)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n" in raw
    assert b"X-PUBLISHED-TTL:PT30M\r\n" in raw


def test_calendar_identifies_its_product_and_version():
    calendar = parse(render(calendar_event()))

    assert str(calendar["VERSION"]) == "2.0"
    assert "ISWG Portal" in str(calendar["PRODID"])


def test_empty_calendar_parses_as_a_valid_calendar():
    raw = render()
    calendar = parse(raw)

    calendar.validate()  # raises when PRODID, VERSION or every component is missing
    assert calendar.walk("VEVENT") == []
    assert calendar["METHOD"] == "PUBLISH"
    assert occurrences(raw) == []


# Text: location, link, Turkish and Arabic, escaping, folding


def test_location_is_written():
    assert str(only_vevent(render(calendar_event()))["LOCATION"]) == "UNHCR İzmir, Alsancak"


def test_url_is_the_meeting_page():
    assert str(only_vevent(render(calendar_event()))["URL"]) == PAGE_URL


def test_description_ends_with_the_page_link():
    description = str(only_vevent(render(calendar_event()))["DESCRIPTION"])

    assert description == f"Monthly meeting of the protection working group.\n\n{PAGE_URL}"


def test_description_is_the_page_link_when_there_is_no_text():
    description = str(only_vevent(render(calendar_event(description="")))["DESCRIPTION"])

    assert description == PAGE_URL


def test_page_link_is_not_repeated_when_the_description_already_ends_with_it():
    event = calendar_event(description=f"Agenda and minutes: {PAGE_URL}")

    description = str(only_vevent(render(event))["DESCRIPTION"])

    assert description == f"Agenda and minutes: {PAGE_URL}"


def test_turkish_text_round_trips():
    event = calendar_event(summary=TURKISH, location="Çeşme, İzmir", description="Sağlık; ığüşöç")

    (occurrence,) = occurrences(render(event))

    assert str(occurrence["SUMMARY"]) == TURKISH
    assert str(occurrence["LOCATION"]) == "Çeşme, İzmir"
    assert str(occurrence["DESCRIPTION"]).startswith("Sağlık; ığüşöç")


def test_arabic_text_round_trips():
    event = calendar_event(summary=ARABIC, location="إزمير، ألسنجاق", description=ARABIC)

    (occurrence,) = occurrences(render(event))

    assert str(occurrence["SUMMARY"]) == ARABIC
    assert str(occurrence["LOCATION"]) == "إزمير، ألسنجاق"
    assert str(occurrence["DESCRIPTION"]) == f"{ARABIC}\n\n{PAGE_URL}"


def test_calendar_name_in_arabic_round_trips():
    assert str(parse(render(name=ARABIC))["X-WR-CALNAME"]) == ARABIC


def test_commas_semicolons_and_newlines_are_escaped():
    raw = render(calendar_event(summary="Agenda, minutes; actions\nfollow-up"))

    assert b"SUMMARY:Agenda\\, minutes\\; actions\\nfollow-up\r\n" in raw


def test_commas_semicolons_and_newlines_round_trip():
    text = "Agenda, minutes; actions\nfollow-up"

    assert str(only_vevent(render(calendar_event(summary=text)))["SUMMARY"]) == text


def test_backslashes_round_trip_as_written():
    text = "Shared drive: \\\\iswg\\New folder\\notes"

    assert str(only_vevent(render(calendar_event(summary=text)))["SUMMARY"]) == text


def test_windows_line_breaks_become_single_line_breaks():
    event = calendar_event(description="First line\r\nSecond line\rThird line")

    description = str(only_vevent(render(event))["DESCRIPTION"])

    assert description.startswith("First line\nSecond line\nThird line\n\n")


def test_control_characters_are_dropped_and_the_feed_still_parses():
    event = calendar_event(summary="Koruma\x00 toplantısı\x07\x1b", location="Konak\x7f")

    vevent = only_vevent(render(event))

    assert str(vevent["SUMMARY"]) == "Koruma toplantısı"
    assert str(vevent["LOCATION"]) == "Konak"


def test_every_line_ends_with_crlf():
    raw = render(calendar_event(description="one\ntwo\rthree"))

    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")


def test_long_lines_are_folded_at_75_octets():
    raw = render(calendar_event(description=" ".join([ARABIC, TURKISH] * 20)))

    lines = physical_lines(raw)
    assert any(line.startswith(b" ") for line in lines)  # something was long enough to fold
    assert max(len(line) for line in lines) <= 75


def test_folding_never_splits_a_utf8_character():
    raw = render(calendar_event(summary=ARABIC * 12, description="ığüşöçİ" * 40))

    for line in physical_lines(raw):
        line.decode("utf-8")  # raises if a multi-octet character was cut in two


def test_folded_text_unfolds_to_the_original():
    long_text = " ".join([ARABIC, TURKISH] * 20)

    vevent = only_vevent(render(calendar_event(summary=long_text)))

    assert str(vevent["SUMMARY"]) == long_text


# Stable output


def test_same_events_give_the_same_bytes_apart_from_dtstamp():
    first = render(calendar_event(), now=NOW)
    second = render(calendar_event(), now=NOW + timedelta(days=3, seconds=17))

    def without_dtstamp(raw):
        return [line for line in physical_lines(raw) if not line.startswith(b"DTSTAMP:")]

    assert first != second
    assert without_dtstamp(first) == without_dtstamp(second)


def test_order_of_the_events_does_not_change_the_feed():
    april = calendar_event(
        uid="april@iswg-portal",
        start=datetime(2019, 4, 10, 7, 0, tzinfo=UTC),
        end=datetime(2019, 4, 10, 9, 0, tzinfo=UTC),
    )
    march = calendar_event(uid="march@iswg-portal")

    assert render(april, march) == render(march, april)


def test_sub_second_times_do_not_change_the_feed():
    precise = calendar_event(start=datetime(2019, 3, 13, 7, 0, 0, 123456, tzinfo=UTC))

    assert render(precise) == render(calendar_event())


# Bad values fail loudly instead of producing a feed that clients mishandle


@pytest.mark.parametrize(
    "overrides",
    [
        {"uid": ""},
        {"uid": "   "},
        {"uid": "abc\r\nATTENDEE:mailto:someone@example.org"},
        {"sequence": -1},
        {"sequence": "2"},
        {"sequence": True},
        {"status": "confirmed"},
        {"status": "DONE"},
        {"start": datetime(2019, 3, 13, 10, 0)},
        {"end": datetime(2019, 3, 13, 12, 0)},
        {"end": datetime(2019, 3, 13, 7, 0, tzinfo=UTC)},
        {"end": datetime(2019, 3, 13, 6, 0, tzinfo=UTC)},
        {"created": datetime(2019, 2, 1, 9, 30)},
        {"last_modified": date(2019, 3, 1)},
        {"url": "/tr/meetings/koruma-2019-03/"},
        {"url": "javascript:alert(1)"},
        {"url": "https://iswg.example.org/x\r\nATTENDEE:mailto:someone@example.org"},
        {"url": "https://iswg.example.org/a b"},
    ],
)
def test_invalid_event_is_refused_with_a_clear_error(overrides):
    with pytest.raises(ValueError, match=r"\w"):
        calendar_event(**overrides)


@pytest.mark.parametrize("refresh_minutes", [0, -60, 7 * 24 * 60 + 1, 10**15, 1.5, "60", None])
def test_invalid_refresh_interval_is_refused(refresh_minutes):
    with pytest.raises(ValueError, match="refresh interval"):
        render(calendar_event(), refresh_minutes=refresh_minutes)


def test_a_week_is_the_longest_refresh_interval():
    assert parse(render(refresh_minutes=7 * 24 * 60)).refresh_interval == timedelta(days=7)


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        render(calendar_event(), now=datetime(2026, 11, 25, 8, 0))


@pytest.mark.parametrize("name", ["", "   ", "\x00"])
def test_calendar_without_a_name_is_refused(name):
    with pytest.raises(ValueError, match="name"):
        render(calendar_event(), name=name)


def test_errors_for_the_programmer_stay_in_english_whatever_the_language():
    with translation.override("tr"), pytest.raises(ValueError, match="^A calendar needs a name"):
        render(calendar_event(), name="")


def test_two_events_with_one_uid_are_refused():
    twin = calendar_event(
        start=datetime(2019, 4, 10, 7, 0, tzinfo=UTC),
        end=datetime(2019, 4, 10, 9, 0, tzinfo=UTC),
    )

    with pytest.raises(ValueError, match="share the UID"):
        render(calendar_event(), twin)
