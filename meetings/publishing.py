"""What happens when a meeting page is published (by hand, after moderation or on schedule).

Action points and adoptions are written from the minutes; the calendar SEQUENCE moves on when
time, place or status changed; e-mails go out after the transaction commits, once per
publication, recorded so that no later publication repeats them: an agenda or minutes are sent
again, marked updated, only when what they say changed, and a meeting that is on again after a
cancellation or withdrawal is announced again.
"""

import contextlib
import logging
import threading
from typing import NamedTuple

from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.access import may_change_action_point
from meetings.action_points import (
    change_status,
    has_own_history,
    notify_responsible_agency,
    raise_from_minutes,
)
from meetings.calendar import record_calendar_state
from meetings.documents import protect_members_only_documents
from meetings.models import ActionPoint, MeetingNotification, MeetingPage, MinutesAdoption
from meetings.models.blocks import FollowUp, OutcomeKind
from meetings.notifications import content_digest, send_meeting_email

logger = logging.getLogger(__name__)

_state = threading.local()

UPDATE_FIELDS = {"start", "end", "location"}
UPDATE_STATUSES = {MeetingPage.Status.CANCELLED, MeetingPage.Status.POSTPONED}


@contextlib.contextmanager
def notifications_recorded_not_sent():
    """Record publications without e-mailing anyone, e.g. while loading past meetings."""
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


def is_original(meeting):
    """True for the language version a meeting was first written in, the one minutes come from."""
    first = (
        MeetingPage.objects.filter(translation_key=meeting.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    return first == meeting.pk


def outcome_blocks(meeting):
    """(block id, outcome value) of every action point in the minutes."""
    for block in meeting.agenda:
        if block.block_type != "item":
            continue
        for child in block.value["outcomes"].bound_blocks:
            if child.value["kind"] == OutcomeKind.ACTION_POINT:
                yield child.id, child.value


def sync_action_points(meeting, user=None):
    """Make each new action point of the minutes a tracked record, once, and tell each
    responsible agency of its new points in one e-mail: the minutes never overwrite a point
    afterwards. One taken out of the minutes goes unless it has a history of
    its own (a change or a note), which is kept."""
    seen, raised = [], []
    tell_agency = not getattr(_state, "muted", False)
    for block_id, outcome in outcome_blocks(meeting):
        seen.append(block_id)
        point, created = raise_from_minutes(
            meeting, block_id, outcome, user=user, tell_agency=tell_agency
        )
        if created:
            raised.append(point)
    # Each agency hears once of all the points these minutes gave it.
    notify_responsible_agency(raised, user)
    taken_out = ActionPoint.objects.filter(
        raised_at=meeting, source_block_id__isnull=False
    ).exclude(source_block_id__in=seen)
    for point in taken_out:
        if not has_own_history(point):
            point.delete()


def apply_follow_ups(meeting, user):
    """Close the action points that the minutes' matters arising mark done or dropped; a
    group lead's minutes close their own groups' action points only."""
    for item in meeting.follow_up_items():
        point = item["action_point"]
        if user is not None and not may_change_action_point(user, point):
            continue
        status = (
            ActionPoint.Status.DONE
            if item["follow_up"] == FollowUp.DONE
            else ActionPoint.Status.DROPPED
        )
        if point.status == ActionPoint.Status.OPEN:
            change_status(point, status, user=user, meeting=meeting)


def apply_adoptions(meeting):
    """Mark earlier minutes adopted when this meeting's minutes say so."""
    for item in meeting.adoption_items():
        if item["minutes_adopted"]:
            previous = item["previous_meeting"]
            MinutesAdoption.objects.get_or_create(
                meeting_key=previous.translation_key, defaults={"adopted_at": meeting}
            )


def on_meeting_published(sender, instance, revision=None, **kwargs):
    """Hooked to Wagtail's page_published for MeetingPage."""
    meeting = instance.specific if not isinstance(instance, MeetingPage) else instance
    user = getattr(revision, "user", None)
    entry, changed = record_calendar_state(meeting)
    protect_members_only_documents(meeting)
    if is_original(meeting):
        sync_action_points(meeting, user)
    apply_follow_ups(meeting, user)
    apply_adoptions(meeting)

    muted = getattr(_state, "muted", False)
    due = []
    if meeting.has_agenda and meeting.end > timezone.now():
        due.extend(text_to_send(meeting, MeetingNotification.Kind.AGENDA))
    if meeting.has_minutes:
        due.extend(text_to_send(meeting, MeetingNotification.Kind.MINUTES))
    if is_reinstated(meeting, changed):
        due.append(Due(MeetingNotification.Kind.REINSTATED, entry.sequence))
    elif (UPDATE_FIELDS & set(changed)) or (
        "status" in changed and meeting.status in UPDATE_STATUSES
    ):
        due.append(Due(MeetingNotification.Kind.UPDATE, entry.sequence))
    for item in due:
        if MeetingNotification.objects.filter(
            meeting_key=meeting.translation_key, kind=item.kind, sequence=item.sequence
        ).exists():
            continue
        if muted:
            record_without_sending(meeting, item)
            continue
        transaction.on_commit(
            lambda item=item, pk=meeting.pk, changed=tuple(changed), user=user: send_once(
                pk, item, changed, user=user
            )
        )


class Due(NamedTuple):
    """An e-mail a publication calls for: its kind and sequence (the unique key that makes it
    sent once), whether it is a corrected text sent again, and the text's digest."""

    kind: str
    sequence: int
    updated: bool = False
    digest: str = ""


def text_to_send(meeting, kind):
    """The agenda or minutes e-mail this publication calls for: the first one, or the text
    sent again marked updated when what it says changed since it was last sent."""
    digest = content_digest(meeting, kind)
    last = (
        MeetingNotification.objects.filter(meeting_key=meeting.translation_key, kind=kind)
        .order_by("-sequence")
        .first()
    )
    if last is None:
        return [Due(kind, 0, digest=digest)]
    if not last.digest:
        # Recorded before digests were kept: take today's text as what was sent.
        MeetingNotification.objects.filter(pk=last.pk).update(digest=digest)
        return []
    if last.digest == digest:
        return []
    return [Due(kind, last.sequence + 1, updated=True, digest=digest)]


def is_reinstated(meeting, changed):
    """True when a meeting its group had heard of is on again: set back to scheduled after a
    cancellation or postponement, or published again after it was taken off the site."""
    back = "withdrawn_at" in changed or (
        "status" in changed and meeting.status == MeetingPage.Status.SCHEDULED
    )
    if not back or meeting.end <= timezone.now():
        return False
    return MeetingNotification.objects.filter(
        meeting_key=meeting.translation_key, sent_at__isnull=False
    ).exists()


def record_without_sending(meeting, due):
    """Remember a publication as handled without e-mailing it."""
    MeetingNotification.objects.get_or_create(
        meeting_key=meeting.translation_key,
        kind=due.kind,
        sequence=due.sequence,
        defaults={"suppressed": True, "digest": due.digest, "updated": due.updated},
    )


def send_once(meeting_pk, due, changed=(), user=None):
    """Claim the publication's e-mail by its unique key, then send it; a lost race sends none."""
    meeting = MeetingPage.objects.filter(pk=meeting_pk).first()
    if meeting is None or not meeting.live:
        return
    try:
        with transaction.atomic():
            claim = MeetingNotification.objects.create(
                meeting_key=meeting.translation_key,
                kind=due.kind,
                sequence=due.sequence,
                updated=due.updated,
                digest=due.digest,
                sent_by=user if getattr(user, "pk", None) else None,
            )
    except IntegrityError:
        return
    try:
        count = send_meeting_email(meeting, claim, changed)
    except Exception:  # noqa: BLE001 - a mail server error must not break the publication
        # Free the claim so the next publication tries again rather than never telling anyone.
        claim.delete()
        logger.exception("Could not e-mail the %s of meeting %s", due.kind, meeting_pk)
        return
    claim.recipient_count = count
    claim.sent_at = timezone.now()
    claim.save(update_fields=["recipient_count", "sent_at"])
