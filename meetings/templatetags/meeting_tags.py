"""Template filters that show meeting times in Istanbul, whatever the server's time zone."""

from django import template
from django.utils.formats import date_format

from meetings.timezones import in_istanbul

register = template.Library()


@register.filter
def meeting_date(value):
    """'Wednesday 13 March 2019' in the active language, Istanbul date."""
    if not value:
        return ""
    return date_format(in_istanbul(value), "l j F Y")


@register.filter
def meeting_short_date(value):
    """'13 March 2019' in the active language, Istanbul date."""
    if not value:
        return ""
    return date_format(in_istanbul(value), "j F Y")


@register.filter
def meeting_clock(value):
    """'10:00', Istanbul wall-clock time."""
    if not value:
        return ""
    return in_istanbul(value).strftime("%H:%M")


@register.filter
def meeting_iso(value):
    """Machine-readable Istanbul time for <time datetime>."""
    if not value:
        return ""
    return in_istanbul(value).isoformat()
