"""Delete recorded directory searches older than SEARCH_MISS_RETENTION_DAYS."""

from django.conf import settings
from django.core.management.base import BaseCommand

from services_map.search_misses import prune_search_misses


class Command(BaseCommand):
    help = (
        "Delete the recorded searches without results (the co-chairs' report) older than "
        "SEARCH_MISS_RETENTION_DAYS days. Run it daily; running it twice deletes nothing more."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        count = prune_search_misses(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(
            f"{count} recorded search(es) older than {settings.SEARCH_MISS_RETENTION_DAYS} "
            f"days {verb}."
        )
