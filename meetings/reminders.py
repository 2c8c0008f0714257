"""The weekly digest of overdue and soon-due action points, one e-mail per agency.

An agency is one agency in every language: action points, focal points and past digests may
name any translation of it, so they are matched by translation key."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation

from iswg_portal.accounts.models import User
from iswg_portal.core.mail import render_email
from iswg_portal.core.time import local_today
from meetings.calendar import absolute_url
from meetings.models import ActionPoint, ActionPointReminder, GroupFocalPoint

SOON = timedelta(days=7)
AT_MOST_EVERY = timedelta(days=7)


def agency_focal_points(agency):
    """The e-mail addresses an agency named as focal points in any group, else its own e-mail."""
    addresses = sorted(
        {
            email.lower()
            for email in GroupFocalPoint.objects.filter(
                agency__translation_key=agency.translation_key
            )
            .exclude(email="")
            .values_list("email", flat=True)
        }
    )
    if not addresses and agency.email:
        addresses = [agency.email.lower()]
    return addresses


def due_action_points(today):
    """Open action points overdue or due within a week, grouped by responsible agency."""
    points = (
        ActionPoint.objects.open()
        .filter(raised_at__live=True, responsible_agency__isnull=False, due_date__isnull=False)
        .filter(due_date__lte=today + SOON)
        .select_related("responsible_agency", "raised_at", "group")
        .order_by("due_date", "pk")
    )
    agencies, by_agency = {}, defaultdict(list)
    for point in points:
        key = point.responsible_agency.translation_key
        agencies.setdefault(key, point.responsible_agency)
        by_agency[key].append(point)
    return {agencies[key]: points for key, points in by_agency.items()}


def recently_reminded(agency, now):
    """True when the agency had a digest less than a week ago."""
    return ActionPointReminder.objects.filter(
        agency__translation_key=agency.translation_key, sent_at__gt=now - AT_MOST_EVERY
    ).exists()


def digest_message(agency, points, address, today):
    """The digest for one focal point, in their account's language, else the language given
    with their address on a group page."""
    user = User.objects.filter(email__iexact=address).first()
    typed = (
        GroupFocalPoint.objects.filter(email__iexact=address)
        .values_list("language", flat=True)
        .first()
    )
    language = user.preferred_language if user else typed or settings.LANGUAGE_CODE
    with translation.override(language):
        for point in points:
            point.meeting_url = absolute_url(point.raised_at)
    context = {
        "agency": agency,
        "overdue": [point for point in points if point.due_date < today],
        "soon": [point for point in points if point.due_date >= today],
        "tracker_url": settings.SITE_URL + f"/{language}/meetings/action-points/",
    }
    return render_email(
        to=address,
        language=language,
        context=context,
        subject_template="meetings/emails/action_point_digest_subject.txt",
        text_template="meetings/emails/action_point_digest.txt",
        html_template="meetings/emails/action_point_digest.html",
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


def send_reminders(dry_run=False, now=None, stdout=None):
    """E-mail each agency one digest unless it had one this week; return the agencies reminded."""
    now = now or timezone.now()
    today = local_today(now)
    reminded = []
    for agency, points in due_action_points(today).items():
        if recently_reminded(agency, now):
            continue
        addresses = agency_focal_points(agency)
        if not addresses:
            if stdout:
                stdout.write(f"{agency}: no focal point with an e-mail address, skipped.")
            continue
        if stdout:
            stdout.write(f"{agency}: {len(points)} action point(s) to {', '.join(addresses)}.")
        if dry_run:
            reminded.append(agency)
            continue
        for address in addresses:
            digest_message(agency, points, address, today).send()
        ActionPointReminder.objects.create(
            agency=agency,
            sent_at=now,
            action_point_count=len(points),
            recipients=", ".join(addresses),
        )
        reminded.append(agency)
    return reminded
