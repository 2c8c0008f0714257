"""What of the meetings part a visitor may read: the one rule behind every surface that shows it
(pages, calendar feeds, e-mails, site search, sitemap).

- A meeting that is not live, or lies below a Wagtail view restriction (a members-only group),
  does not exist for the public.
- A members-only meeting shows the public its group, title, date, place and status; its agenda,
  minutes, decisions, attendance and documents are for members.
- An action point belongs to the meeting that raised it: one raised in members-only minutes is
  members-only wherever it turns up, on a group page, in the tracker or as a "matters arising"
  item on the agenda of a public meeting, whose title repeats its text.

Public surfaces read meetings, agendas and action points through these functions only.
"""

from django.contrib.auth.models import AnonymousUser

from iswg_portal.accounts.roles import is_member
from meetings.models import ActionPoint, MeetingPage
from meetings.models.blocks import OutcomeKind

# Who a public surface (a feed, the sitemap, an e-mail that may be forwarded) is for.
THE_PUBLIC = AnonymousUser()


def visible_meetings():
    """Meetings that exist for anyone: published and not below a view restriction. Members-only
    ones are among them; their details are kept back by `readable_agenda`."""
    return MeetingPage.objects.live().public().select_related("locale")


def public_meetings():
    """Meetings whose details anyone may read: what public feeds and the sitemap list."""
    return visible_meetings().filter(visibility=MeetingPage.Visibility.PUBLIC)


def visible_action_points(user):
    """Action points this person may see (see ActionPointQuerySet.visible_to)."""
    return ActionPoint.objects.visible_to(user)


def named_action_point(raw_item):
    """The id of the action point an agenda item (as stored) names, or None."""
    value = (raw_item or {}).get("action_point")
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def hidden_action_point_ids(meetings, user):
    """Ids of the action points named on these meetings' agendas that this person may not see
    (one query for any number of meetings). For the public, an action point deleted since
    counts as hidden too: nothing tells any more where it was raised."""
    user = user or THE_PUBLIC
    named = {
        point_id
        for meeting in meetings
        for raw_item in meeting.raw_items()
        if (point_id := named_action_point(raw_item)) is not None
    }
    if not named:
        return set()
    visible = set(visible_action_points(user).filter(pk__in=named).values_list("pk", flat=True))
    if is_member(user):
        existing = ActionPoint.objects.filter(pk__in=named).values_list("pk", flat=True)
        return set(existing) - visible
    return named - visible


def _readable_pairs(meeting, user, hidden):
    """(stored item, bound item) of the agenda items this person may read."""
    user = user or THE_PUBLIC
    if not meeting.can_see_details(user):
        return []
    if hidden is None:
        hidden = hidden_action_point_ids([meeting], user)
    pairs = []
    for raw_block, block in zip(meeting.agenda.raw_data, meeting.agenda, strict=True):
        if raw_block.get("type") != "item":
            continue
        raw_item = raw_block.get("value") or {}
        if named_action_point(raw_item) in hidden:
            continue
        pairs.append((raw_item, block))
    return pairs


def readable_agenda(meeting, user, hidden=None):
    """The agenda items (with their minutes) this person may read: none of a members-only
    meeting for a non-member, and never an item about an action point they may not see."""
    return [block.value for _raw, block in _readable_pairs(meeting, user, hidden)]


def readable_agenda_titles(meeting, user, hidden=None):
    """The titles of the readable agenda items, without loading what the items point to."""
    user = user or THE_PUBLIC
    if not meeting.can_see_details(user):
        return []
    if hidden is None:
        hidden = hidden_action_point_ids([meeting], user)
    return [
        item.get("title", "")
        for item in meeting.raw_items()
        if named_action_point(item) not in hidden
    ]


def readable_decisions(meeting, user, hidden=None):
    """The decisions in the readable minutes."""
    return [
        outcome
        for item in readable_agenda(meeting, user, hidden)
        for outcome in item["outcomes"]
        if outcome["kind"] == OutcomeKind.DECISION
    ]


def public_search_text(meeting):
    """The agenda and minutes text the site search may index: what the public may read."""
    parts = []
    for item in readable_agenda(meeting, THE_PUBLIC):
        parts.extend([item["title"], item["notes"], item["discussion"]])
        parts.extend(outcome["text"] for outcome in item["outcomes"])
    return "\n".join(part for part in parts if part)


class FeedAudience:
    """Which feeds list a meeting: public feeds, members' personal feeds, or none."""

    PUBLIC = "public"
    MEMBERS = "members"
    NOBODY = "nobody"

    # The audiences each kind of feed lists, whoever asks.
    OF_PUBLIC_FEEDS = frozenset({PUBLIC})
    OF_PERSONAL_FEEDS = frozenset({PUBLIC, MEMBERS})


def feed_audience(meeting):
    """Which feeds may list the meeting, by the rule of `public_meetings` (public feeds) and
    `visible_meetings` (personal feeds); read from the page, live or not, so that a meeting
    taken off the site is remembered with the audience it had."""
    if meeting.get_view_restrictions().exists():
        return FeedAudience.NOBODY
    if meeting.is_members_only:
        return FeedAudience.MEMBERS
    return FeedAudience.PUBLIC
