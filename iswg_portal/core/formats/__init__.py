"""Locale data for the two interface languages Django has none for: Pashto and Kurmanji.

Django reads date and number formats from `ps/formats.py` and `kmr/formats.py` here
(settings.FORMAT_MODULE_PATH). It names months and weekdays through its own catalogue, which has
no Pashto or Kurmanji; marking the names below puts them in the portal's catalogue, which Django
reads before its own, so a meeting date reads "13 مارچ 2026" rather than "13 March 2026". The
weekday names are marked where the portal's weekdays are defined, iswg_portal/core/weekdays.py.
"""

from django.utils.translation import gettext_noop

# Never read by the portal: django.utils.dates looks the same words up when it formats a date.
CALENDAR_NAMES = (
    # Months, for the "F" format.
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    # Short months, lower case, for the "M" and "b" formats.
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
)
