"""Template filters that show meeting times on the portal's clock (Istanbul)."""

from django import template
from django.utils.formats import date_format

from iswg_portal.core.time import to_local

register = template.Library()


@register.filter
def meeting_date(value):
    """'Wednesday 13 March 2019' in the active language, Istanbul date."""
    if not value:
        return ""
    return date_format(to_local(value), "l j F Y")


@register.filter
def meeting_short_date(value):
    """'13 March 2019' in the active language, Istanbul date."""
    if not value:
        return ""
    return date_format(to_local(value), "j F Y")


@register.filter
def meeting_clock(value):
    """'10:00', Istanbul wall-clock time."""
    if not value:
        return ""
    return to_local(value).strftime("%H:%M")


@register.filter
def meeting_iso(value):
    """Machine-readable Istanbul time for <time datetime>."""
    if not value:
        return ""
    return to_local(value).isoformat()
