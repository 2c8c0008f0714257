"""`manage.py backup`: the database and uploaded files in one dated archive."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from iswg_portal.core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Write the database (SQLite online backup or pg_dump) and the files of MEDIA_ROOT into "
        "one archive, iswg-backup-<UTC date and time>.tar.gz. Safe while the site runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output-dir",
            default=".",
            help="Folder to write the archive into (created if missing); default: here.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias.")

    def handle(self, *args, output_dir, database, **options):
        try:
            summary = create_backup(output_dir, connections[database])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up the {summary.database} database and {summary.media_files} "
                f"uploaded files to {summary.path}"
            )
        )
