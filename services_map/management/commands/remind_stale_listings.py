"""Remind agencies of service listings nobody has confirmed for 150 days or more."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from iswg_portal.core.mail import send_templated_email
from services_map.freshness import REMIND_AFTER_DAYS, listing_editors_emails, stale_listings
from services_map.models import ServicePage


class Command(BaseCommand):
    help = (
        f"E-mail the editors of listings unverified for {REMIND_AFTER_DAYS} days or more, at most "
        "once per listing every 30 days. Run it daily; running it twice sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be reminded of what, without sending or recording anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        sent = skipped = 0
        for page in stale_listings():
            recipients = listing_editors_emails(page)
            verified = page.last_verified.isoformat() if page.last_verified else "never"
            if not recipients:
                skipped += 1
                self.stdout.write(f"No address for '{page.title}' (verified {verified}).")
                continue
            if dry_run:
                self.stdout.write(
                    f"Would remind {', '.join(recipients)} about '{page.title}' "
                    f"(verified {verified})."
                )
                sent += 1
                continue
            with transaction.atomic():
                # Claim the listing first so two runs at once cannot both send.
                claimed = ServicePage.objects.filter(
                    translation_key=page.translation_key,
                    last_stale_reminder_at=page.last_stale_reminder_at,
                ).update(last_stale_reminder_at=timezone.now())
                if not claimed:
                    continue
                transaction.on_commit(lambda page=page, to=recipients: send_reminder(page, to))
            sent += 1
            self.stdout.write(f"Reminded {', '.join(recipients)} about '{page.title}'.")
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{sent} reminder(s) {verb}; {skipped} listing(s) without an address.")


def send_reminder(page, recipients):
    """Queue one e-mail about one listing, in the portal's default language."""
    days = (timezone.localdate() - page.last_verified).days if page.last_verified else None
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "page": page,
            "days": days,
            "edit_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("wagtailadmin_pages:edit", args=[page.pk]),
            "confirm_url": settings.WAGTAILADMIN_BASE_URL
            + reverse("services_map_confirm_listing", args=[page.pk]),
        }
    send_templated_email(
        to=recipients,
        language=settings.LANGUAGE_CODE,
        context=context,
        subject_template="emails/stale_listing_subject.txt",
        text_template="emails/stale_listing.txt",
    )
