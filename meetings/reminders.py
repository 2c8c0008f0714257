"""The weekly digest of overdue and soon-due action points, one e-mail per agency."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from iswg_portal.accounts.models import User
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
            for email in GroupFocalPoint.objects.filter(agency=agency)
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
    by_agency = defaultdict(list)
    for point in points:
        by_agency[point.responsible_agency].append(point)
    return by_agency


def recently_reminded(agency, now):
    """True when the agency had a digest less than a week ago."""
    return ActionPointReminder.objects.filter(
        agency=agency, sent_at__gt=now - AT_MOST_EVERY
    ).exists()


def digest_message(agency, points, address, today):
    """The digest for one focal point, in their language when they have an account."""
    user = User.objects.filter(email__iexact=address).first()
    language = user.preferred_language if user else settings.LANGUAGE_CODE
    with translation.override(language):
        for point in points:
            point.meeting_url = absolute_url(point.raised_at)
        context = {
            "agency": agency,
            "overdue": [point for point in points if point.due_date < today],
            "soon": [point for point in points if point.due_date >= today],
            "tracker_url": settings.SITE_URL + f"/{language}/meetings/action-points/",
        }
        subject = gettext("Action points of %(agency)s: overdue and due this week") % {
            "agency": agency.acronym or agency.title
        }
        text = render_to_string("meetings/emails/action_point_digest.txt", context)
        html = render_to_string("meetings/emails/action_point_digest.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach_alternative(html, "text/html")
    return message


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
