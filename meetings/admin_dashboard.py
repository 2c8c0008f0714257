"""A group lead's desk on the admin home: their group's next and latest meetings, each once, in
the language they work in, with where each stands (agenda sent, minutes drafted or published),
the ended meetings still to mark held, the group's overdue action points and a button to add a
meeting. Co-chairs keep their own home
(docs/architecture.md, Roles). A fixed number of queries, whatever the number of meetings."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from wagtail.models import Revision

from iswg_portal.accounts.roles import is_co_chair
from iswg_portal.core.dashboard import DeskCount, DeskPanel, desks_once, show_desk_counts
from iswg_portal.core.time import local_today
from iswg_portal.core.translation import best_translations, translation_rank
from meetings.access import led_group_keys
from meetings.models import ActionPoint, MeetingNotification, MeetingPage, ThematicGroupPage
from meetings.records_due import meetings_to_record

UPCOMING_SHOWN = 3
TO_RECORD_SHOWN = 5
RECENT_SHOWN = 3
OVERDUE_SHOWN = 5


@dataclass
class MeetingState:
    """One meeting of the group, in all its languages, as its lead sees it."""

    page: MeetingPage  # the translation in the lead's language, or the nearest one
    agenda_sent_at: object = None  # when the agenda was e-mailed, if it was
    agenda_published: bool = False
    agenda_drafted: bool = False  # written in a draft not yet published
    minutes_published: bool = False
    minutes_drafted: bool = False

    @property
    def is_upcoming(self):
        return self.page.end >= timezone.now()


@dataclass
class GroupDesk:
    """A thematic group's meetings and overdue action points for one of its leads."""

    group: ThematicGroupPage  # in the lead's language, or the nearest one
    upcoming: list
    recent: list
    upcoming_count: int
    overdue_points: list
    overdue_count: int
    can_add: bool
    to_record: list = ()  # ended meetings still "Scheduled", the latest first
    to_record_count: int = 0

    @property
    def panel_id(self):
        return f"group-{self.group.pk}"


def led_groups_for_desk(user):
    """Translation keys of the groups whose desk this person sees: the groups they lead. None
    for co-chairs, whose home is the whole response's."""
    if is_co_chair(user):
        return []
    return sorted(led_group_keys(user))


def group_desks(user, language=None, now=None):
    """Each group this person leads, with its meetings (see `MeetingState`) and overdue
    action points."""
    keys = led_groups_for_desk(user)
    if not keys:
        return []
    language = language or get_language()
    now = now or timezone.now()
    group_translations = list(
        ThematicGroupPage.objects.filter(translation_key__in=keys).select_related("locale")
    )
    if not group_translations:
        return []
    group_key_by_path = {page.path: page.translation_key for page in group_translations}
    below_groups = Q()
    for group in group_translations:
        below_groups |= MeetingPage.objects.child_of_q(group)
    meetings = MeetingPage.objects.filter(below_groups)
    upcoming = list(meetings.filter(end__gte=now).select_related("locale"))
    recent = list(
        meetings.filter(
            pk__in=latest_past_meetings(meetings.filter(end__lt=now), language, group_key_by_path)
        ).select_related("locale")
    )
    chosen = sorted(best_translations(upcoming, language) + recent, key=lambda m: (m.start, m.pk))
    to_record_by_group = {}
    ended = meetings_to_record(meetings, now).defer("agenda").select_related("locale")
    for meeting in best_translations(list(ended), language):
        group_key = group_key_by_path[meeting.path[: -meeting.steplen]]
        to_record_by_group.setdefault(group_key, []).append(meeting)
    meetings_by_group = {}
    for state in meeting_states(chosen):
        group_key = group_key_by_path[state.page.path[: -state.page.steplen]]
        meetings_by_group.setdefault(group_key, []).append(state)

    overdue = overdue_points_by_group(user, keys)
    desks = []
    for group in best_translations(group_translations, language):
        states = meetings_by_group.get(group.translation_key, [])
        coming = [state for state in states if state.page.end >= now]
        latest = [state for state in reversed(states) if state.page.end < now]
        points = overdue.get(group.translation_key, [])
        to_record = sorted(
            to_record_by_group.get(group.translation_key, []),
            key=lambda meeting: (meeting.end, meeting.pk),
            reverse=True,
        )
        desks.append(
            GroupDesk(
                group=group,
                upcoming=coming[:UPCOMING_SHOWN],
                recent=latest[:RECENT_SHOWN],
                upcoming_count=len(coming),
                overdue_points=points[:OVERDUE_SHOWN],
                overdue_count=len(points),
                can_add=group.permissions_for_user(user).can_add_subpage(),
                to_record=to_record[:TO_RECORD_SHOWN],
                to_record_count=len(to_record),
            )
        )
    return desks


def meeting_states(meetings):
    """Where each meeting stands: its agenda e-mailed, published or drafted, its minutes
    published or drafted (see `MeetingState`)."""
    drafts = draft_meetings(meetings)
    sent = agenda_sent_at([meeting.translation_key for meeting in meetings])
    states = []
    for meeting in meetings:
        draft = drafts.get(meeting.pk)
        states.append(
            MeetingState(
                page=meeting,
                agenda_sent_at=sent.get(meeting.translation_key),
                agenda_published=meeting.live and meeting.has_agenda,
                agenda_drafted=draft is not None and draft.has_agenda,
                minutes_published=meeting.live and meeting.has_minutes,
                minutes_drafted=draft is not None and draft.has_minutes,
            )
        )
    return states


def latest_past_meetings(past, language, group_key_by_path):
    """Ids of the latest RECENT_SHOWN meetings of each group among `past`, each meeting once,
    in the reader's language or the nearest (core/translation.py); read without their
    agendas, whatever the length of the group's history."""
    rows = (
        past.annotate(rank=translation_rank(language))
        .order_by("-start", "-pk")
        .values_list("pk", "translation_key", "path", "rank")
    )
    # Meeting key → (rank, id, group key), latest meeting first.
    best = {}
    for pk, key, path, rank in rows:
        if key not in best or rank < best[key][0]:
            best[key] = (rank, pk, group_key_by_path[path[: -MeetingPage.steplen]])
    shown, per_group = [], Counter()
    for _rank, pk, group_key in best.values():
        if per_group[group_key] < RECENT_SHOWN:
            per_group[group_key] += 1
            shown.append(pk)
    return shown


def draft_meetings(meetings):
    """Meeting id → its latest draft, for the meetings saved since their last publication (or
    never published), to tell an agenda or minutes written but not yet out: an unsaved
    MeetingPage holding only the draft's agenda, asked the same questions (has_agenda,
    has_minutes) as the published page, without a query."""
    revision_ids = [
        meeting.latest_revision_id
        for meeting in meetings
        if meeting.has_unpublished_changes and meeting.latest_revision_id
    ]
    revisions = Revision.objects.filter(pk__in=revision_ids).only(
        "object_id", "content_type_id", "content"
    )
    return {
        int(revision.object_id): MeetingPage(
            agenda=revision.content.get("agenda") or "[]",
            content_type_id=revision.content_type_id,
        )
        for revision in revisions
    }


def agenda_sent_at(meeting_keys):
    """Meeting translation key → when its agenda was e-mailed to the group."""
    sent = MeetingNotification.objects.filter(
        meeting_key__in=meeting_keys,
        kind=MeetingNotification.Kind.AGENDA,
        sent_at__isnull=False,
    ).order_by("sent_at")
    return dict(sent.values_list("meeting_key", "sent_at"))


def overdue_points_by_group(user, group_keys):
    """Group translation key → its open action points past their due date, the oldest due
    first; only those this person may change (their own groups')."""
    points = (
        ActionPoint.objects.changeable_by(user)
        .overdue(local_today())
        .filter(group__translation_key__in=group_keys)
        .select_related("group", "responsible_agency")
        .order_by("due_date", "pk")
    )
    by_group = {}
    for point in points:
        by_group.setdefault(point.group.translation_key, []).append(point)
    return by_group


def desks_for(request):
    """The group desks of the person signed in."""
    return desks_once(request, "group", group_desks)


def open_action_points_url():
    """The action points a group lead may change, those still open."""
    listing = reverse("wagtailsnippets_meetings_actionpoint:list")
    return f"{listing}?{urlencode({'status': ActionPoint.Status.OPEN})}"


class GroupMeetingsPanel(DeskPanel):
    """The panel of one thematic group's meetings on its lead's admin home."""

    template_name = "meetings/admin/group_desk.html"
    # After an agency's services, for someone who keeps both.
    order = DeskPanel.order + 5

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["action_points_url"] = open_action_points_url()
        return context


def add_group_panels(request, panels):
    """`construct_homepage_panels`: a group lead's meetings, first on their home."""
    panels.extend(GroupMeetingsPanel(request, desk) for desk in desks_for(request))


def add_group_counts(request, summary_items):
    """`construct_homepage_summary_items`: a group lead's numbers instead of Wagtail's."""
    desks = desks_for(request)
    if not desks:
        return
    first = desks[0]
    upcoming = sum(desk.upcoming_count for desk in desks)
    to_record = sum(desk.to_record_count for desk in desks)
    overdue = sum(desk.overdue_count for desk in desks)
    show_desk_counts(
        summary_items,
        [
            DeskCount(
                request,
                text=ngettext(
                    "%(count)s upcoming meeting", "%(count)s upcoming meetings", upcoming
                ),
                count=upcoming,
                url=reverse("wagtailadmin_explore", args=[first.group.pk]),
                icon="date",
                order=20,
            ),
            DeskCount(
                request,
                text=ngettext(
                    "%(count)s ended meeting to mark held",
                    "%(count)s ended meetings to mark held",
                    to_record,
                ),
                count=to_record,
                url=f"#{first.panel_id}-to-record",
                icon="warning",
                order=22,
            ),
            overdue_count(request, overdue, open_action_points_url(), order=21),
        ],
    )


def overdue_count(request, overdue, url, order):
    """The count of overdue action points at the top of a lead's or a co-chair's home."""
    return DeskCount(
        request,
        text=ngettext("%(count)s overdue action point", "%(count)s overdue action points", overdue),
        count=overdue,
        url=url,
        icon="tasks",
        order=order,
    )
