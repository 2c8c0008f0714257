"""Write the empty service-mapping template that docs/import-template.md describes."""

from django.core.management.base import BaseCommand

from services_map.hsds.importing.template import TEMPLATE_PATH, write_template


class Command(BaseCommand):
    help = (
        "Write the service-mapping spreadsheet template (headers, what each column holds and "
        "the codes the database knows). Run after changing the columns; safe to repeat."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(TEMPLATE_PATH), help="where to write it")

    def handle(self, *args, **options):
        path = write_template(options["output"])
        self.stdout.write(f"Wrote {path}.")
