"""Recompute the stored sort keys of the directory's alphabetical order."""

import icu
from django.core.management.base import BaseCommand

from iswg_portal.core.collation import sort_key
from services_map.models import ServicePage


class Command(BaseCommand):
    help = (
        "Recompute each service's title_sort_key (the directory's \"Name\" order) from its "
        "title and language. Run after the system's ICU library is upgraded, since sort keys "
        "may change between ICU versions; safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count, change nothing")

    def handle(self, *args, **options):
        services = ServicePage.objects.select_related("locale").only(
            "id", "title", "title_sort_key", "locale__language_code"
        )
        total = 0
        stale = []
        for service in services.iterator(chunk_size=1000):
            total += 1
            key = sort_key(service.title, service.locale.language_code)
            if key != service.title_sort_key:
                service.title_sort_key = key
                stale.append(service)
        verb = "would get" if options["dry_run"] else "got"
        if not options["dry_run"]:
            ServicePage.objects.bulk_update(stale, ["title_sort_key"], batch_size=500)
        self.stdout.write(
            f"{len(stale)} of {total} services {verb} a new sort key (ICU {icu.ICU_VERSION})."
        )
