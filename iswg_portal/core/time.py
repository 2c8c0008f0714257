"""The portal's local time: the clock and calendar people in the Aegean region live by.

Moments are stored in UTC. Whatever is shown to people or reckoned on their calendar (a
meeting's day and hour, today's date, whether a service is open now, its weekly hours) is in
settings.TIME_ZONE, Europe/Istanbul; no other module names the zone.
"""

from datetime import datetime

from django.conf import settings
from django.utils import timezone


def local_time_zone():
    """The portal's time zone (settings.TIME_ZONE) as a tzinfo."""
    # Django's default time zone is read from settings.TIME_ZONE, and read again when it changes.
    return timezone.get_default_timezone()


def local_time_zone_name():
    """The portal's time zone by its IANA name, as calendars write it: 'Europe/Istanbul'."""
    return settings.TIME_ZONE


def to_local(moment):
    """The moment on the portal's wall clock, as an aware datetime; a naive datetime is taken as
    local wall-clock time already, and None stays None."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=local_time_zone())
    return moment.astimezone(local_time_zone())


def local_today(now=None):
    """The date on the portal's calendar now, or at the moment `now`."""
    return to_local(now or timezone.now()).date()


def local_moment(day, clock):
    """The aware moment when the portal's wall clock shows `clock` (a time) on `day` (a date)."""
    return datetime.combine(day, clock, tzinfo=local_time_zone())
