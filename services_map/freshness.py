"""Keeping listings fresh: an agency editor confirms in one action that a service is still right,
and listings nobody has confirmed for 150 days are found for the monthly reminder. The date is
one of the facts every translation shares (shared_facts.py): it is stamped once, on the
source page, and shared from there."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Min, Q
from django.utils import timezone
from wagtail.log_actions import log

from iswg_portal.accounts.models import Organisation

from .models import ServicePage
from .shared_facts import share_facts, source_of

REMIND_AFTER_DAYS = 150
REMIND_AT_MOST_EVERY = datetime.timedelta(days=30)
CONFIRM_ACTION = "services_map.confirm_listing"


def confirm_listing(page, user, today=None):
    """Record that the listing is still correct today, in every language, without publishing
    anything else; a pending draft keeps its edits and gets the new date too."""
    today = today or timezone.localdate()
    with transaction.atomic():
        stamp_verified(page, today)
        log(instance=page, action=CONFIRM_ACTION, user=user)
    page.last_verified = today
    return today


def stamp_verified(page, today):
    """Set the service's verification date on its source page, live and in its pending draft
    (publishing the draft later must not bring back the old date), and share it with every
    translation."""
    source = ServicePage.objects.get(pk=source_of(page).pk)
    ServicePage.objects.filter(pk=source.pk).update(last_verified=today)
    source.last_verified = today
    if source.has_unpublished_changes:
        draft = source.get_latest_revision()
        if draft is not None:
            draft.content["last_verified"] = today.isoformat()
            draft.save(update_fields=["content"])
    share_facts(source)


def can_confirm(page, user):
    """Whoever may edit the service may confirm it."""
    return page.permissions_for_user(user).can_edit()


def stale_listings(today=None):
    """Published services not confirmed for 150 days or more (or never) and not reminded in the
    last 30 days, one page per listing (the original language), oldest confirmation first."""
    today = today or timezone.localdate()
    now = timezone.now()
    threshold = today - datetime.timedelta(days=REMIND_AFTER_DAYS)
    return (
        ServicePage.objects.live()
        .filter(alias_of__isnull=True)
        .exclude(status=ServicePage.Status.CLOSED)
        .exclude(end_date__lt=today)
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lte=threshold))
        .filter(
            Q(last_stale_reminder_at__isnull=True)
            | Q(last_stale_reminder_at__lte=now - REMIND_AT_MOST_EVERY)
        )
        # One message per listing: the source page (shared_facts.py) stands for all.
        .filter(pk__in=_first_page_per_translation_key())
        .select_related("owner", "latest_revision__user")
        .order_by("last_verified", "pk")
    )


def _first_page_per_translation_key():
    """Lowest page id per translation key (the source, as shared_facts.source_of says), for
    databases without DISTINCT ON."""
    return (
        ServicePage.objects.values("translation_key")
        .annotate(first=Min("pk"))
        .values_list("first", flat=True)
    )


def listing_editors_emails(page):
    """Whom to remind about a listing, one e-mail per address: the agency's e-mail, the
    agency's editors (the people of its Django group who may edit the listing, see
    accounts/organisations.py), the page's owner and whoever last edited it; active accounts
    only."""
    agency = page.get_parent().specific
    candidates = [getattr(agency, "email", "")]
    candidates += [editor.email for editor in agency_editors(agency, page)]
    people = [page.owner if page.owner_id else None]
    revision = page.latest_revision
    if revision is not None and revision.user_id:
        people.append(revision.user)
    candidates += [person.email for person in people if person is not None and person.is_active]
    emails = []
    for email in candidates:
        if email and email.lower() not in {known.lower() for known in emails}:
            emails.append(email)
    return emails


def agency_editors(agency, page):
    """Active people of the agency's own group who may open the admin and edit the listing."""
    people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__organisation__kind=Organisation.Kind.AGENCY,
            groups__organisation__translation_key=agency.translation_key,
        )
        .order_by("email")
    )
    return [
        person
        for person in people
        if person.has_perm("wagtailadmin.access_admin") and can_confirm(page, person)
    ]
