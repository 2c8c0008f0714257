"""Write the directory's HSDS export to a file: what /api/hsds/export.zip, /api/hsds/export.json,
/api/hsds/3w.csv and /api/hsds/3w.xlsx serve."""

from django.conf import settings
from django.core.management.base import BaseCommand

from services_map.hsds.export_files import EXPORT_FORMATS, write_file


class Command(BaseCommand):
    help = (
        "Export the public services as an HSDS Tabular Data Package (zip), the compiled HSDS "
        "JSON, or the 3W table with HXL hashtags as CSV (3w) or Excel (3w-xlsx), in one "
        "language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=tuple(EXPORT_FORMATS), default="tabular")
        parser.add_argument(
            "--locale",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args, **options):
        write_file(options["output"], options["format"], options["locale"])
        self.stdout.write(f"Wrote {options['output']}.")
