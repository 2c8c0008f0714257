"""`manage.py restore <archive>`: put a backup back into an empty database and MEDIA_ROOT."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from iswg_portal.core.backups import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into an empty database (one with no "
        "tables, as after createdb) and MEDIA_ROOT. Stop the app servers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="An iswg-backup-*.tar.gz file.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace everything in a database that is not empty.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the archive and the database, and change nothing.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, archive, force, dry_run, database, **options):
        try:
            summary = restore_backup(archive, connections[database], force=force, dry_run=dry_run)
        except BackupError as error:
            raise CommandError(str(error)) from error
        verb = "Would restore" if dry_run else "Restored"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} the {summary.database} database and {summary.media_files} "
                f"uploaded files from {summary.path}"
            )
        )
