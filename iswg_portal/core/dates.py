"""Dates and times as each language writes them: the one place where the portal turns a moment
into words for people (pages, e-mails, feeds, print sheets and the offline copies' notes).

Patterns, month and weekday names come from CLDR through Babel, so Arabic joins a date and a time
with "،", Turkish puts the weekday last and Pashto the year first. Two choices are the portal's
own (docs/decisions/0017-dates-by-cldr.md): the calendar is Gregorian and digits are Latin in
every language, as the portal has always written them and as documents in Türkiye are dated; and
the clock is the 24-hour clock of the locale's "Hm" skeleton, as opening hours and signs in
Türkiye read. Every moment is shown on the portal's clock (core/time.py), named "Türkiye time".
"""

from datetime import datetime
from functools import cache

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from django.conf import settings
from django.utils.translation import get_language

from .time import to_local

# The CLDR locale behind each interface language. The portal's English is British English, as
# the UN's documents are written ("13 January 2027"); Kurmanji is CLDR's "ku", Kurdish written
# in Latin letters as in Türkiye.
CLDR_LOCALES = {"en": "en_GB", "kmr": "ku"}

DATE_STYLES = ("full", "long", "medium", "short")
WORD_JOINER = "\u2060"
NO_BREAK_SPACE = "\u00a0"


def cldr_locale(language=None):
    """The Babel Locale whose CLDR rules the interface language (by default the active one)
    follows."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if code not in dict(settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    return _parsed_locale(CLDR_LOCALES.get(code, code))


@cache
def _parsed_locale(identifier):
    return Locale.parse(identifier)


def _local_day(value):
    """The day on the portal's calendar: a date as it is, a moment on the portal's clock."""
    if isinstance(value, datetime):
        return to_local(value).date()
    return value


def _glue(locale, style, day_text, clock_text):
    """The date and the time joined as the locale joins them ("{1}، {0}" in Arabic)."""
    return locale.datetime_formats[style].replace("{1}", day_text).replace("{0}", clock_text)


def local_date(value, style="long", language=None):
    """A date (or the date of a moment on the portal's clock) in the language's words:
    '13 January 2027', '13 يناير 2027'; style 'full' adds the weekday. '' for no value."""
    if not value:
        return ""
    if style not in DATE_STYLES:
        raise ValueError(f"Unknown date style: {style}")
    return format_date(_local_day(value), style, locale=cldr_locale(language))


def local_weekday(value, language=None):
    """The weekday of a date or moment in the language: 'Wednesday', 'Çarşamba'."""
    if not value:
        return ""
    return format_date(_local_day(value), "EEEE", locale=cldr_locale(language))


def local_month(value, language=None):
    """The month and year of a date or moment in the language: 'March 2027', 'Mart 2027'."""
    if not value:
        return ""
    return format_skeleton("yMMMM", _local_day(value), locale=cldr_locale(language))


def local_clock(value, language=None):
    """The time of day on the portal's 24-hour clock in the language's pattern: '10:00'.
    Takes a moment or a wall-clock time."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = to_local(value).time()
    return format_skeleton("Hm", value, locale=cldr_locale(language))


def local_datetime(value, style="long", language=None):
    """A moment's date and time on the portal's clock, joined as the language joins them:
    '13 January 2027, 10:00', '13 يناير 2027، 10:00', '13 Ocak 2027 10:00'."""
    if not value:
        return ""
    locale = cldr_locale(language)
    return _glue(locale, style, local_date(value, style, language), local_clock(value, language))


def local_clock_range(start, end, language=None):
    """From one time to another of the same day, as the language writes it: '10:00–12:00',
    '10:00 تا 12:00' in Persian."""
    if not start or not end:
        return local_clock(start or end, language)
    locale = cldr_locale(language)
    start, end = to_local(start), to_local(end)
    if start.date() != end.date():
        return f"{local_clock(start, language)} – {local_datetime(end, 'long', language)}"
    hours = format_interval(start.time(), end.time(), "Hm", locale=locale)
    # The hours stay on one line: no break after the dash ("10:00–" then "12:00" misleads) nor
    # at the spaces of "10:00 تا 12:00".
    return hours.replace("–", "–" + WORD_JOINER).replace(" ", NO_BREAK_SPACE)


def local_datetime_range(start, end, style="full", language=None):
    """A meeting's day and hours: 'Wednesday, 13 January 2027, 10:00–12:00' in English,
    'الأربعاء، 13 يناير 2027، 10:00–12:00' in Arabic."""
    if not start:
        return ""
    locale = cldr_locale(language)
    clock = local_clock_range(start, end, language)
    return _glue(locale, style, local_date(start, style, language), clock)


def script_date_patterns():
    """What the service worker needs to write a saved page's date and time as local_datetime
    does, for every interface language: the CLDR patterns and the month names."""
    patterns = {}
    for code, _name in settings.LANGUAGES:
        locale = cldr_locale(code)
        patterns[code] = {
            "date": locale.date_formats["long"].pattern,
            "clock": locale.datetime_skeletons["Hm"].pattern,
            "glue": locale.datetime_formats["long"],
            "months": [locale.months["format"]["wide"][month] for month in range(1, 13)],
        }
    return patterns
