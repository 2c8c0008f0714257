"""Reading an uploaded spreadsheet into rows: XLSX (openpyxl, read-only, no macros) or CSV as
Excel saves it (UTF-8 with or without a byte order mark, or Windows-1254 with semicolons as
Turkish Excel does). A file that cannot be read is refused as a whole with a plain reason."""

import csv
import datetime
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
ACCEPTED_EXTENSIONS = (".xlsx", ".csv")
# What a damaged or disguised file raises while its rows are read.
UNREADABLE = (
    csv.Error,
    zipfile.BadZipFile,
    ElementTree.ParseError,
    InvalidFileException,
    KeyError,
    OSError,
    TypeError,
    ValueError,
)


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why, in the importer's
    language."""


@dataclass
class SheetRows:
    """The rows of a file: headers as template keys, and each data row with its number as the
    spreadsheet shows it (the headers are row 1)."""

    file_name: str
    sha256: str
    headers: list
    rows: list = field(default_factory=list)  # [(row number, {header: value})]
    # Read from an HSDS package or JSON (hsds_input.py): where each row's cells came from, by
    # row number, and the mistakes its schema checks found.
    origins: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def locate(self, problem):
        """Name a mistake by the file, row and column its value came from."""
        origin = self.origins.get(problem.row)
        if origin is not None:
            problem.file, problem.row, problem.column = origin.locate(problem.column)

    def row_label(self, number):
        """How the report names a row of the file."""
        origin = self.origins.get(number)
        if origin is None:
            return str(number)
        return f"{origin.file} " + ngettext("row %(rows)s", "rows %(rows)s", 1) % {
            "rows": origin.row
        }


def header_key(value):
    """A header cell as a template key: 'Postal code ' -> 'postal_code'."""
    return "_".join(str(value or "").strip().lower().replace("-", "_").split())


def read_sheet(file_name, content):
    """The rows of an uploaded file (its name and bytes); raise ImportRefused when it is too
    large, of another kind, unreadable or longer than 5,000 rows."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 10 MB. Split it into smaller files."))
    name = (file_name or "").lower()
    if name.endswith(".xlsm"):
        raise ImportRefused(
            _("Workbooks with macros (.xlsm) are not accepted. Save the file as .xlsx.")
        )
    if not name.endswith(ACCEPTED_EXTENSIONS):
        raise ImportRefused(_("Send the spreadsheet as an .xlsx or a .csv file."))
    cells = _xlsx_cells(content) if name.endswith(".xlsx") else _csv_cells(content)
    sheet = SheetRows(file_name, hashlib.sha256(content).hexdigest(), [])
    try:
        return _read_rows(cells, sheet)
    except UNREADABLE as error:
        raise ImportRefused(_("This file cannot be read as a spreadsheet.")) from error


def _read_rows(cells, sheet):
    headers = None
    for number, values in enumerate(cells, start=1):
        values = [_cell_text(value) for value in values]
        if headers is None:
            if not any(values):
                continue
            headers = [header_key(value) for value in values]
            sheet.headers = [header for header in headers if header]
            continue
        if not any(values):
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ImportRefused(
                _("The file has more than 5,000 rows. Split it into smaller files.")
            )
        row = {
            header: value
            for header, value in zip(headers, values, strict=False)
            if header and value != ""
        }
        sheet.rows.append((number, row))
    if headers is None:
        raise ImportRefused(_("The file is empty: the first row must hold the column names."))
    return sheet


def _xlsx_cells(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            has_macros = any(name.lower().endswith("vbaproject.bin") for name in archive.namelist())
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except UNREADABLE as error:
        raise ImportRefused(_("This file cannot be opened as an .xlsx spreadsheet.")) from error
    if has_macros:
        workbook.close()
        raise ImportRefused(
            _("Workbooks with macros (.xlsm) are not accepted. Save the file as .xlsx.")
        )
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_cells(content):
    if content.startswith(b"\xef\xbb\xbf"):
        text = content[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            # What Turkish Excel saves as "CSV": Windows-1254.
            text = content.decode("cp1254", errors="replace")
    if "\x00" in text:
        # Not what Excel saves as CSV: UTF-16 text or a binary file.
        raise ImportRefused(_("This file cannot be read as a spreadsheet."))
    first_line = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _cell_text(value):
    """A cell as text: numbers without a trailing '.0' (a phone Excel took for a number),
    dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if not value.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).replace("\x00", "").strip()
