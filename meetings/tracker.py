"""The action point tracker's query and its CSV export."""

import csv

from django.utils.translation import gettext

from iswg_portal.core.dashboard import spreadsheet_safe
from iswg_portal.core.time import local_today, to_local
from iswg_portal.core.translation import best_translations
from meetings.forms import ActionPointFilterForm
from meetings.models import ActionPoint
from meetings.queries import live_groups, visible_action_points


def filtered_action_points(request):
    """(filter form, action points) for the tracker; invalid filters are reported, not applied."""
    data = request.GET.copy()
    # Open action points are what people come for; the form must show that it filters so.
    data.setdefault("status", ActionPoint.Status.OPEN)
    form = ActionPointFilterForm(data, groups=best_translations(live_groups()))
    points = visible_action_points(request.user)
    status = ActionPoint.Status.OPEN
    if form.is_valid():
        group = form.selected_group()
        if group is not None:
            points = points.for_group(group)
        agency = form.cleaned_data["agency"]
        if agency is not None:
            # By translation key, not id: an action point may name any translation of its
            # agency (minutes written before agencies were chosen once per agency did).
            points = points.filter(responsible_agency__translation_key=agency.translation_key)
        status = form.cleaned_data["status"] or ActionPoint.Status.OPEN
        if form.cleaned_data["overdue"]:
            points = points.overdue()
    if status != ActionPointFilterForm.STATUS_ALL:
        points = points.filter(status=status)
    return form, points.order_by("due_date", "pk")


def write_csv(points, stream, absolute_url):
    """Write the action points as CSV rows with a header, in the active language."""
    today = local_today()
    writer = csv.writer(stream)
    writer.writerow(
        [
            gettext("Group"),
            gettext("Action"),
            gettext("Responsible agency"),
            gettext("Due date"),
            gettext("Status"),
            gettext("Overdue"),
            gettext("Raised at"),
            gettext("Raised on"),
            gettext("Closed at"),
            gettext("Status changed by"),
            gettext("Status changed at"),
            gettext("Meeting page"),
        ]
    )
    for point in points:
        agency = point.responsible_agency
        writer.writerow(
            [
                spreadsheet_safe(value)
                for value in (
                    point.group.title,
                    point.text,
                    (agency.acronym or agency.title) if agency else "",
                    point.due_date.isoformat() if point.due_date else "",
                    point.get_status_display(),
                    gettext("yes") if point.is_overdue(today) else "",
                    point.raised_at.title,
                    to_local(point.raised_at.start).date().isoformat(),
                    point.closed_at.title if point.closed_at else "",
                    point.status_changed_by or "",
                    point.status_changed_at.isoformat() if point.status_changed_at else "",
                    absolute_url(point.raised_at),
                )
            ]
        )
