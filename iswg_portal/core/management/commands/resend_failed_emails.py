"""Queue again the e-mails the worker gave up on, once the mail server works again."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from iswg_portal.core.mail import deliver_email


class Command(BaseCommand):
    help = (
        "Queue again, from their first attempt, the e-mails left undeliverable after every "
        "retry; the db_worker then sends them. Running it twice queues nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the undeliverable e-mails without queueing anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        failed = DBTaskResult.objects.failed().filter(task_path=deliver_email.module_path)
        queued = 0
        for result in failed.order_by("enqueued_at"):
            payload = result.args_kwargs["args"][0]
            summary = f"'{payload['subject']}' to {len(payload['to'])} recipient(s)"
            if dry_run:
                self.stdout.write(f"Would queue again {summary}.")
                queued += 1
                continue
            with transaction.atomic():
                # Taking the failed row away as its copy is queued makes a second run a no-op.
                deleted, _ = DBTaskResult.objects.failed().filter(pk=result.pk).delete()
                if not deleted:
                    continue
                deliver_email.using(backend=result.backend_name).enqueue(payload)
            queued += 1
            self.stdout.write(f"Queued again {summary}.")
        verb = "would be queued" if dry_run else "queued"
        self.stdout.write(f"{queued} undeliverable e-mail(s) {verb} again.")
