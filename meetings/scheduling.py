"""The next meeting in one action: the group's regular time, standing items, matters arising."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, rrule, weekday
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext

from iswg_portal.core.dates import local_month
from iswg_portal.core.time import local_moment, to_local
from iswg_portal.core.weekdays import Weekday
from meetings.models import ActionPoint, MeetingPage, ThematicGroupPage
from meetings.models.blocks import AgendaItemKind
from meetings.models.meetings import agenda_item

FALLBACK_GAP = timedelta(weeks=4)


def regular_meetings(group, month_of):
    """The group's regular meeting times ("second Wednesday", "last Friday", every one, two or
    three months) from the first day of the month of `month_of` on, or None without a rule."""
    if group.schedule_week is None or group.schedule_weekday is None:
        return None
    nth = -1 if group.schedule_week == group.Week.LAST else group.schedule_week
    first_of_month = local_moment(month_of.date().replace(day=1), group.schedule_time)
    return rrule(
        MONTHLY,
        interval=max(group.schedule_interval_months, 1),
        byweekday=weekday(Weekday(group.schedule_weekday).calendar_index, nth),
        dtstart=first_of_month,
    )


def next_regular_start(group, after):
    """The group's next regular meeting time after a moment, in Istanbul time.

    Without a regular rule the next meeting is four weeks later at the same hour.
    """
    local_after = to_local(after)
    # A monthly group's next meeting may fall later in the same month; a group that meets
    # every few months counts them from the month of the meeting just held.
    interval = max(group.schedule_interval_months, 1)
    months_ahead = 0 if interval == 1 else interval
    rule = regular_meetings(group, local_after + relativedelta(months=months_ahead))
    if rule is None:
        return local_after + FALLBACK_GAP
    # A meeting held off its usual day (postponed by a few days) must not make the group skip
    # its next regular date, nor land the next one within a week of it.
    return rule.after(local_after + timedelta(days=7))


def standing_items(group):
    """The group's standing agenda items, as the next meeting's first items."""
    items = []
    for block in group.standing_agenda:
        value = block.value
        items.append(
            {
                "kind": AgendaItemKind.STANDARD,
                "title": value["title"],
                "presenter": value["presenter"],
                "minutes_allotted": value["minutes_allotted"],
            }
        )
    return items


def matters_arising(group, before, visibility=MeetingPage.Visibility.PUBLIC):
    """One agenda item per open action point of the group raised before the next meeting.

    A public meeting's agenda is read by anyone, so it brings back only action points that
    anyone may see: none raised in members-only minutes.
    """
    points = ActionPoint.objects.for_group(group).open()
    if visibility == MeetingPage.Visibility.PUBLIC:
        points = points.public()
    points = (
        points.filter(raised_at__start__lt=before)
        .select_related("responsible_agency")
        .order_by("due_date", "pk")
    )
    return [
        {
            "kind": AgendaItemKind.MATTERS_ARISING,
            "title": gettext("Matters arising: %(action)s") % {"action": point.text[:200]},
            "presenter": point.responsible_agency,
            "minutes_allotted": 5,
            "action_point": point,
        }
        for point in points
    ]


def next_meeting_draft(previous):
    """An unsaved next meeting of the previous one's group, ready to be added as a draft."""
    group = previous.group
    start = next_regular_start(group, previous.start)
    duration = timedelta(minutes=group.meeting_duration_minutes) or (previous.end - previous.start)
    agenda = [
        ("item", agenda_item(**item))
        for item in [
            *standing_items(group),
            {
                "kind": AgendaItemKind.ADOPTION,
                "title": gettext("Adoption of the minutes of %(meeting)s")
                % {"meeting": previous.title},
                "previous_meeting": previous,
                "minutes_allotted": 5,
            },
            *matters_arising(group, start, previous.visibility),
            {"kind": AgendaItemKind.STANDARD, "title": gettext("Any other business")},
        ]
    ]
    title = gettext("%(group)s meeting, %(month)s") % {
        "group": group.title,
        "month": local_month(start),
    }
    return MeetingPage(
        title=title,
        slug=unique_slug(group, slugify(f"{start:%Y-%m-%d}-{group.slug}") or "meeting"),
        start=start,
        end=start + duration,
        place=previous.place or group.default_place,
        online_link=previous.online_link or group.default_online_link,
        visibility=previous.visibility,
        status=MeetingPage.Status.SCHEDULED,
        agenda=agenda,
        locale=previous.locale,
        live=False,
        has_unpublished_changes=True,
    )


def unique_slug(group, slug):
    """The slug, or the slug with a number, so it does not clash with a sibling meeting."""
    taken = set(group.get_children().values_list("slug", flat=True))
    candidate, number = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate


def existing_next_meeting(previous):
    """The group's meeting after this one when there is one already, published or a draft, in
    the previous one's language when it has it: the one to open instead of adding another.
    A cancelled meeting does not count; its replacement is still to be made."""
    group_pages = ThematicGroupPage.objects.filter(translation_key=previous.group.translation_key)
    later = (
        MeetingPage.objects.filter(start__gt=previous.start)
        .exclude(status=MeetingPage.Status.CANCELLED)
        .exclude(translation_key=previous.translation_key)
    )
    below_group = MeetingPage.objects.none()
    for group_page in group_pages:
        below_group |= later.child_of(group_page)
    candidates = list(below_group.order_by("start", "pk")[:20])
    if not candidates:
        return None
    first_key = candidates[0].translation_key
    same_meeting = [meeting for meeting in candidates if meeting.translation_key == first_key]
    in_language = [meeting for meeting in same_meeting if meeting.locale_id == previous.locale_id]
    return (in_language or same_meeting)[0]


@transaction.atomic
def create_next_meeting(previous, user):
    """Add the next meeting as a draft under the group (nothing is published); when the group
    already has a meeting after `previous`, keep that one instead. Return (meeting, whether it
    was created). The group is locked meanwhile, so that two clicks at once make one meeting."""
    group = previous.group
    list(ThematicGroupPage.objects.select_for_update().filter(pk=group.pk).values_list("pk"))
    existing = existing_next_meeting(previous)
    if existing is not None:
        return existing, False
    meeting = next_meeting_draft(previous)
    meeting.owner = user
    group.add_child(instance=meeting)
    meeting.save_revision(user=user, log_action=True)
    return meeting, True
