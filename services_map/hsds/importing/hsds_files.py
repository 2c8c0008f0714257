"""HSDS in: an Open Referral tabular package (a .zip as /api/hsds/export.zip gives, or a folder
holding datapackage.json) or the compiled JSON (an array of nested services as
/api/hsds/export.json gives), read into the rows of the service-mapping template
(hsds_rows.py), so that the one pipeline of the spreadsheet (planning.py, applying.py) checks,
reports and applies them.

Each value is first checked against its HSDS schema (with the ISWG profile): type, enumeration,
format (uuid, date, e-mail, URI) and required fields, each mistake named by the package's own
file, row and column ("services.csv row 14, column status: ..."). For the JSON form the row is
the service's place in the array (1 for the first) and the column the value's path in it.

A zip is opened only when it is safe: no absolute path, no `..`, no link, no encrypted member,
only datapackage.json and the HSDS tables' CSV files (in one folder at most), and at most
MAX_UNPACKED bytes once unpacked (as declared, and as read)."""

import csv
import datetime
import hashlib
import io
import json
import stat
import uuid
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from .. import documents
from .hsds_rows import JSON_ONLY_HEADERS, SERVICE_HEADERS, rows_of
from .reading import MAX_BYTES, MAX_ROWS, ImportRefused, read_sheet
from .report import Problem

# How much a package may hold once unpacked, and how many files.
MAX_UNPACKED = 5 * MAX_BYTES
MAX_MEMBERS = 64
PACKAGE_DESCRIPTOR = "datapackage.json"


def read_upload(file_name, content, language):
    """The rows of an uploaded file: an HSDS package (.zip), the compiled JSON (.json) or a
    spreadsheet (.xlsx, .csv); raise ImportRefused when it cannot be imported at all."""
    if len(content) > MAX_BYTES:
        raise ImportRefused(_("The file is larger than 10 MB. Split it into smaller files."))
    name = (file_name or "").lower()
    if name.endswith(".zip"):
        return read_package(file_name, _zip_tables(content), content, language)
    if name.endswith(".json"):
        return read_compiled(file_name, content, language)
    return read_sheet(file_name, content)


def read_folder(path, language):
    """The rows of an unpacked package: a folder holding datapackage.json and its CSV files."""
    path = Path(path)
    descriptor = path / PACKAGE_DESCRIPTOR
    if not descriptor.is_file():
        raise ImportRefused(_("The folder holds no datapackage.json."))
    members = {}
    total = 0
    for name in _described_paths(descriptor.read_bytes()):
        member = path / name
        if member.is_symlink():
            raise ImportRefused(
                _("The package holds a file that is not safe to open: %(name)s.") % {"name": name}
            )
        if member.is_file():
            total += member.stat().st_size
            if total > MAX_UNPACKED:
                raise ImportRefused(_("The package is too large once unpacked."))
            members[name] = member.read_bytes()
    digest = hashlib.sha256()
    for name in sorted(members):
        digest.update(name.encode() + b"\0" + members[name])
    return read_package(path.name, members, None, language, sha256=digest.hexdigest())


# --- The zip ----------------------------------------------------------------------------------


@cache
def table_files():
    """{file name: HSDS object name} of every HSDS table (services.csv: service)."""
    names = {}
    for path in documents.SCHEMA_DIR.glob("*.json"):
        table = documents.official(path.name).get("path")
        if table:
            names[table] = path.stem
    return names


def _safe_name(name):
    """A member name inside the package, or None when it is not safe to unpack."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return None
    parts = PurePosixPath(name).parts
    if any(part in ("..", ".") for part in parts):
        return None
    return name


def _zip_tables(content):
    """{member name: bytes} of datapackage.json and the HSDS tables of a zip, checked first:
    every name safe, no link or encrypted member, nothing else in it, the unpacked size
    bounded."""
    unsafe = _("The package holds a file that is not safe to open: %(name)s.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused(_("This file cannot be opened as a zip package.")) from error
    with archive:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_MEMBERS:
            raise ImportRefused(_("The package holds too many files."))
        names = [info.filename for info in infos]
        # A package zipped with its folder: one folder around everything is allowed.
        prefix = ""
        tops = {PurePosixPath(name).parts[0] for name in names if "/" in name}
        if len(tops) == 1 and all("/" in name for name in names):
            prefix = f"{tops.pop()}/"
        declared = 0
        for info in infos:
            name = _safe_name(info.filename)
            mode = info.external_attr >> 16
            if (
                name is None
                or info.flag_bits & 0x1
                or stat.S_ISLNK(mode)
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            ):
                raise ImportRefused(unsafe % {"name": info.filename})
            inner = name[len(prefix) :]
            if inner != PACKAGE_DESCRIPTOR and inner not in table_files():
                raise ImportRefused(
                    _("The package holds a file that is not an HSDS table: %(name)s.")
                    % {"name": info.filename}
                )
            declared += info.file_size
        if declared > MAX_UNPACKED:
            raise ImportRefused(_("The package is too large once unpacked."))
        members = {}
        read = 0
        try:
            for info in infos:
                with archive.open(info) as member:
                    data = member.read(MAX_UNPACKED - read + 1)
                read += len(data)
                if read > MAX_UNPACKED:
                    # The sizes the zip declares were false: a zip bomb.
                    raise ImportRefused(_("The package is too large once unpacked."))
                members[info.filename[len(prefix) :]] = data
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ImportRefused(_("This file cannot be opened as a zip package.")) from error
    if PACKAGE_DESCRIPTOR not in members:
        raise ImportRefused(_("The package holds no datapackage.json."))
    return members


def _described_paths(descriptor):
    """The table files a datapackage.json names (only HSDS tables, only safe names)."""
    try:
        package = json.loads(descriptor)
        resources = package["resources"]
        paths = [resource["path"] for resource in resources]
    except (ValueError, KeyError, TypeError) as error:
        raise ImportRefused(_("datapackage.json cannot be read.")) from error
    for path in paths:
        if not isinstance(path, str) or _safe_name(path) is None or path not in table_files():
            raise ImportRefused(
                _("The package holds a file that is not an HSDS table: %(name)s.") % {"name": path}
            )
    return [path for path in paths if path != PACKAGE_DESCRIPTOR]


# --- Checking values against the schemas -----------------------------------------------------


@dataclass
class Source:
    """Where an HSDS object came from: its file and row, and the prefix of its columns (the
    path inside a service of the compiled JSON)."""

    file: str
    row: int
    prefix: str = ""

    def at(self, column):
        return (self.file, self.row, f"{self.prefix}{column}")


class Checker:
    """Checks HSDS objects against their schemas; each mistake becomes a Problem at its
    file, row and column."""

    REQUIRED = {"service": ("id", "name", "status")}

    def __init__(self):
        self.problems = []
        self.schemas = {}

    def problem(self, source, column, value, message):
        file, row, column = source.at(column)
        self.problems.append(Problem(row, column, str(value), str(message), file=file))

    def check(self, name, item, source, *, from_text=False):
        """The object with its values typed as its schema says (from CSV text when
        `from_text`); the values that break the schema are left out and reported."""
        if name not in self.schemas:
            self.schemas[name] = documents.profiled_schema(f"{name}.json")["properties"]
        properties = self.schemas[name]
        checked = {}
        for key in self.REQUIRED.get(name, ("id",)):
            if item.get(key) in (None, ""):
                self.problem(source, key, "", _("this column must have a value."))
        for key, value in item.items():
            spec = properties.get(key)
            if spec is None or value in (None, ""):
                continue
            try:
                checked[key] = _checked_value(spec, value, from_text)
            except ValueError as error:
                self.problem(source, key, value, error)
        return checked


def _checked_value(spec, value, from_text):
    kind = spec.get("type")
    if kind in ("number", "integer"):
        if from_text:
            try:
                value = float(value)
            except ValueError:
                raise ValueError(_("'%(value)s' is not a number.") % {"value": value}) from None
            if kind == "integer" or value.is_integer():
                value = int(value)
        elif isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError(_("'%(value)s' is not a number.") % {"value": value})
        return value
    if kind == "boolean":
        if from_text:
            if value.lower() not in ("true", "false"):
                raise ValueError(_("'%(value)s' is not true or false.") % {"value": value})
            return value.lower() == "true"
        if not isinstance(value, bool):
            raise ValueError(_("'%(value)s' is not true or false.") % {"value": value})
        return value
    if kind == "array":
        if from_text:
            try:
                value = json.loads(value)
            except ValueError:
                raise ValueError(_("'%(value)s' is not a JSON list.") % {"value": value}) from None
        if not isinstance(value, list):
            raise ValueError(_("'%(value)s' is not a JSON list.") % {"value": value})
        return value
    if kind != "string":
        return value
    if not isinstance(value, str):
        raise ValueError(_("'%(value)s' is not text.") % {"value": value})
    if spec.get("enum") and value not in spec["enum"]:
        raise ValueError(
            _("'%(value)s' is not one of %(choices)s.")
            % {"value": value, "choices": ", ".join(spec["enum"])}
        )
    checks = {"uuid": _uuid, "date": datetime.date.fromisoformat, "email": _email, "uri": _uri}
    check = checks.get(spec.get("format"))
    if check is not None:
        try:
            check(value)
        except ValueError:
            raise ValueError(
                _("'%(value)s' is not a valid %(format)s.")
                % {"value": value, "format": spec["format"]}
            ) from None
    return value


def _uuid(value):
    uuid.UUID(value)


def _email(value):
    if "@" not in value or " " in value:
        raise ValueError(value)


def _uri(value):
    if ":" not in value or " " in value:
        raise ValueError(value)


# --- The two forms into nested services ------------------------------------------------------


def _csv_rows(name, data):
    """(row number, {column: text}) of one table; the headers are row 1."""
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    headers = next(reader, [])
    for number, values in enumerate(reader, start=2):
        yield (
            number,
            {
                header.strip(): value
                for header, value in zip(headers, values, strict=False)
                if value
            },
        )


def read_package(file_name, members, content, language, *, sha256=None):
    """The rows of a tabular package's tables ({file name: bytes})."""
    checker = Checker()
    tables = {}
    try:
        for path, name in table_files().items():
            if path not in members:
                continue
            rows = []
            for number, row in _csv_rows(path, members[path]):
                source = Source(path, number)
                rows.append((checker.check(name, row, source, from_text=True), source))
                if name == "service" and len(rows) > MAX_ROWS:
                    raise ImportRefused(
                        _("The file has more than 5,000 rows. Split it into smaller files.")
                    )
            tables[name] = rows
    except (UnicodeDecodeError, csv.Error) as error:
        raise ImportRefused(_("The package's tables cannot be read as UTF-8 CSV.")) from error
    if "service" not in tables:
        raise ImportRefused(_("The package holds no services.csv."))
    services = _nest(tables)
    sha256 = sha256 or hashlib.sha256(content).hexdigest()
    given = {"service", "phone", "schedule", "language", "attribute"} & set(tables)
    headers = [key for key in SERVICE_HEADERS if _header_given(key, given, tables)]
    return rows_of(file_name, sha256, services, headers, checker.problems, language)


def _header_given(key, given, tables):
    needs = {
        "phone_rows": "phone",
        "whatsapp": "phone",
        "hours": "schedule",
        "language_rows": "language",
        "category": "attribute",
        "population_groups": "attribute",
    }
    if key in needs:
        return needs[key] in given
    return True


def _nest(tables):
    """Services as the compiled JSON nests them, from the package's tables."""

    def by(table, key):
        grouped = {}
        for row, source in tables.get(table, []):
            grouped.setdefault(row.get(key), []).append((row, source))
        return grouped

    phones, schedules = by("phone", "service_id"), by("schedule", "service_id")
    languages, attributes = by("language", "service_id"), by("attribute", "link_id")
    at_locations = by("service_at_location", "service_id")
    locations = {row.get("id"): (row, source) for row, source in tables.get("location", [])}
    addresses = by("address", "location_id")
    terms = {row.get("id"): row for row, _source in tables.get("taxonomy_term", [])}
    services = []
    for row, source in tables["service"]:
        service = dict(row, _source=source)
        service_id = row.get("id")
        service["phones"] = [dict(r, _source=s) for r, s in phones.get(service_id, [])]
        service["schedules"] = [dict(r, _source=s) for r, s in schedules.get(service_id, [])]
        service["languages"] = [dict(r, _source=s) for r, s in languages.get(service_id, [])]
        service["attributes"] = [
            dict(r, _source=s, taxonomy_term=terms.get(r.get("taxonomy_term_id"), {}))
            for r, s in attributes.get(service_id, [])
        ]
        service["service_at_locations"] = []
        for at_row, at_source in at_locations.get(service_id, []):
            location, location_source = locations.get(at_row.get("location_id"), ({}, at_source))
            nested = dict(location, _source=location_source)
            nested["addresses"] = [
                dict(r, _source=s) for r, s in addresses.get(location.get("id"), [])
            ]
            service["service_at_locations"].append(dict(at_row, _source=at_source, location=nested))
        services.append(service)
    return services


NESTED = {
    "phones": "phone",
    "schedules": "schedule",
    "languages": "language",
    "attributes": "attribute",
    "service_areas": "service_area",
    "required_documents": "required_document",
    "service_at_locations": "service_at_location",
}


def read_compiled(file_name, content, language):
    """The rows of the compiled JSON: an array of nested HSDS services."""
    try:
        services = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportRefused(_("This file cannot be read as JSON.")) from error
    if not isinstance(services, list) or not all(isinstance(item, dict) for item in services):
        raise ImportRefused(_("The JSON file must be an array of HSDS services."))
    if len(services) > MAX_ROWS:
        raise ImportRefused(_("The file has more than 5,000 rows. Split it into smaller files."))
    checker = Checker()
    nested = []
    for index, item in enumerate(services, start=1):
        source = Source(file_name, index)
        service = dict(checker.check("service", item, source), _source=source)
        for key, name in NESTED.items():
            service[key] = []
            values = item.get(key) or []
            if not isinstance(values, list):
                checker.problem(source, key, "", _("this must be a list."))
                continue
            for position, value in enumerate(values):
                inner = Source(file_name, index, f"{key}[{position}].")
                if not isinstance(value, dict):
                    checker.problem(inner, "", value, _("this must be an object."))
                    continue
                service[key].append(_nested_object(checker, name, value, inner))
        nested.append(service)
    sha256 = hashlib.sha256(content).hexdigest()
    headers = SERVICE_HEADERS + JSON_ONLY_HEADERS
    return rows_of(file_name, sha256, nested, headers, checker.problems, language)


def _nested_object(checker, name, value, source):
    checked = dict(checker.check(name, value, source), _source=source)
    if name == "attribute":
        term = value.get("taxonomy_term")
        checked["taxonomy_term"] = term if isinstance(term, dict) else {}
    if name == "service_at_location":
        location = value.get("location") if isinstance(value.get("location"), dict) else {}
        inner = Source(source.file, source.row, f"{source.prefix}location.")
        nested = dict(checker.check("location", location, inner), _source=inner)
        for key, child in (("addresses", "address"), ("accessibility", "accessibility")):
            nested[key] = [
                dict(
                    checker.check(
                        child, row, Source(source.file, source.row, f"{inner.prefix}{key}[{n}].")
                    ),
                    _source=Source(source.file, source.row, f"{inner.prefix}{key}[{n}]."),
                )
                for n, row in enumerate(location.get(key) or [])
                if isinstance(row, dict)
            ]
        checked["location"] = nested
    return checked
