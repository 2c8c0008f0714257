"""Make the whole site look real: one idempotent command, extended by each part of the portal."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo import seed_site
from iswg_portal.accounts.demo import place_demo_accounts, seed_accounts
from iswg_portal.core.indexing import index_once
from meetings.demo import seed_meetings
from meetings.models import ThematicGroupPage
from services_map.demo import seed_directory, seed_helplines
from services_map.models import AgencyPage
from services_map.reference_data import seed_directory_page, seed_places


class Command(BaseCommand):
    help = "Create or update the demo site, reference data and demo accounts. Safe to run twice."

    def handle(self, *args, **options):
        # In one transaction; each page indexed for search and references once, when the whole
        # demo is in place.
        with transaction.atomic(), index_once():
            self.seed()
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def seed(self):
        seed_site(self.stdout)
        seed_places(self.stdout)
        seed_directory_page(self.stdout)
        seed_accounts(self.stdout)
        seed_directory(self.stdout)
        seed_helplines(self.stdout)
        seed_meetings(self.stdout)
        place_demo_accounts(
            self.stdout,
            agency_page=AgencyPage.objects.filter(acronym="SGDD-ASAM").order_by("pk").first(),
            group_page=ThematicGroupPage.objects.filter(slug="protection").order_by("pk").first(),
        )
