"""The meetings' part of the co-chairs' overview on their admin home: open action points by
responsible agency (overdue, due in the next two weeks, open), and each agency's participation
in each group's meetings held over the last twelve months (attended / invited). Each number
links to the list behind it (the action points' admin list with its filters, or
`ParticipationView`), each table downloads as CSV. Co-chairs only. A fixed number of queries,
whatever the number of meetings."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import BadRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _

from iswg_portal.accounts.roles import CoChairsOnlyMixin, is_co_chair
from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.converters import is_bounded_id
from iswg_portal.core.dashboard import (
    DeskCell,
    DeskRow,
    DeskTable,
    OverviewPageView,
    OverviewPanel,
    TableCsvView,
    desks_once,
    show_desk_counts,
)
from iswg_portal.core.time import local_today
from iswg_portal.core.translation import best_translations
from meetings.admin_dashboard import overdue_count
from meetings.models import ActionPoint, MeetingAttendance, MeetingPage, ThematicGroupPage
from services_map.models import AgencyPage

DUE_SOON_DAYS = 14
PARTICIPATION_DAYS = 365
ACTION_POINTS_CSV = "meetings_action_points_by_agency_csv"
PARTICIPATION = "meetings_participation"
PARTICIPATION_CSV = "meetings_participation_csv"
# The strongest presence an agency had at a meeting, whichever translation recorded it.
PRESENCE_RANK = {
    MeetingAttendance.Presence.PRESENT: 0,
    MeetingAttendance.Presence.APOLOGIES: 1,
    MeetingAttendance.Presence.ABSENT: 2,
}


def agency_name(agency):
    """An agency as the tables name it: its acronym, else its title."""
    return agency.acronym or agency.title


def pages_by_key(model, keys, language):
    """Translation key → the agency's or group's page in the reader's language or the
    nearest."""
    rows = model.objects.filter(translation_key__in=keys).select_related("locale")
    return {page.translation_key: page for page in best_translations(rows, language)}


def action_points_url(**params):
    """The action points' admin list with these filters."""
    return f"{reverse('wagtailsnippets_meetings_actionpoint:list')}?{urlencode(params)}"


def action_points_table(today=None):
    """Open action points by responsible agency: overdue, due within DUE_SOON_DAYS, open."""
    today = today or local_today()
    soon = today + timedelta(days=DUE_SOON_DAYS)
    counts = defaultdict(lambda: [0, 0, 0])
    for agency_key, due in ActionPoint.objects.open().values_list(
        "responsible_agency__translation_key", "due_date"
    ):
        row = counts[agency_key]
        row[0] += due is not None and due < today
        row[1] += due is not None and today <= due <= soon
        row[2] += 1
    language = get_language()
    agencies = pages_by_key(AgencyPage, [key for key in counts if key], language)
    windows = [
        {"due_date_to": (today - timedelta(days=1)).isoformat()},
        {"due_date_from": today.isoformat(), "due_date_to": soon.isoformat()},
        {},
    ]
    rows = []
    for agency in sorted_by_name(agencies.values(), language, key=agency_name):
        numbers = counts[agency.translation_key]
        cells = [
            DeskCell(
                number,
                action_points_url(status="open", responsible_agency=agency.pk, **window),
            )
            for number, window in zip(numbers, windows, strict=True)
        ]
        rows.append(DeskRow(DeskCell(agency_name(agency)), cells))
    if None in counts:
        cells = [
            DeskCell(number, action_points_url(status="open", no_agency="true", **window))
            for number, window in zip(counts[None], windows, strict=True)
        ]
        rows.append(DeskRow(DeskCell(gettext("No agency named")), cells))
    return DeskTable(
        table_id="action-points-by-agency",
        caption=gettext("Open action points by agency"),
        columns=[
            gettext("Responsible agency"),
            gettext("Overdue"),
            ngettext("Due in the next %(days)s day", "Due in the next %(days)s days", DUE_SOON_DAYS)
            % {"days": DUE_SOON_DAYS},
            gettext("Open"),
        ],
        rows=rows,
        csv_url=reverse(ACTION_POINTS_CSV),
        empty=gettext("No action point is open."),
    )


@dataclass
class Participation:
    """An agency in a group's meetings held over the last twelve months."""

    group_key: object
    agency_key: object
    # Meeting translation key → its presence there, or None when nothing was recorded.
    invited: dict = field(default_factory=dict)

    @property
    def attended(self):
        return sum(
            1
            for presence in self.invited.values()
            if presence == MeetingAttendance.Presence.PRESENT
        )


def participation(now=None):
    """(group key, agency key) → `Participation`, over the meetings held in the last
    PARTICIPATION_DAYS days (published, marked held). An agency is invited to a meeting of a
    group it is a member of, or where its attendance was recorded; it attended where it was
    recorded present. Each meeting counts once, whatever its translations."""
    now = now or timezone.now()
    held = MeetingPage.objects.live().filter(
        status=MeetingPage.Status.HELD,
        start__gte=now - timedelta(days=PARTICIPATION_DAYS),
        start__lte=now,
    )
    group_key_by_path = dict(ThematicGroupPage.objects.values_list("path", "translation_key"))
    group_of = {
        key: group_key_by_path[page_path[: -MeetingPage.steplen]]
        for key, page_path in held.values_list("translation_key", "path")
    }
    members = defaultdict(set)
    for group_key, agency_key in ThematicGroupPage.member_agencies.through.objects.values_list(
        "thematicgrouppage__translation_key", "agencypage__translation_key"
    ):
        members[group_key].add(agency_key)
    presence = {}
    # Guests who came by name alone are not an agency's participation.
    for meeting_key, agency_key, recorded in MeetingAttendance.objects.filter(
        meeting__in=held.values("pk"), agency__isnull=False
    ).values_list("meeting__translation_key", "agency__translation_key", "presence"):
        known = presence.get((meeting_key, agency_key))
        if known is None or PRESENCE_RANK[recorded] < PRESENCE_RANK[known]:
            presence[(meeting_key, agency_key)] = recorded
    found = {}
    for meeting_key, group_key in group_of.items():
        for agency_key in members[group_key]:
            entry = found.setdefault((group_key, agency_key), Participation(group_key, agency_key))
            entry.invited[meeting_key] = presence.get((meeting_key, agency_key))
    for (meeting_key, agency_key), recorded in presence.items():
        group_key = group_of[meeting_key]
        entry = found.setdefault((group_key, agency_key), Participation(group_key, agency_key))
        entry.invited[meeting_key] = recorded
    return found


def participation_url(group, agency):
    query = urlencode({"group": group.pk, "agency": agency.pk})
    return f"{reverse(PARTICIPATION)}?{query}"


def participation_table(now=None):
    """Each agency's meetings attended and invited to, per group, by agency in the reader's
    alphabetical order, then by group."""
    language = get_language()
    found = participation(now)
    agencies = pages_by_key(AgencyPage, {agency for _group, agency in found}, language)
    groups = pages_by_key(ThematicGroupPage, {group for group, _agency in found}, language)
    group_order = {
        group.translation_key: position
        for position, group in enumerate(
            sorted_by_name(groups.values(), language, key=lambda group: group.title)
        )
    }
    by_agency = defaultdict(list)
    for (_group_key, agency_key), entry in found.items():
        by_agency[agency_key].append(entry)
    rows = []
    for agency in sorted_by_name(agencies.values(), language, key=agency_name):
        entries = sorted(
            by_agency[agency.translation_key], key=lambda entry: group_order[entry.group_key]
        )
        for entry in entries:
            group = groups[entry.group_key]
            url = participation_url(group, agency)
            rows.append(
                DeskRow(
                    DeskCell(agency_name(agency)),
                    [
                        DeskCell(group.title),
                        DeskCell(entry.attended, url),
                        DeskCell(len(entry.invited), url),
                    ],
                )
            )
    return DeskTable(
        table_id="participation",
        caption=gettext("Participation by agency over the last 12 months"),
        columns=[
            gettext("Agency"),
            gettext("Group"),
            gettext("Meetings attended"),
            gettext("Meetings invited to"),
        ],
        rows=rows,
        csv_url=reverse(PARTICIPATION_CSV),
        empty=gettext("No meeting was held in the last 12 months."),
        note=gettext(
            "Meetings held and published in the last 12 months. An agency is invited to the "
            "meetings of the groups it is a member of now, and to those where its attendance "
            "was recorded."
        ),
    )


def meetings_overview(user):
    """The meetings' tables for a co-chair's home; None for anybody else."""
    if not is_co_chair(user):
        return None
    return {"action_points": action_points_table(), "participation": participation_table()}


def overview_for(request):
    return desks_once(request, "meetings-overview", meetings_overview)


def add_meetings_overview(request, panels):
    """`construct_homepage_panels`: action points by agency and participation."""
    overview = overview_for(request)
    if overview is None:
        return
    panels.append(
        OverviewPanel(
            name="meetings-overview",
            heading=gettext("Who is late, who takes part"),
            tables=[overview["action_points"], overview["participation"]],
            order=OverviewPanel.order + 1,
        )
    )


# --- The views behind the numbers -----------------------------------------------------------


class ParticipationView(CoChairsOnlyMixin, OverviewPageView):
    """The meetings behind a participation count: those of a group an agency was invited to
    over the last twelve months, with its presence at each."""

    template_name = "meetings/admin/participation.html"
    page_title = _("Participation")
    header_icon = "group"

    def get(self, request):
        ids = [request.GET.get("group", ""), request.GET.get("agency", "")]
        if not all(is_bounded_id(value) for value in ids):
            raise BadRequest("Choose a group and an agency.")
        self.group = get_object_or_404(ThematicGroupPage, pk=ids[0])
        self.agency = get_object_or_404(AgencyPage, pk=ids[1])
        return super().get(request)

    def get_page_subtitle(self):
        return f"{agency_name(self.agency)} · {self.group.title}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entry = participation().get((self.group.translation_key, self.agency.translation_key))
        invited = entry.invited if entry else {}
        pages = MeetingPage.objects.live().filter(translation_key__in=invited)
        meetings = sorted(
            best_translations(pages.select_related("locale"), get_language()),
            key=lambda meeting: meeting.start,
            reverse=True,
        )
        labels = dict(MeetingAttendance.Presence.choices)
        context.update(
            group=self.group,
            agency=self.agency,
            attended=entry.attended if entry else 0,
            rows=[
                {
                    "meeting": meeting,
                    "presence": invited[meeting.translation_key],
                    "presence_label": labels.get(invited[meeting.translation_key], ""),
                }
                for meeting in meetings
            ],
        )
        return context


class ActionPointsCsvView(CoChairsOnlyMixin, TableCsvView):
    filename = "action-points-by-agency"

    def table(self):
        return action_points_table()


class ParticipationCsvView(CoChairsOnlyMixin, TableCsvView):
    filename = "participation-by-agency"

    def table(self):
        return participation_table()


def register_meetings_overview_urls():
    return [
        path(
            "overview/action-points-by-agency.csv",
            ActionPointsCsvView.as_view(),
            name=ACTION_POINTS_CSV,
        ),
        path("overview/participation/", ParticipationView.as_view(), name=PARTICIPATION),
        path("overview/participation.csv", ParticipationCsvView.as_view(), name=PARTICIPATION_CSV),
    ]


def add_meetings_counts(request, summary_items):
    """`construct_homepage_summary_items`: the overdue action points, for co-chairs."""
    overview = overview_for(request)
    if overview is None:
        return
    overdue = sum(row.cells[0].value for row in overview["action_points"].rows)
    yesterday = (local_today() - timedelta(days=1)).isoformat()
    show_desk_counts(
        summary_items,
        [
            overdue_count(
                request,
                overdue,
                action_points_url(status="open", due_date_to=yesterday),
                order=20,
            ),
        ],
    )
