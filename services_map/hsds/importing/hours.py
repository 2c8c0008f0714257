"""Opening hours as people type them in a spreadsheet: `Pzt-Cum 09:00-17:00; Cmt 10:00-13:00`
or `Mon-Fri 09:00-12:00, 13:00-17:00`, with Turkish or English day names (or 1-7)."""

import datetime
import re

from iswg_portal.core.text import fold_for_search

# Folded day names (fold_for_search: "Çarşamba" -> "carsamba") and numbers, Monday = 1.
DAY_NAMES = {
    1: ("pzt", "pazartesi", "pts", "mon", "monday", "1"),
    2: ("sal", "sali", "tue", "tues", "tuesday", "2"),
    3: ("car", "crs", "carsamba", "wed", "weds", "wednesday", "3"),
    4: ("per", "prs", "persembe", "thu", "thur", "thurs", "thursday", "4"),
    5: ("cum", "cuma", "fri", "friday", "5"),
    6: ("cmt", "cts", "cumartesi", "sat", "saturday", "6"),
    7: ("paz", "pazar", "sun", "sunday", "7"),
}
DAY_BY_NAME = {name: day for day, names in DAY_NAMES.items() for name in names}
# How the template writes the days back, in Turkish for Turkish and in English otherwise.
DAY_ABBREVIATIONS = {
    "tr": ("Pzt", "Sal", "Çar", "Per", "Cum", "Cmt", "Paz"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

DASHES = re.compile(r"\s*[-–—]\s*")
PERIOD = re.compile(r"^(\d{1,2})[:.](\d{2})-(\d{1,2})[:.](\d{2})$")
# The days end where the first time begins.
SEGMENT = re.compile(r"^(?P<days>.*?)\s*(?P<times>\d{1,2}[:.]\d{2}\s*[-–—].*)$")


class HoursError(ValueError):
    """Opening hours that cannot be read; the message names the part that could not."""

    def __init__(self, part):
        super().__init__(part)
        self.part = part


def _day(name):
    day = DAY_BY_NAME.get(fold_for_search(name).replace(" ", ""))
    if day is None:
        raise HoursError(name)
    return day


def _days(text):
    days = []
    for item in text.split(","):
        item = DASHES.sub("-", item.strip())
        if not item:
            raise HoursError(text)
        if "-" in item:
            first, last = (_day(name) for name in item.split("-", 1))
            if last < first:
                raise HoursError(item)
            days.extend(range(first, last + 1))
        else:
            days.append(_day(item))
    return days


def _time(hours, minutes, part, *, closing=False):
    hours, minutes = int(hours), int(minutes)
    if closing and (hours, minutes) == (24, 0):
        return datetime.time(23, 59)
    if hours > 23 or minutes > 59:
        raise HoursError(part)
    return datetime.time(hours, minutes)


def parse_hours(text):
    """The weekly periods [(weekday, opens_at, closes_at)] of a text such as
    `Pzt-Cum 09:00-17:00; Cmt 10:00-13:00`, sorted; raise HoursError naming the part that
    cannot be read, or whose closing time is not after its opening time."""
    periods = set()
    for segment in str(text or "").replace("\n", ";").split(";"):
        segment = segment.strip()
        if not segment:
            continue
        match = SEGMENT.match(segment)
        if match is None or not match["days"]:
            raise HoursError(segment)
        days = _days(match["days"])
        for part in match["times"].split(","):
            found = PERIOD.match(DASHES.sub("-", part.strip()))
            if found is None:
                raise HoursError(part.strip())
            opens = _time(found[1], found[2], part)
            closes = _time(found[3], found[4], part, closing=True)
            if closes <= opens:
                raise HoursError(part.strip())
            periods.update((day, opens, closes) for day in days)
    return sorted(periods)


def format_hours(periods, language="en"):
    """The periods as the template writes them: days with the same hours together, a run of
    days as a range (`Pzt-Cum 09:00-17:00; Cmt 10:00-13:00`), Turkish day names for Turkish
    and English ones for every other language."""
    names = DAY_ABBREVIATIONS["tr" if language == "tr" else "en"]
    by_day = {}
    for day, opens, closes in sorted(periods):
        by_day.setdefault(day, []).append(f"{opens:%H:%M}-{closes:%H:%M}")
    groups = []  # [(times, [days])] in the order of their first day
    for day in sorted(by_day):
        times = ", ".join(by_day[day])
        for known_times, days in groups:
            if known_times == times:
                days.append(day)
                break
        else:
            groups.append((times, [day]))
    parts = []
    for times, days in groups:
        runs = []  # [first, last] of each run of consecutive days
        for day in days:
            if runs and day == runs[-1][1] + 1:
                runs[-1][1] = day
            else:
                runs.append([day, day])
        labels = [
            names[first - 1] if first == last else f"{names[first - 1]}-{names[last - 1]}"
            for first, last in runs
        ]
        parts.append(f"{', '.join(labels)} {times}")
    return "; ".join(parts)
