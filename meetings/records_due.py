"""After a meeting ends, its group's leads are asked to mark it held and add its minutes: on
their admin desk from its end, and by e-mail once, three days after it.

A meeting waits to be recorded while it is published, has ended and is still "Scheduled" in
every language it is published in: marking one language version held is enough.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from iswg_portal.accounts.roles import GROUP_LEADS
from iswg_portal.core.mail import render_email
from meetings.models import MeetingPage, MeetingRecordReminder, ThematicGroupPage

REMIND_AFTER = timedelta(days=3)
# Meetings that ended longer ago are history: a first run must not e-mail about every one.
REMIND_WITHIN = timedelta(days=60)


def meetings_to_record(meetings=None, now=None):
    """The meetings among `meetings` (every meeting unless given) that have ended and are
    still "Scheduled" in every published language, the latest first."""
    meetings = MeetingPage.objects.all() if meetings is None else meetings
    settled = (
        MeetingPage.objects.live()
        .exclude(status=MeetingPage.Status.SCHEDULED)
        .values("translation_key")
    )
    return (
        meetings.live()
        .filter(status=MeetingPage.Status.SCHEDULED, end__lt=now or timezone.now())
        .exclude(translation_key__in=settled)
        .order_by("-end", "pk")
    )


def group_leads(group):
    """The active group leads of the group (of its own Django group, any language version)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_LEADS)
        .filter(groups__organisation__translation_key=group.translation_key)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def reminders_due(now=None):
    """The original language version of each meeting that ended between REMIND_WITHIN and
    REMIND_AFTER ago, is still "Scheduled" and whose leads were not yet reminded; the minutes
    are written in the original (meetings/publishing.py)."""
    now = now or timezone.now()
    ended = meetings_to_record(now=now - REMIND_AFTER).filter(end__gte=now - REMIND_WITHIN)
    reminded = MeetingRecordReminder.objects.values("meeting_key")
    originals = {}
    for meeting in ended.exclude(translation_key__in=reminded).order_by("pk"):
        originals.setdefault(meeting.translation_key, meeting)
    return sorted(originals.values(), key=lambda meeting: (meeting.end, meeting.pk))


def reminder_message(meeting, group, lead):
    """The e-mail asking one lead to record the meeting, in their language."""
    language = lead.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "meeting": meeting.localized,
            "group": group.localized,
            "edit_url": settings.SITE_URL + reverse("wagtailadmin_pages:edit", args=[meeting.pk]),
        }
    return render_email(
        to=lead.email,
        language=language,
        context=context,
        subject_template="meetings/emails/record_meeting_subject.txt",
        text_template="meetings/emails/record_meeting.txt",
        html_template="meetings/emails/record_meeting.html",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


def send_record_reminders(dry_run=False, now=None, stdout=None):
    """E-mail the leads of each meeting due a reminder (see `reminders_due`), once per meeting;
    return the meetings reminded. A meeting whose group has no lead waits until it has one."""
    reminded = []
    for meeting in reminders_due(now):
        group = ThematicGroupPage.objects.get(pk=meeting.get_parent().pk)
        leads = list(group_leads(group))
        if not leads:
            if stdout:
                stdout.write(f"{meeting}: {group} has no group lead to ask, skipped.")
            continue
        addresses = [lead.email for lead in leads]
        if stdout:
            stdout.write(f"{meeting}: asking {', '.join(addresses)} to record it.")
        reminded.append(meeting)
        if dry_run:
            continue
        for lead in leads:
            reminder_message(meeting, group, lead).send()
        MeetingRecordReminder.objects.create(
            meeting_key=meeting.translation_key, recipients=", ".join(addresses)
        )
    return reminded
