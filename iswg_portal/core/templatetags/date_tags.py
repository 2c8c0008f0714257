"""Template filters that write dates and times for people, through core/dates.py: one way of
writing a date in every template, page and e-mail alike."""

from django import template

from iswg_portal.core import dates
from iswg_portal.core.time import to_local

register = template.Library()


@register.filter
def local_date(value, style="long"):
    """'13 January 2027' ('full': with the weekday) in the active language."""
    return dates.local_date(value, style)


@register.filter
def local_datetime(value, style="long"):
    """'13 January 2027, 10:00' on the portal's clock, joined as the language joins them."""
    return dates.local_datetime(value, style)


@register.filter
def local_clock(value):
    """'10:00' on the portal's 24-hour clock."""
    return dates.local_clock(value)


@register.filter
def local_weekday(value):
    """'Wednesday' in the active language."""
    return dates.local_weekday(value)


@register.simple_tag
def local_datetime_range(start, end, style="full"):
    """A meeting's day and hours: 'Wednesday, 13 January 2027, 10:00–12:00'."""
    return dates.local_datetime_range(start, end, style)


@register.filter
def local_iso(value):
    """The moment on the portal's clock for <time datetime>: '2027-01-13T10:00:00+03:00'."""
    if not value:
        return ""
    return to_local(value).isoformat()
