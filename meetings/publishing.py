"""What happens when a meeting page is published (by hand, after moderation or on schedule).

Action points and adoptions are written from the minutes; the calendar SEQUENCE moves on when
time, place or status changed; e-mails go out after the transaction commits, once per
publication, recorded so that no later publication repeats them.
"""

import contextlib
import logging
import threading

from django.db import IntegrityError, transaction
from django.utils import timezone

from meetings.access import may_change_action_point
from meetings.action_points import change_status, has_own_history, raise_from_minutes
from meetings.calendar import record_calendar_state
from meetings.documents import protect_members_only_documents
from meetings.models import ActionPoint, MeetingNotification, MeetingPage, MinutesAdoption
from meetings.models.blocks import FollowUp, OutcomeKind
from meetings.notifications import send_meeting_email

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
    """Make each new action point of the minutes a tracked record, once: the minutes never
    overwrite a point afterwards. One taken out of the minutes goes unless it has a history of
    its own (a change or a note), which is kept."""
    seen = []
    tell_agency = not getattr(_state, "muted", False)
    for block_id, outcome in outcome_blocks(meeting):
        seen.append(block_id)
        raise_from_minutes(meeting, block_id, outcome, user=user, tell_agency=tell_agency)
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

    due = []
    if meeting.has_agenda and meeting.end > timezone.now():
        due.append((MeetingNotification.Kind.AGENDA, 0))
    if meeting.has_minutes:
        due.append((MeetingNotification.Kind.MINUTES, 0))
    changes_worth_telling = (UPDATE_FIELDS & set(changed)) or (
        "status" in changed and meeting.status in UPDATE_STATUSES
    )
    if changes_worth_telling:
        due.append((MeetingNotification.Kind.UPDATE, entry.sequence))
    muted = getattr(_state, "muted", False)
    for kind, sequence in due:
        if MeetingNotification.objects.filter(
            meeting_key=meeting.translation_key, kind=kind, sequence=sequence
        ).exists():
            continue
        if muted:
            record_without_sending(meeting, kind, sequence)
            continue
        transaction.on_commit(
            lambda kind=kind, sequence=sequence, pk=meeting.pk, changed=tuple(changed): send_once(
                pk, kind, sequence, changed
            )
        )


def record_without_sending(meeting, kind, sequence):
    """Remember a publication as handled without e-mailing it."""
    MeetingNotification.objects.get_or_create(
        meeting_key=meeting.translation_key,
        kind=kind,
        sequence=sequence,
        defaults={"suppressed": True},
    )


def send_once(meeting_pk, kind, sequence, changed=()):
    """Claim the publication's e-mail by its unique key, then send it; a lost race sends none."""
    meeting = MeetingPage.objects.filter(pk=meeting_pk).first()
    if meeting is None or not meeting.live:
        return
    try:
        with transaction.atomic():
            claim = MeetingNotification.objects.create(
                meeting_key=meeting.translation_key, kind=kind, sequence=sequence
            )
    except IntegrityError:
        return
    try:
        count = send_meeting_email(meeting, kind, changed)
    except Exception:  # noqa: BLE001 - a mail server error must not break the publication
        # Free the claim so the next publication tries again rather than never telling anyone.
        claim.delete()
        logger.exception("Could not e-mail the %s of meeting %s", kind, meeting_pk)
        return
    claim.recipient_count = count
    claim.sent_at = timezone.now()
    claim.save(update_fields=["recipient_count", "sent_at"])
