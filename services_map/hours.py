"""Opening-hours maths for services, computed on the portal's clock (Istanbul, core/time.py).

A schedule is any object with `weekday` (1 = Monday … 7 = Sunday, as HSDS and ISO count),
`opens_at` and `closes_at` (naive times, local to Istanbul). A period whose closing time is not
after its opening time runs past midnight into the next day (a 22:00–02:00 hotline shift);
closing at 00:00 means closing at midnight.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from iswg_portal.core.time import local_moment, to_local
from iswg_portal.core.weekdays import Weekday

# Django's `Weekday.values` builds a new list at each use; a card checks every row of its
# schedule several times.
WEEKDAYS = frozenset(Weekday.values)


def _valid(schedule):
    """Skip rows an editor left half-filled rather than fail the whole page on them."""
    return (
        schedule.opens_at is not None
        and schedule.closes_at is not None
        and schedule.weekday in WEEKDAYS
        and schedule.opens_at != schedule.closes_at
    )


def _periods_around(schedules, day):
    """Opening periods as (start, end) Istanbul datetimes that touch `day`, from the day before
    (its overnight periods spill into `day`) to the day after."""
    periods = []
    for offset in (-1, 0, 1):
        current = day + timedelta(days=offset)
        weekday = current.isoweekday()
        for schedule in schedules:
            if not _valid(schedule) or schedule.weekday != weekday:
                continue
            start = local_moment(current, schedule.opens_at)
            end_day = current if schedule.closes_at > schedule.opens_at else current + timedelta(1)
            end = local_moment(end_day, schedule.closes_at)
            periods.append((start, end))
    return sorted(periods)


def is_open(schedules, moment):
    """True when one of the weekly opening periods covers this moment (in Istanbul time)."""
    local = to_local(moment)
    return any(start <= local < end for start, end in _periods_around(schedules, local.date()))


def closing_time(schedules, moment):
    """When the service next closes, as an Istanbul datetime, if it is open at `moment`.

    Back-to-back periods (09:00–12:00 and 12:00–17:00) count as one stretch of opening."""
    local = to_local(moment)
    periods = _periods_around(schedules, local.date()) + _periods_around(
        schedules, local.date() + timedelta(days=2)
    )
    end = None
    for start, stop in sorted(periods):
        if end is None:
            if start <= local < stop:
                end = stop
        elif start <= end:
            end = max(end, stop)
    return end


def next_opening(schedules, moment):
    """The start of the next opening period after `moment` within a week, or None if never."""
    local = to_local(moment)
    candidates = []
    for offset in range(0, 8):
        current = local.date() + timedelta(days=offset)
        weekday = current.isoweekday()
        for schedule in schedules:
            if _valid(schedule) and schedule.weekday == weekday:
                start = local_moment(current, schedule.opens_at)
                if start > local:
                    candidates.append(start)
        if candidates:
            return min(candidates)
    return None


@dataclass
class OpeningStatus:
    """What the page says about opening right now: open until when, or closed until when, with
    today's periods; a temporarily closed service is closed whatever its hours say."""

    asked_at: datetime
    is_open: bool
    closes_at: datetime | None = None
    opens_at: datetime | None = None
    has_hours: bool = True
    temporarily_closed: bool = False
    today: list = field(default_factory=list)

    @property
    def opens_later_today(self):
        """True when the next opening falls on the same Istanbul day as the question."""
        return self.opens_at is not None and self.opens_at.date() == self.asked_at.date()


def periods_on(schedules, day):
    """The (opens_at, closes_at) periods of the weekly schedule on this date's weekday, in
    order."""
    return sorted(
        (schedule.opens_at, schedule.closes_at)
        for schedule in schedules
        if _valid(schedule) and schedule.weekday == day.isoweekday()
    )


def opening_status(schedules, moment, *, temporarily_closed=False):
    """Open now and until when, or closed and when it opens next, with today's periods, for the
    service page and the directory's cards. A temporarily closed service is never open and
    has no next opening to promise, so page and card say the same."""
    schedules = [schedule for schedule in schedules if _valid(schedule)]
    local = to_local(moment)
    has_hours = bool(schedules)
    today = periods_on(schedules, local.date())
    if temporarily_closed:
        return OpeningStatus(
            asked_at=local, is_open=False, has_hours=has_hours, temporarily_closed=True, today=today
        )
    if not has_hours:
        return OpeningStatus(asked_at=local, is_open=False, has_hours=False)
    if is_open(schedules, local):
        return OpeningStatus(
            asked_at=local, is_open=True, closes_at=closing_time(schedules, local), today=today
        )
    return OpeningStatus(
        asked_at=local, is_open=False, opens_at=next_opening(schedules, local), today=today
    )


@dataclass
class WeekdayHours:
    """One line of the weekly hours table."""

    weekday: int
    name: str
    periods: list = field(default_factory=list)
    is_today: bool = False

    @property
    def is_closed(self):
        """True when the service does not open on this day."""
        return not self.periods


def weekly_rows(schedules, today=None):
    """Seven rows, Monday first, each with that day's (opens_at, closes_at) periods in order;
    `today` (an Istanbul date) marks its row."""
    rows = []
    for weekday, name in Weekday.choices:
        periods = sorted(
            (schedule.opens_at, schedule.closes_at)
            for schedule in schedules
            if _valid(schedule) and schedule.weekday == weekday
        )
        rows.append(
            WeekdayHours(
                weekday=weekday,
                name=name,
                periods=periods,
                is_today=today is not None and today.isoweekday() == weekday,
            )
        )
    return rows


def opening_hours_specification(schedules):
    """schema.org OpeningHoursSpecification entries for the structured data of a service."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{Weekday(schedule.weekday).english_name}",
            "opens": schedule.opens_at.strftime("%H:%M"),
            "closes": schedule.closes_at.strftime("%H:%M"),
        }
        for schedule in sorted(schedules, key=lambda s: (s.weekday, s.opens_at or time.min))
        if _valid(schedule)
    ]


def compact_hours(schedules):
    """The week in a few words for a printed list: consecutive days with the same hours are
    joined, e.g. [('Mon–Fri', '09:00–17:00'), ('Sat', '10:00–14:00')]."""
    rows = weekly_rows(schedules)
    groups = []
    for row in rows:
        if row.is_closed:
            continue
        hours = ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in row.periods)
        if groups and groups[-1]["hours"] == hours and groups[-1]["last"] == row.weekday - 1:
            groups[-1]["last"] = row.weekday
        else:
            groups.append({"first": row.weekday, "last": row.weekday, "hours": hours})
    result = []
    for group in groups:
        first = Weekday(group["first"]).abbreviation
        last = Weekday(group["last"]).abbreviation
        days = f"{first}" if group["first"] == group["last"] else f"{first}–{last}"
        result.append((days, group["hours"]))
    return result
