"""The meetings' own time zone: shown and computed in Istanbul, whatever the server runs in."""

from zoneinfo import ZoneInfo

from django.utils import timezone

MEETING_TIME_ZONE = ZoneInfo("Europe/Istanbul")


def in_istanbul(moment):
    """The aware datetime as Istanbul wall-clock time."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, MEETING_TIME_ZONE)
    return moment.astimezone(MEETING_TIME_ZONE)
