"""Refresh the database's query planner statistics for the directory's search."""

from django.core.management.base import BaseCommand
from django.db import connection


class Command(BaseCommand):
    help = (
        "Refresh the query planner's statistics (ANALYZE). On SQLite, without them the "
        "planner joins the full-text index the slow way round and text searches take seconds "
        "instead of milliseconds. Run after large imports and daily from cron; safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would run")

    def handle(self, *args, **options):
        if options["dry_run"]:
            self.stdout.write(f"Would run ANALYZE on the {connection.vendor} database.")
            return
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(f"Refreshed planner statistics of the {connection.vendor} database.")
