"""When the directory changes by the clock alone: the next moment any live service opens or
closes today, after which "open now" and the open-now facet say something else."""

from iswg_portal.core.time import local_moment, to_local

from .models import ServiceSchedule


def next_opening_change(now):
    """The next moment after `now`, today on the portal's calendar, when a live service opens
    or closes; None when none does before midnight (which the page cache counts itself)."""
    local = to_local(now)
    clock = local.time().replace(tzinfo=None)
    periods = ServiceSchedule.objects.filter(
        weekday=local.isoweekday(), page__live=True
    ).values_list("opens_at", "closes_at")
    later = [
        moment
        for opens_at, closes_at in periods
        for moment in (opens_at, closes_at)
        if moment is not None and moment > clock
    ]
    return local_moment(local.date(), min(later)) if later else None
