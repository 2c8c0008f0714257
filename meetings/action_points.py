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

from iswg_portal.accounts.models import User
from iswg_portal.core.mail import render_email
from meetings.audit import AGENCY_NOTIFIED, CHANGED, NOTE_ADDED, RAISED
from meetings.calendar import absolute_url
from meetings.models import ActionPoint, ActionPointNote
from meetings.notifications import meeting_in_language
from meetings.reminders import agency_focal_points
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
    Without `tell_agency` (past meetings being loaded) the assignment counts as told."""
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
        notify_responsible_agency(point, user)
    return point


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


def assignment_recipients(point):
    """(address, language) of everyone to tell that the point is their agency's: the people
    of the agency's account group, then its focal points; each only if they may see it."""
    agency = point.responsible_agency
    people = User.objects.filter(
        is_active=True, groups__organisation__translation_key=agency.translation_key
    ).distinct()
    accounts = {user.email.lower(): user for user in people}
    for address in agency_focal_points(agency):
        if address not in accounts:
            accounts[address] = User.objects.filter(email__iexact=address, is_active=True).first()
    recipients = []
    for address, user in sorted(accounts.items()):
        reader = user if user is not None else THE_PUBLIC
        if not visible_action_points(reader).filter(pk=point.pk).exists():
            continue
        language = user.preferred_language if user is not None else settings.LANGUAGE_CODE
        recipients.append((address, language))
    return recipients


def assignment_message(point, address, language):
    """The e-mail telling one person that their agency has an action point."""
    with translation.override(language):
        meeting = meeting_in_language(point.raised_at, language)
        context = {
            "point": point,
            "agency": point.responsible_agency,
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


def notify_responsible_agency(point, user=None):
    """E-mail the responsible agency's people that the point is theirs, once per assignment:
    the agency told is recorded first, so a republication or a second save sends nothing."""
    agency = point.responsible_agency
    if agency is None or not point.raised_at.live:
        return 0
    claimed = (
        ActionPoint.objects.filter(pk=point.pk)
        .exclude(agency_notified=agency)
        .update(agency_notified=agency)
    )
    if not claimed:
        return 0
    point.agency_notified = agency
    recipients = assignment_recipients(point)
    for address, language in recipients:
        assignment_message(point, address, language).send()
    log(
        instance=point,
        action=AGENCY_NOTIFIED,
        user=user,
        data={"agency": agency_name(agency), "recipients": len(recipients)},
    )
    return len(recipients)
