"""The ISWG's 3W table (who does what where) as CSV and as an Excel workbook: one row per
service and location, its English headers, then the row of HXL hashtags that OCHA's and HDX's
tools read it by (the contract: hxl-3w-schema.csv says what each column must hold).

The rows come from the same services and mapping as the other exports (exports.py): nothing
internal, and a protection-sensitive service's row names its province and district but no
place. Both files are written row by row, so memory stays bounded: the CSV line by line, the
workbook through openpyxl's write-only mode (rows go to a temporary file, not into memory)."""

import csv
import datetime
from pathlib import Path

from django.conf import settings
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from ..models import AgencyPage
from . import queries
from .exports import exported_services
from .mapping import SECTOR_TAXONOMY_ID, taxonomy_terms

# What each column must hold, as libhxl validates it (and HDX's HXL Proxy with it).
HXL_SCHEMA = Path(__file__).resolve().with_name("hxl-3w-schema.csv")
# HXL's language attributes (+i_en, +i_ar…) take the ISO 639-1 code where the language has
# one: Kurmanji, `kmr` on this site, is `ku` there.
HXL_LANGUAGE_CODES = {"kmr": "ku"}
# The 3W table's columns after the names per language: (header, HXL hashtag).
COLUMNS = (
    ("Organisation", "#org+name"),
    ("Acronym", "#org+acronym"),
    ("Organisation type", "#org+type"),
    ("Organisation type code", "#org+type+code"),
    ("Sector", "#sector+name"),
    ("Subsector", "#subsector+name"),
    ("Province", "#adm1+name"),
    ("Province code", "#adm1+code"),
    ("District", "#adm2+name"),
    ("Location", "#loc+name"),
    ("Service", "#activity+name"),
    ("Status", "#status"),
    ("Start date", "#date+start"),
    ("End date", "#date+end"),
    ("Phone", "#contact+phone"),
)
SHEET_TITLE = "3W"
COLUMN_WIDTH = 24
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def name_tag(language):
    """The hashtag of the column of services' names in one of the site's languages."""
    return f"#activity+name+i_{HXL_LANGUAGE_CODES.get(language, language)}"


def columns():
    """Every column of the table, (header, hashtag): COLUMNS, then the service's name in each
    of the site's languages."""
    names = tuple(
        (f"Service ({translation.get_language_info(code)['name']})", name_tag(code))
        for code, _name in settings.LANGUAGES
    )
    return COLUMNS + names


def sectors_and_subsectors(service, terms):
    """The sectors and the types of service under them (subsectors) of a service's
    categories, each "; "-joined once; `terms` are every taxonomy term by id."""
    sectors, subsectors = [], []
    for attribute in service.get("attributes", []):
        term = attribute["taxonomy_term"]
        if term["taxonomy_id"] != str(SECTOR_TAXONOMY_ID):
            continue
        parent = terms.get(term.get("parent_id"))
        if parent is None:
            sectors.append(term["name"])
        else:
            sectors.append(parent["name"])
            subsectors.append(term["name"])
    return "; ".join(dict.fromkeys(sectors)), "; ".join(dict.fromkeys(subsectors))


def agency_type_label(agency):
    """The agency's type as the directory names it in the active language."""
    try:
        return str(AgencyPage.AgencyType(agency.agency_type).label)
    except ValueError:
        return ""


def service_rows(loaded, service, terms, titles, language):
    """The rows of one service, each {hashtag: value}: one per location (a service without a
    place has one row without one). `titles` are its names by language, from each published
    translation."""
    page, agency = loaded.page, loaded.agency
    organization = service["organization"]
    sectors, subsectors = sectors_and_subsectors(service, terms)
    phones = service.get("phones", [])
    common = {
        "#org+name": organization["name"],
        "#org+acronym": organization.get("alternate_name", ""),
        "#org+type": agency_type_label(agency),
        "#org+type+code": agency.agency_type,
        "#sector+name": sectors,
        "#subsector+name": subsectors,
        "#activity+name": service["name"],
        "#status": service["status"],
        "#date+start": page.start_date,
        "#date+end": page.end_date,
        "#contact+phone": phones[0]["number"] if phones else "",
    }
    for code, _name in settings.LANGUAGES:
        common[name_tag(code)] = titles.get(code, "")
    places = list(zip(page.locations.all(), service["service_at_locations"], strict=True))
    for location, at_location in places or [(None, None)]:
        place = {}
        if location is not None:
            place = {
                "#adm1+name": location.province.name_in(language),
                "#adm1+code": f"TR-{location.province.plate:02d}",
                "#adm2+name": location.district.name_in(language),
                # Empty for a protection-sensitive service: mapping.location_to_hsds drops it.
                "#loc+name": at_location["location"].get("name", ""),
            }
        yield common | place


def in_batches(items, size):
    """Lists of up to `size` consecutive items."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def three_w_rows(language):
    """The table's rows after its headers and hashtags, in the order of the services' ids."""
    tags = [tag for _header, tag in columns()]
    with translation.override(language):
        taxonomy = queries.locale_taxonomy(language)
        terms = {term["id"]: term for term in taxonomy_terms(taxonomy, language)}
    for batch in in_batches(exported_services(language), queries.STREAM_BATCH):
        titles = queries.titles_by_language(loaded.page.translation_key for loaded, _ in batch)
        with translation.override(language):
            for loaded, service in batch:
                names = titles.get(loaded.page.translation_key, {})
                for values in service_rows(loaded, service, terms, names, language):
                    yield [values.get(tag, "") for tag in tags]


# --- CSV --------------------------------------------------------------------------------------


class LineBuffer:
    """What a csv.writer wrote since the last `take`."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def take(self):
        text = "".join(self.parts)
        self.parts = []
        return text


def csv_lines(language):
    """The table as lines of CSV: headers, the HXL hashtag row, then the rows (dates as ISO
    8601)."""
    buffer = LineBuffer()
    writer = csv.writer(buffer)
    writer.writerow([header for header, _tag in columns()])
    writer.writerow([tag for _header, tag in columns()])
    for row in three_w_rows(language):
        writer.writerow(row)
        yield buffer.take()
    yield buffer.take()


def write_csv(output, language):
    """Write the table as UTF-8 CSV into the binary file `output`."""
    for line in csv_lines(language):
        output.write(line.encode("utf-8"))


# --- Excel ------------------------------------------------------------------------------------


def xlsx_cell(sheet, value):
    """A cell of the workbook: a date as a date, anything else as text, never as a formula
    (a name starting with "=" stays a name) and without the control characters Excel refuses."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return WriteOnlyCell(sheet, value=value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    cell.data_type = "s"
    return cell


def write_xlsx(output, language):
    """Write the table as an Excel workbook into the binary file `output`: one sheet, the
    headers and the HXL hashtag row frozen above the rows, right to left for a language
    written so."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET_TITLE)
    with translation.override(language):
        sheet.sheet_view.rightToLeft = translation.get_language_bidi()
    sheet.freeze_panes = "A3"
    all_columns = columns()
    for number in range(1, len(all_columns) + 1):
        sheet.column_dimensions[get_column_letter(number)].width = COLUMN_WIDTH
    sheet.append([xlsx_cell(sheet, header) for header, _tag in all_columns])
    sheet.append([xlsx_cell(sheet, tag) for _header, tag in all_columns])
    for row in three_w_rows(language):
        sheet.append([xlsx_cell(sheet, value) for value in row])
    workbook.save(output)
