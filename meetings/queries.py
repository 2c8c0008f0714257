"""Read-side queries of the meetings pages: one query per kind of row, whatever the list length."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import get_language

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.translation import best_translations
from meetings.access import runs_meetings
from meetings.models import (
    ActionPoint,
    GroupSubscription,
    MeetingAttendance,
    MeetingPage,
    ThematicGroupPage,
)
from meetings.rsvp import answers_summary
from meetings.visibility import public_meetings, readable_agenda, visible_meetings
from meetings.visibility import visible_action_points as action_points_visible_to

PAST_PER_PAGE = 20
HOME_LIST_LENGTH = 5


def live_groups():
    """Every published group, one per translation, keyed by page path for parent look-ups."""
    groups = (
        ThematicGroupPage.objects.live()
        .public()
        .select_related("locale", "lead_agency", "co_lead_agency")
        .order_by("path")
    )
    return list(groups)


def attach_groups(meetings, groups=None):
    """Set each meeting's `group` from one query of groups instead of one per meeting."""
    groups = live_groups() if groups is None else groups
    by_path = {group.path: group for group in groups}
    step = MeetingPage.steplen
    for meeting in meetings:
        parent = by_path.get(meeting.path[:-step])
        if parent is not None:
            meeting.__dict__["group"] = parent
    return meetings


def meetings_queryset():
    """Published meetings that Wagtail's own privacy settings do not hide."""
    return visible_meetings()


def localized_meetings(queryset, groups=None):
    """The visitor's language version of each meeting of the queryset, groups attached."""
    return attach_groups(best_translations(list(queryset)), groups)


def meetings_of_group(group, meetings=None):
    """A group's meetings in every language (its pages share a translation key), taken from
    `meetings` (every meeting the visitor may know of, unless given)."""
    meetings = meetings_queryset() if meetings is None else meetings
    group_paths = ThematicGroupPage.objects.filter(
        translation_key=group.translation_key
    ).values_list("path", flat=True)
    queryset = meetings.none()
    for path in group_paths:
        queryset = queryset | meetings.filter(path__startswith=path, depth=group.depth + 1)
    return queryset


def calendar_context(request):
    """Upcoming and past meetings for the calendar page, filtered by group."""
    groups = sorted_by_name(
        best_translations(live_groups()), get_language(), key=lambda group: group.title
    )
    selected = None
    group_slug = request.GET.get("group", "")
    if group_slug:
        selected = next((group for group in groups if group.slug == group_slug), None)
    queryset = meetings_of_group(selected) if selected else meetings_queryset()
    now = timezone.now()
    upcoming = localized_meetings(queryset.filter(end__gte=now).order_by("start"))
    past_pages = Paginator(
        localized_meetings(queryset.filter(end__lt=now).order_by("-start")), PAST_PER_PAGE
    ).get_page(request.GET.get("page"))
    return {
        "groups": groups,
        "selected_group": selected,
        "unknown_group": bool(group_slug) and selected is None,
        "upcoming_meetings": upcoming,
        "past_meetings": past_pages,
        "is_member": is_member(request.user),
    }


def visible_action_points(user):
    """Action points this person may see, with what the tracker shows about each."""
    return action_points_visible_to(user).select_related(
        "responsible_agency",
        "raised_at__locale",
        "closed_at__locale",
        "group",
        "status_changed_by",
    )


def meeting_page_context(meeting, user):
    """What a meeting page shows this visitor."""
    can_see = meeting.can_see_details(user)
    earlier = (
        visible_action_points(user)
        .for_group(meeting.group)
        .filter(raised_at__start__lt=meeting.start)
        .exclude(raised_at__translation_key=meeting.translation_key)
    )
    follow_up = [
        point
        for point in earlier.order_by("due_date", "pk")
        if point.status == ActionPoint.Status.OPEN
        or (point.closed_at_id and point.closed_at.translation_key == meeting.translation_key)
    ]
    raised = []
    if can_see:
        raised = list(
            visible_action_points(user).filter(raised_at__translation_key=meeting.translation_key)
        )
    return {
        # The group in the visitor's language when it is published in it; an untranslated
        # meeting's group may well be.
        "group": meeting.group.localized,
        "can_see_details": can_see,
        "agenda_items": readable_agenda(meeting, user),
        "is_member": is_member(user),
        "runs_meetings": runs_meetings(user),
        "follow_up_action_points": follow_up,
        "raised_action_points": raised,
        "minutes_adopted_by": meeting.minutes_adopted_by() if meeting.has_minutes else None,
        "attendance": list(meeting.attendance.select_related("agency")) if can_see else [],
        "documents": list(meeting.documents.select_related("document")) if can_see else [],
        "rsvp": answers_summary(meeting, user, get_language()) if is_member(user) else None,
    }


def attendance_last_year(group, meetings, user):
    """Per member agency, in the alphabetical order of the visitor's language: how many of the
    group's meetings of the last twelve months it attended.

    Attendance of members-only meetings counts only for members, like the meetings themselves.
    """
    since = timezone.now() - timedelta(days=365)
    held = [
        meeting
        for meeting in meetings
        if since <= meeting.start <= timezone.now()
        and meeting.status == MeetingPage.Status.HELD
        and meeting.can_see_details(user)
    ]
    # Counted per agency by translation key: the attendance and the member list may name
    # different translations of one agency.
    present = Counter(
        MeetingAttendance.objects.filter(
            meeting_id__in=[meeting.pk for meeting in held],
            presence=MeetingAttendance.Presence.PRESENT,
        ).values_list("agency__translation_key", flat=True)
    )
    agencies = sorted_by_name(
        best_translations(group.member_agencies.select_related("locale")),
        get_language(),
        key=lambda agency: agency.title,
    )
    return [
        {"agency": agency, "attended": present[agency.translation_key], "held": len(held)}
        for agency in agencies
    ]


def group_page_context(group, user):
    """Upcoming and past meetings, open action points and attendance of a group's page."""
    now = timezone.now()
    meetings = localized_meetings(meetings_of_group(group).order_by("start"))
    open_points = list(
        visible_action_points(user).for_group(group).open().order_by("due_date", "pk")
    )
    subscribed = (
        is_member(user)
        and GroupSubscription.objects.filter(
            user=user, group__translation_key=group.translation_key
        ).exists()
    )
    return {
        "upcoming_meetings": [meeting for meeting in meetings if meeting.end >= now],
        "past_meetings": [meeting for meeting in reversed(meetings) if meeting.end < now],
        "open_action_points": open_points,
        "attendance_rows": attendance_last_year(group, meetings, user),
        "is_member": is_member(user),
        "is_subscribed": subscribed,
    }


def group_summaries(index_page, user):
    """Each group with its leads, next meeting and number of open action points."""
    groups = best_translations(live_groups())
    now = timezone.now()
    upcoming = localized_meetings(meetings_queryset().filter(end__gte=now).order_by("start"))
    next_by_group = {}
    for meeting in upcoming:
        group = meeting.__dict__.get("group")
        if group is not None:
            next_by_group.setdefault(group.translation_key, meeting)
    open_counts = defaultdict(int)
    for key in (
        action_points_visible_to(user).open().values_list("group__translation_key", flat=True)
    ):
        open_counts[key] += 1
    return [
        {
            "group": group,
            "next_meeting": next_by_group.get(group.translation_key),
            "open_action_points": open_counts[group.translation_key],
        }
        for group in groups
    ]


def home_meetings(user):
    """The home page's lists: upcoming meetings and the latest published minutes.

    Members-only meetings appear only for members, so nothing about them reaches the public
    front page.
    """
    queryset = meetings_queryset() if is_member(user) else public_meetings()
    now = timezone.now()
    upcoming = localized_meetings(
        queryset.filter(end__gte=now).exclude(status=MeetingPage.Status.CANCELLED).order_by("start")
    )[:HOME_LIST_LENGTH]
    recent = localized_meetings(queryset.filter(start__lt=now).order_by("-start")[:50])
    latest_minutes = [meeting for meeting in recent if meeting.has_minutes][:HOME_LIST_LENGTH]
    return {"upcoming_meetings": upcoming, "latest_minutes": latest_minutes}


def home_meetings_change_at(lists, now=None):
    """The next moment the home page's lists (home_meetings) change with no publication: a
    listed upcoming meeting ends (the next one takes its place) or starts (with its minutes it
    joins the latest). None when nothing listed is still to start or end."""
    now = now or timezone.now()
    upcoming = lists["upcoming_meetings"]
    moments = [meeting.end for meeting in upcoming if meeting.end >= now]
    moments += [meeting.start for meeting in upcoming if meeting.start > now]
    return min(moments, default=None)


def next_meeting_moment(now):
    """The next moment after `now` when a live meeting starts or ends: lists of upcoming
    meetings and a meeting's own page change then (the page cache expires its pages)."""
    moments = (
        MeetingPage.objects.live()
        .filter(end__gt=now)
        .aggregate(start=Min("start", filter=Q(start__gt=now)), end=Min("end"))
    )
    later = [moment for moment in moments.values() if moment is not None]
    return min(later) if later else None
