"""Opening hours are computed in Istanbul time, whatever time zone the question comes in."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from services_map.hours import (
    closing_time,
    compact_hours,
    is_open,
    next_opening,
    opening_hours_specification,
    opening_status,
    weekly_rows,
)


@dataclass
class Slot:
    weekday: int
    opens_at: time | None
    closes_at: time | None


WEEKDAYS_NINE_TO_FIVE = [Slot(day, time(9), time(17)) for day in range(1, 6)]

ISTANBUL = ZoneInfo("Europe/Istanbul")

# 25 November 2026 is a Wednesday.
WEDNESDAY = date(2026, 11, 25)


def at(day, hour, minute=0, tz=ISTANBUL):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def test_open_during_weekday_hours():
    assert is_open(WEEKDAYS_NINE_TO_FIVE, at(WEDNESDAY, 10))


def test_closed_before_opening_time():
    assert not is_open(WEEKDAYS_NINE_TO_FIVE, at(WEDNESDAY, 8, 59))


def test_closed_at_the_closing_minute():
    assert not is_open(WEEKDAYS_NINE_TO_FIVE, at(WEDNESDAY, 17))


def test_closed_on_saturday():
    assert not is_open(WEEKDAYS_NINE_TO_FIVE, at(date(2026, 11, 28), 10))


def test_a_utc_moment_is_judged_in_istanbul_time():
    # 06:30 UTC is 09:30 in Istanbul (UTC+3 all year): open, though 06:30 looks closed.
    assert is_open(WEEKDAYS_NINE_TO_FIVE, datetime(2026, 11, 25, 6, 30, tzinfo=UTC))


def test_a_utc_moment_after_closing_in_istanbul_is_closed():
    # 14:30 UTC is 17:30 in Istanbul.
    assert not is_open(WEEKDAYS_NINE_TO_FIVE, datetime(2026, 11, 25, 14, 30, tzinfo=UTC))


def test_a_naive_moment_is_taken_as_istanbul_time():
    assert is_open(WEEKDAYS_NINE_TO_FIVE, datetime(2026, 11, 25, 16, 59))


def test_an_overnight_shift_is_open_after_midnight_on_the_next_day():
    hotline = [Slot(5, time(22), time(2))]  # Friday 22:00 to Saturday 02:00
    assert is_open(hotline, at(date(2026, 11, 28), 1, 30))


def test_an_overnight_shift_from_sunday_runs_into_monday():
    hotline = [Slot(7, time(20), time(6))]
    assert is_open(hotline, at(date(2026, 11, 30), 5))


def test_closing_at_midnight_keeps_the_evening_open():
    late = [Slot(3, time(18), time(0))]
    assert is_open(late, at(WEDNESDAY, 23, 59))


def test_half_filled_schedule_rows_are_ignored():
    rows = [Slot(3, None, time(17)), Slot(3, time(9), None), Slot(9, time(9), time(17))]
    assert not is_open(rows, at(WEDNESDAY, 10))


def test_closing_time_joins_back_to_back_periods():
    split = [Slot(3, time(9), time(12)), Slot(3, time(12), time(17))]
    assert closing_time(split, at(WEDNESDAY, 10)) == at(WEDNESDAY, 17)


def test_closing_time_stops_at_a_lunch_break():
    split = [Slot(3, time(9), time(12)), Slot(3, time(13), time(17))]
    assert closing_time(split, at(WEDNESDAY, 10)) == at(WEDNESDAY, 12)


def test_next_opening_later_the_same_day_after_lunch():
    split = [Slot(3, time(9), time(12)), Slot(3, time(13), time(17))]
    assert next_opening(split, at(WEDNESDAY, 12, 30)) == at(WEDNESDAY, 13)


def test_next_opening_after_the_weekend_is_monday_morning():
    assert next_opening(WEEKDAYS_NINE_TO_FIVE, at(date(2026, 11, 27), 18)) == at(
        date(2026, 11, 30), 9
    )


def test_next_opening_a_week_later_for_a_once_a_week_service():
    weekly = [Slot(3, time(10), time(12))]
    assert next_opening(weekly, at(WEDNESDAY, 13)) == at(date(2026, 12, 2), 10)


def test_next_opening_is_none_without_hours():
    assert next_opening([], at(WEDNESDAY, 10)) is None


def test_status_when_open_says_until_when():
    status = opening_status(WEEKDAYS_NINE_TO_FIVE, at(WEDNESDAY, 10))
    assert status.is_open
    assert status.closes_at == at(WEDNESDAY, 17)


def test_status_when_closed_in_the_morning_says_it_opens_later_today():
    status = opening_status(WEEKDAYS_NINE_TO_FIVE, at(WEDNESDAY, 7))
    assert not status.is_open
    assert status.opens_later_today
    assert status.opens_at == at(WEDNESDAY, 9)


def test_status_without_any_hours_says_so():
    status = opening_status([], at(WEDNESDAY, 10))
    assert not status.has_hours
    assert not status.is_open


def test_weekly_rows_list_seven_days_from_monday_marking_today():
    rows = weekly_rows(WEEKDAYS_NINE_TO_FIVE, today=WEDNESDAY)
    assert [row.weekday for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [row.is_today for row in rows] == [False, False, True, False, False, False, False]


def test_weekly_rows_show_closed_days_and_periods_in_order():
    split = [Slot(1, time(13), time(17)), Slot(1, time(9), time(12))]
    rows = weekly_rows(split)
    assert rows[0].periods == [(time(9), time(12)), (time(13), time(17))]
    assert rows[1].is_closed


def test_opening_hours_specification_names_schema_org_days():
    spec = opening_hours_specification([Slot(2, time(8, 30), time(16))])
    assert spec == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "08:30",
            "closes": "16:00",
        }
    ]


def test_compact_hours_joins_consecutive_days_with_the_same_hours():
    week = [*WEEKDAYS_NINE_TO_FIVE, Slot(6, time(10), time(14))]
    assert compact_hours(week) == [("Mon–Fri", "09:00–17:00"), ("Sat", "10:00–14:00")]


def test_compact_hours_keeps_apart_days_that_are_not_consecutive():
    week = [Slot(2, time(9), time(12)), Slot(4, time(9), time(12))]
    assert compact_hours(week) == [("Tue", "09:00–12:00"), ("Thu", "09:00–12:00")]
