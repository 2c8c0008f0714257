"""The members' search of the record: the meetings (agenda and minutes), decisions and action
points whose words meet what a member typed, read with the directory's analysis
(iswg_portal.core.analysis) so `siddet egitimi` finds "Şiddet eğitimleri" and `مساعدات` finds
"المساعدات".

Only what this person may read is searched, by the rules of meetings.visibility; the public site
search indexes `public_search_text` alone, so members-only text never reaches it."""

from dataclasses import dataclass, field

from iswg_portal.core.analysis import query_terms, word_keys, words_of
from iswg_portal.core.translation import best_translations
from meetings.models.blocks import OutcomeKind
from meetings.queries import attach_groups, visible_action_points
from meetings.visibility import hidden_action_point_ids, named_action_point, visible_meetings


@dataclass
class MeetingMatch:
    """A meeting whose agenda or minutes hold every word: the items that hold any of them, and
    its decisions that hold them all."""

    meeting: object
    items: list = field(default_factory=list)
    decisions: list = field(default_factory=list)


@dataclass
class RecordResults:
    """What the members' search found, each list best first (latest meeting first)."""

    words: list
    meetings: list = field(default_factory=list)
    action_points: list = field(default_factory=list)

    @property
    def decisions(self):
        """(meeting, decision text) for every decision found."""
        return [(match.meeting, text) for match in self.meetings for text in match.decisions]

    def __bool__(self):
        return bool(self.meetings or self.action_points)


def text_keys(*texts):
    """Every search key of the words of these texts."""
    keys = set()
    for text in texts:
        for word in words_of(text):
            keys |= word_keys(word)
    return keys


def holds_all(keys, query_keys):
    """True when every query word (given by its keys) meets one of the text's keys."""
    return all(not word.isdisjoint(keys) for word in query_keys)


def holds_any(keys, query_keys):
    """True when one query word or more meets one of the text's keys."""
    return any(not word.isdisjoint(keys) for word in query_keys)


def outcome_values(raw_item):
    """The outcomes of a stored agenda item, in the list block's new or old storage format."""
    return [
        entry["value"] if "value" in entry and "id" in entry else entry
        for entry in raw_item.get("outcomes") or []
        if isinstance(entry, dict)
    ]


def match_meeting(meeting, query_keys, hidden):
    """The MeetingMatch of a meeting holding every query word, else None; read from the stored
    agenda, so no item's agencies or pages are loaded."""
    items = [item for item in meeting.raw_items() if named_action_point(item) not in hidden]
    all_keys = text_keys(meeting.title)
    match = MeetingMatch(meeting)
    for item in items:
        outcomes = outcome_values(item)
        item_keys = text_keys(
            item.get("title"),
            item.get("notes"),
            item.get("discussion"),
            *(outcome.get("text") for outcome in outcomes),
        )
        all_keys |= item_keys
        if holds_any(item_keys, query_keys):
            match.items.append(item.get("title", ""))
        match.decisions.extend(
            outcome.get("text", "")
            for outcome in outcomes
            if outcome.get("kind") == OutcomeKind.DECISION
            and holds_all(text_keys(outcome.get("text")), query_keys)
        )
    return match if holds_all(all_keys, query_keys) else None


def search_meetings(query_keys, user, language):
    """The meetings this person may read that hold every word, one per meeting (in the
    visitor's language when that translation matches too), latest first."""
    meetings = [
        meeting
        for meeting in visible_meetings().order_by("-start", "pk")
        if meeting.can_see_details(user)
    ]
    hidden = hidden_action_point_ids(meetings, user)
    matches = {}
    for meeting in meetings:
        match = match_meeting(meeting, query_keys, hidden)
        if match is not None:
            matches[meeting.pk] = match
    chosen = best_translations([match.meeting for match in matches.values()], language)
    attach_groups(chosen)
    return [matches[meeting.pk] for meeting in chosen]


def search_action_points(query_keys, user):
    """The action points this person may see whose text or progress notes hold every word,
    latest due first."""
    points = visible_action_points(user).prefetch_related("notes").order_by("-due_date", "-pk")
    return [
        point
        for point in points
        if holds_all(text_keys(point.text, *(note.text for note in point.notes.all())), query_keys)
    ]


def search_record(query, user, language):
    """What the record holds for this query and person (see RecordResults)."""
    words = query_terms(query)
    query_keys = [word_keys(word) for word in words]
    query_keys = [keys for keys in query_keys if keys]
    if not query_keys:
        return RecordResults(words=[])
    return RecordResults(
        words=words,
        meetings=search_meetings(query_keys, user, language),
        action_points=search_action_points(query_keys, user),
    )
