"""An action point's life after the minutes raised it: the minutes create it once, later
changes (admin, tracker, matters arising) are the point's own; each is logged in the audit log
with who and when, progress notes are kept with their author, and the responsible agency is
e-mailed once for each assignment."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import translation
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from iswg_portal.core.mail import render_email
from meetings.audit import AGENCY_NOTIFIED, CHANGED, NOTE_ADDED, RAISED
from meetings.calendar import absolute_url
from meetings.models import ActionPoint, ActionPointNote
from meetings.notifications import meeting_in_language
from meetings.recipients import agency_recipients
from meetings.visibility import THE_PUBLIC, visible_action_points

# The fields whose changes the history lists, in the order a person reads them.
LOGGED_FIELDS = (
    "text",
    "responsible_agency",
    "due_date",
    "status",
    "group",
    "raised_at",
    "closed_at",
)


def agency_name(agency):
    """How an agency is named in short: its acronym, else its title."""
    return (agency.acronym or agency.title) if agency else ""


def logged_value(point, field):
    """A field's value as the history keeps it: a date in ISO form, a page by its name."""
    value = getattr(point, field)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if field == "responsible_agency":
        return agency_name(value)
    if isinstance(value, models.Model):
        return value.title
    return str(value)


def snapshot(point):
    """The logged fields' values now, to compare with after a change."""
    return {field: logged_value(point, field) for field in LOGGED_FIELDS}


def log_changes(point, before, user):
    """Log what changed since `before` (a snapshot), by whom; return the changed fields."""
    after = snapshot(point)
    changes = [
        {"field": field, "old": before[field], "new": after[field]}
        for field in LOGGED_FIELDS
        if before[field] != after[field]
    ]
    if changes:
        log(instance=point, action=CHANGED, user=user, data={"changes": changes})
    return [change["field"] for change in changes]


def raise_from_minutes(meeting, block_id, outcome, user=None, tell_agency=True):
    """The tracked record of an action point in the minutes, created at the first publication
    only: what was changed on the point since then is never overwritten by the minutes.
    Without `tell_agency` (past meetings being loaded) the assignment counts as told.
    Return (point, created); the caller tells the agencies (`notify_responsible_agency`)."""
    agency = outcome["responsible_agency"]
    agency_id = agency.pk if agency else None
    point, created = ActionPoint.objects.get_or_create(
        source_block_id=block_id,
        defaults={
            "group": meeting.group,
            "raised_at": meeting,
            "text": outcome["text"],
            "responsible_agency_id": agency_id,
            "due_date": outcome["due_date"],
            "agency_notified_id": None if tell_agency else agency_id,
        },
    )
    if created:
        log(instance=point, action=RAISED, user=user, data={"meeting": meeting.title})
    return point, created


def has_own_history(point):
    """True once anyone changed the point or wrote a note on it after the minutes raised it."""
    changes = ModelLogEntry.objects.for_instance(point).exclude(
        action__in=[RAISED, AGENCY_NOTIFIED]
    )
    return point.notes.exists() or point.status != ActionPoint.Status.OPEN or changes.exists()


def change_status(point, status, user=None, meeting=None):
    """Open, close or drop the point (see ActionPoint.set_status) and log it; True if changed."""
    before = snapshot(point)
    if not point.set_status(status, user=user, meeting=meeting):
        return False
    log_changes(point, before, user)
    return True


def change_due_date(point, due_date, user=None):
    """Move the point's due date (None for none) and log it; True if it changed."""
    if due_date == point.due_date:
        return False
    before = snapshot(point)
    point.due_date = due_date
    point.save(update_fields=["due_date"])
    log_changes(point, before, user)
    return True


def add_note(point, author, text):
    """Keep a progress note on the point, with its author and the time, and log it."""
    note = ActionPointNote.objects.create(action_point=point, author=author, text=text)
    log(instance=point, action=NOTE_ADDED, user=author, data={"text": text})
    return note


def assignment_message(points, address, language):
    """The e-mail telling one person which action points are their agency's."""
    with translation.override(language):
        meeting = meeting_in_language(points[0].raised_at, language)
        context = {
            "points": points,
            "agency": points[0].responsible_agency,
            "meeting": meeting,
            "meeting_url": absolute_url(meeting),
            "tracker_url": settings.SITE_URL + f"/{language}/meetings/action-points/",
        }
    return render_email(
        to=address,
        language=language,
        context=context,
        subject_template="meetings/emails/action_point_assigned_subject.txt",
        text_template="meetings/emails/action_point_assigned.txt",
        html_template="meetings/emails/action_point_assigned.html",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


def claim_assignment(point):
    """Record the point's agency as told; False when it already was (a republication or a
    second save), so that each assignment is e-mailed once."""
    agency = point.responsible_agency
    if agency is None or not point.raised_at.live:
        return False
    claimed = (
        ActionPoint.objects.filter(pk=point.pk)
        .exclude(agency_notified=agency)
        .update(agency_notified=agency)
    )
    if claimed:
        point.agency_notified = agency
    return bool(claimed)


def notify_responsible_agency(points, user=None):
    """E-mail each responsible agency's people, in their language, one e-mail listing the
    points newly theirs (each person sees only the points they may see); return how many
    e-mails were queued."""
    by_agency = {}
    for point in points:
        if claim_assignment(point):
            key = point.responsible_agency.translation_key
            by_agency.setdefault(key, []).append(point)
    queued = 0
    for agency_points in by_agency.values():
        agency = agency_points[0].responsible_agency
        sent = 0
        for recipient in agency_recipients(agency):
            reader = recipient.user if recipient.user is not None else THE_PUBLIC
            visible = set(
                visible_action_points(reader)
                .filter(pk__in=[point.pk for point in agency_points])
                .values_list("pk", flat=True)
            )
            shown = [point for point in agency_points if point.pk in visible]
            if shown:
                assignment_message(shown, recipient.address, recipient.language).send()
                sent += 1
        for point in agency_points:
            log(
                instance=point,
                action=AGENCY_NOTIFIED,
                user=user,
                data={"agency": agency_name(agency), "recipients": sent},
            )
        queued += sent
    return queued
