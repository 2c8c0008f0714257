"""The service-mapping spreadsheet written out: the empty template that docs/import-template.md
describes (service-mapping-template.xlsx beside this module) and an agency's listings in the
same columns, one row per service and place, to edit in Excel and import back."""

from pathlib import Path

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from iswg_portal.core.translation import best_translation

from ...models import AgencyPage, Language, LegalStatus, ServiceCategory, ServicePage
from .columns import (
    CHOICES,
    COLUMN_KEYS,
    COLUMNS,
    LANGUAGE_CODES,
    LOCALE_WORD_FIELDS,
    LOCATION_KEYS,
    service_facts,
    service_locations,
    service_words,
    show,
)

TEMPLATE_PATH = Path(__file__).with_name("service-mapping-template.xlsx")
SHEET_TITLE = "Services"


def agency_label(agency):
    """How the spreadsheet names an agency: its acronym, else its name."""
    return agency.acronym or agency.title


def listing_rows(agencies, language):
    """The rows of the agencies' services (each once, its facts from the source page as last
    saved, its words from each translation), one row per service and place; the rows after a
    service's first repeat only the agency, id, names and the place."""
    keys = [agency.translation_key for agency in agencies]
    below = Q(pk__in=[])
    for page in AgencyPage.objects.filter(translation_key__in=keys):
        below |= Q(path__startswith=page.path, depth=page.depth + 1)
    pages = (
        ServicePage.objects.filter(below, alias_of__isnull=True)
        .select_related("locale")
        .order_by("pk")
    )
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    agency_by_path = {}
    for agency in AgencyPage.objects.filter(translation_key__in=keys):
        agency_by_path[agency.path] = agency_label(
            AgencyPage.objects.filter(translation_key=agency.translation_key).order_by("pk")[0]
        )
    entries = []
    for translations in by_key.values():
        source = translations[0].get_latest_revision_as_object()
        words = {
            page.locale.language_code: service_words(page.get_latest_revision_as_object())
            for page in translations
        }
        shown = best_translation(translations, language)
        entries.append(
            (shown.title.casefold(), source, words, agency_by_path[source.path[: -source.steplen]])
        )
    rows = []
    for _title, source, words, agency in sorted(entries, key=lambda entry: entry[:1]):
        identity = {"agency": agency, "hsds_id": str(source.translation_key)}
        for code in LANGUAGE_CODES:
            identity[f"name_{code}"] = words.get(code, {}).get("name", "")
        first = dict(identity)
        for code in LANGUAGE_CODES:
            for stem in ("summary", "description"):
                first[f"{stem}_{code}"] = words.get(code, {}).get(stem, "")
        first.update(
            {key: show(key, value, language) for key, value in service_facts(source).items()}
        )
        first.update({key: words.get(language, {}).get(key, "") for key in LOCALE_WORD_FIELDS})
        places = service_locations(source) or [{}]
        for index, place in enumerate(places):
            row = first if index == 0 else dict(identity)
            row.update({key: place.get(key) for key in LOCATION_KEYS if place.get(key) is not None})
            rows.append(row)
    return rows


def write_workbook(stream, rows=(), language="en"):
    """The template as an .xlsx workbook written to `stream`: the Services sheet (headers and
    `rows`), the Columns sheet (what each column holds) and the Codes sheet (the codes the
    coded columns accept), its explanations in `language`."""
    with translation.override(language):
        workbook = Workbook()
        services = workbook.active
        services.title = SHEET_TITLE
        services.append(COLUMN_KEYS)
        for cell in services[1]:
            cell.font = Font(bold=True)
        services.freeze_panes = "C2"
        for row in rows:
            services.append([row.get(key, "") for key in COLUMN_KEYS])
        columns = workbook.create_sheet(_("Columns"))
        columns.append([_("Column"), _("What it holds"), _("Example")])
        for column in COLUMNS:
            columns.append([column.key, str(column.help), column.example])
        codes = workbook.create_sheet(_("Codes"))
        codes.append([_("Column"), _("Code"), _("Meaning")])
        labels = {
            "status": dict(ServicePage.Status.choices),
            "access": dict(ServicePage.AccessMethod.choices),
            "fees": dict(ServicePage.FeeType.choices),
            "legal_statuses": dict(LegalStatus.choices),
        }
        for key, values in CHOICES.items():
            for value in values:
                codes.append([key, value, str(labels[key][value])])
        for category in ServiceCategory.objects.filter(
            locale__language_code=translation.get_language()
        ).select_related("parent") or ServiceCategory.objects.select_related("parent"):
            codes.append(["category", category.slug, str(category)])
        for spoken in Language.objects.all():
            codes.append(["languages", spoken.code, spoken.name])
        for sheet in (columns, codes):
            for cell in sheet[1]:
                cell.font = Font(bold=True)
        workbook.save(stream)


def write_template(path=TEMPLATE_PATH):
    """The empty template committed beside this module: headers and explanations, with the
    codes the database holds (none for categories and languages on an empty database)."""
    write_workbook(str(path))
    return path
