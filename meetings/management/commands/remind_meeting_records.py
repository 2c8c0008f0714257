"""manage.py remind_meeting_records: ask group leads to mark ended meetings held."""

from django.core.management.base import BaseCommand

from meetings.records_due import send_record_reminders


class Command(BaseCommand):
    help = (
        "E-mail the group leads of each published meeting that ended three days ago or more "
        "(up to 60 days) and is still 'Scheduled', asking them to mark it held and add its "
        "minutes; each meeting once. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would be e-mailed, send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        reminded = send_record_reminders(dry_run=dry_run, stdout=self.stdout)
        verb = "Would remind" if dry_run else "Reminded"
        self.stdout.write(self.style.SUCCESS(f"{verb} the leads of {len(reminded)} meetings."))
