"""Import an agency's service-mapping spreadsheet: a dry run by default, `--apply` to save."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from services_map.hsds.importing.applying import ImportBlocked, apply_import
from services_map.hsds.importing.hsds_files import read_folder, read_upload
from services_map.hsds.importing.planning import plan_import
from services_map.hsds.importing.reading import MAX_BYTES, ImportRefused
from services_map.hsds.importing.rows import ImportOptions, importable_agency_keys
from services_map.models import AgencyPage


class Command(BaseCommand):
    help = (
        "Import services from the service-mapping spreadsheet (.xlsx or .csv, see "
        "docs/import-template.md), an HSDS tabular package (a .zip as /api/hsds/export.zip "
        "gives, or a folder holding datapackage.json) or the HSDS JSON export (.json). "
        "Without --apply it is a dry run that lists every change and every mistake by file, "
        "row and column; --apply saves all of it or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="the .xlsx, .csv, .zip or .json file, or a folder with datapackage.json"
        )
        parser.add_argument("--apply", action="store_true", help="save the changes")
        parser.add_argument(
            "--locale",
            default="en",
            help="language of the report, of new services and of the unsuffixed text columns",
        )
        parser.add_argument("--agency", help="slug of the one agency this file is for")
        parser.add_argument(
            "--user",
            help="e-mail of the person the revisions are attributed to (default: nobody, "
            "published directly)",
        )

    def handle(self, *args, **options):
        language = options["locale"]
        with translation.override(language):
            path = Path(options["path"])
            if not path.is_file() and not path.is_dir():
                raise CommandError(f"No such file: {path}")
            if path.is_file() and path.stat().st_size > MAX_BYTES:
                raise CommandError("The file is larger than 10 MB.")
            import_options = ImportOptions(language=language)
            if options["agency"]:
                agency = (
                    AgencyPage.objects.filter(slug=options["agency"], alias_of__isnull=True)
                    .order_by("pk")
                    .first()
                )
                if agency is None:
                    raise CommandError(f"No agency with the slug {options['agency']!r}.")
                import_options.agency = (
                    AgencyPage.objects.filter(translation_key=agency.translation_key)
                    .order_by("pk")
                    .first()
                )
            if options["user"]:
                user = get_user_model().objects.filter(email__iexact=options["user"]).first()
                if user is None:
                    raise CommandError(f"No account with the e-mail {options['user']!r}.")
                import_options.user = user
                import_options.allowed_agency_keys = importable_agency_keys(user)
            try:
                if path.is_dir():
                    sheet = read_folder(path, language)
                else:
                    sheet = read_upload(path.name, path.read_bytes(), language)
            except ImportRefused as error:
                raise CommandError(str(error)) from error
            if not options["apply"]:
                self.stdout.write(plan_import(sheet, import_options).as_text())
                return
            try:
                outcome = apply_import(sheet, import_options)
            except ImportBlocked as blocked:
                self.stdout.write(blocked.plan.as_text())
                raise CommandError("Nothing was changed: fix the errors above.") from blocked
            self.stdout.write(outcome.plan.as_text(applied=True))
            self.stdout.write(
                f"Published {outcome.published}, sent for approval {outcome.submitted}, "
                f"saved as drafts {outcome.drafts}."
            )
