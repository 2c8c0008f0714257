"""Dates and times as each language writes them (CLDR through Babel), on the portal's clock, and
one name for that clock everywhere."""

import re
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from iswg_portal.core import dates

# 07:00 UTC is 10:00 on the portal's clock (UTC+3).
START = datetime(2027, 1, 13, 7, 0, tzinfo=UTC)
END = datetime(2027, 1, 13, 9, 30, tzinfo=UTC)
# Istanbul as the portal's languages write it.
ISTANBUL = r"istanbul|stenbol|إسطنبول|استانبول"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "13 January 2027, 10:00"),
        ("tr", "13 Ocak 2027 10:00"),
        ("ar", "13 يناير 2027، 10:00"),
        ("fa", "13 ژانویهٔ 2027، ساعت 10:00"),
        ("ps", "2027 جنوري 13 10:00"),
        ("kmr", "13ê rêbendana 2027an 10:00"),
    ],
)
def test_a_moment_reads_in_the_order_and_punctuation_of_each_language(code, expected):
    assert dates.local_datetime(START, language=code) == expected


def test_arabic_joins_date_and_time_with_the_arabic_comma_not_a_latin_one():
    with translation.override("ar"):
        written = dates.local_datetime(START)
    assert "2027، 10:00" in written
    assert "," not in written


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "Wednesday, 13 January 2027, 10:00–12:30"),
        ("tr", "13 Ocak 2027 Çarşamba 10:00–12:30"),
        ("ar", "الأربعاء، 13 يناير 2027، 10:00–12:30"),
        ("fa", "چهارشنبه 13 ژانویهٔ 2027، ساعت 10:00 تا 12:30"),
    ],
)
def test_a_meeting_reads_its_weekday_day_and_hours_in_each_language(code, expected):
    written = dates.local_datetime_range(START, END, language=code)
    assert written.replace("\u2060", "").replace("\u00a0", " ") == expected


def test_a_meetings_hours_never_break_across_lines():
    assert dates.local_clock_range(START, END, language="ar") == "10:00–\u206012:30"
    assert dates.local_clock_range(START, END, language="fa") == "10:00\u00a0تا\u00a012:30"


def test_the_active_language_decides_and_changes_with_each_request():
    with translation.override("tr"):
        turkish = dates.local_date(date(2027, 3, 1))
    with translation.override("en"):
        english = dates.local_date(date(2027, 3, 1))
    assert (turkish, english) == ("1 Mart 2027", "1 March 2027")


def test_digits_stay_latin_and_the_calendar_gregorian_in_persian_and_pashto():
    for code in ("fa", "ps"):
        written = dates.local_datetime(START, language=code)
        assert "2027" in written and "13" in written, written
        assert not re.search("[۰-۹٠-٩]", written), written


def test_times_are_on_the_portals_24_hour_clock_whatever_the_zone_given():
    evening = datetime(2027, 1, 13, 18, 45, tzinfo=UTC)
    assert dates.local_clock(evening, language="en") == "21:45"
    assert dates.local_clock(time(9, 5), language="ar") == "09:05"
    assert dates.local_date(datetime(2027, 1, 13, 22, 0, tzinfo=UTC), language="en") == (
        "14 January 2027"
    )


def test_an_unknown_language_falls_back_to_the_sites_language():
    assert dates.local_date(date(2027, 1, 13), language="xx") == "13 January 2027"


def test_the_filters_write_what_the_functions_write():
    template = Template(
        "{% load date_tags %}{{ start|local_datetime }}|{{ day|local_date:'full' }}|"
        "{% local_datetime_range start end %}|{{ start|local_iso }}"
    )
    with translation.override("ar"):
        shown = template.render(Context({"start": START, "end": END, "day": date(2027, 1, 13)}))
    assert shown == (
        "13 يناير 2027، 10:00|الأربعاء، 13 يناير 2027|"
        "الأربعاء، 13 يناير 2027، 10:00–\u206012:30|2027-01-13T10:00:00+03:00"
    )


def test_the_service_worker_patterns_are_the_ones_the_server_writes_with():
    patterns = dates.script_date_patterns()
    assert set(patterns) == {code for code, _name in settings.LANGUAGES}
    assert patterns["ar"]["glue"] == "{1}، {0}"
    assert patterns["tr"]["months"][0] == "Ocak"
    assert patterns["ps"]["date"] == "y MMMM d"


def test_no_template_or_translation_names_the_clock_after_istanbul():
    root = Path(settings.BASE_DIR)
    templates = [
        path
        for path in (root / "templates").rglob("*")
        if path.suffix in {".html", ".txt", ".js"}
        and re.search(r"istanbul", path.read_text(encoding="utf-8"), re.I)
    ]
    assert templates == []
    for code, _name in settings.LANGUAGES:
        po = root / "locale" / code / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        with po.open("rb") as handle:
            catalogue = read_po(handle)
        named = [
            message.id
            for message in catalogue
            if message.id
            and re.search(
                r"istanbul|stenbol|إسطنبول|استانبول", f"{message.id}{message.string}", re.I
            )
        ]
        assert named == [], code


def test_a_month_is_named_in_the_language_for_a_new_meetings_title():
    assert dates.local_month(date(2027, 3, 1), language="tr") == "Mart 2027"
    assert dates.local_month(date(2027, 3, 1), language="ar") == "مارس 2027"
