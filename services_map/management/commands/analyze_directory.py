"""Refresh the database's query planner statistics for the directory's search; on PostgreSQL
also vacuum, so the search text's GIN index is used."""

from django.core.management.base import BaseCommand
from django.db import connection


def maintenance_statement():
    """The SQL to run: ANALYZE; on PostgreSQL, outside a transaction, VACUUM (ANALYZE).

    A GIN index keeps rows written since the last vacuum in a pending list and only a vacuum
    records its size for the planner: after an import of thousands of services and before any
    vacuum, PostgreSQL read the whole search index table for each text condition (20 ms each at
    10,000 services) instead of the index (2-4 ms). VACUUM cannot run in a transaction block."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        return "VACUUM (ANALYZE)"
    return "ANALYZE"


class Command(BaseCommand):
    help = (
        "Refresh the query planner's statistics (ANALYZE; on PostgreSQL VACUUM (ANALYZE)). On "
        "SQLite, without them the planner joins the full-text index the slow way round and "
        "text searches take seconds instead of milliseconds; on PostgreSQL the vacuum makes the "
        "search text's index usable after an import. Run after large imports and daily from "
        "cron; safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="say what would run")

    def handle(self, *args, **options):
        statement = maintenance_statement()
        if options["dry_run"]:
            self.stdout.write(f"Would run {statement} on the {connection.vendor} database.")
            return
        with connection.cursor() as cursor:
            cursor.execute(statement)
        self.stdout.write(f"Refreshed planner statistics of the {connection.vendor} database.")
