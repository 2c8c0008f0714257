"""manage.py remind_action_points: the weekly digest of overdue and soon-due action points."""

from django.core.management.base import BaseCommand

from meetings.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "E-mail each agency's focal points one digest of its overdue action points and those "
        "due within a week; an agency gets at most one digest a week. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be e-mailed, send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        reminded = send_reminders(dry_run=dry_run, stdout=self.stdout)
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(reminded)} agencies."))
