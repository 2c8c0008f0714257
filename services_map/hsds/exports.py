"""The directory exported whole, in one language: the compiled JSON (an array of fully nested
services), HSDS's Tabular Data Package (datapackage.json and one UTF-8 CSV per object) and the
ISWG's 3W table (who does what where) with its HXL hashtag row.

All three read the same services as /api/hsds/services (queries.published_services: nothing
internal, a protection-sensitive service's places without name, address or coordinates) and
render them through mapping.py, batch by batch, so memory stays bounded whatever the size of
the directory. The tables' columns come from the HSDS schema files (with the ISWG profile's
fields at the end), not from a second mapping."""

import contextlib
import csv
import json
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from . import documents, queries
from .mapping import (
    HSDS_VERSION,
    SECTOR_TAXONOMY_ID,
    loaded_to_hsds,
    organization_to_hsds,
    taxonomies_to_hsds,
    taxonomy_terms,
)

# The tables of the package, by HSDS object name, in HSDS's own order.
TABLES = (
    "organization",
    "service",
    "location",
    "service_at_location",
    "address",
    "phone",
    "schedule",
    "language",
    "taxonomy",
    "taxonomy_term",
    "attribute",
)
# Which table a column of ids points at.
REFERENCES = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
    "parent_id": "taxonomy_term",
}
SCALAR_TYPES = {"string", "number", "integer", "boolean"}
# Formats of JSON Schema's strings that Table Schema knows; a date-time stays a plain string
# (Table Schema's default datetime format has no fractions of a second).
STRING_FORMATS = {"uuid", "email", "uri"}

# The 3W table: (header, HXL hashtag).
THREE_W_COLUMNS = (
    ("Organisation", "#org+name"),
    ("Acronym", "#org+acronym"),
    ("Sector", "#sector+name"),
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


def exported_services(language, today=None):
    """(loaded service, its fully nested HSDS dict) of every published service, in a stable
    order (the id), loaded queries.STREAM_BATCH at a time."""
    today = today or timezone.localdate()
    taxonomy = queries.locale_taxonomy(language)
    rows = queries.published_services(today)
    with translation.override(language):
        for loaded in queries.stream_services(rows, language, full=True, today=today):
            yield loaded, loaded_to_hsds(loaded, language, True, taxonomy, today)


# --- Compiled JSON ----------------------------------------------------------------------------


def json_chunks(language):
    """The compiled export as pieces of text: a JSON array of fully nested services."""
    yield "["
    for number, (_loaded, service) in enumerate(exported_services(language)):
        yield ("\n" if number == 0 else ",\n") + json.dumps(
            service, ensure_ascii=False, cls=DjangoJSONEncoder
        )
    yield "\n]\n"


# --- Tabular Data Package ---------------------------------------------------------------------


def table_schema(name):
    """The Table Schema of one HSDS object's CSV: its scalar fields in the schema's order, then
    the profile's (lists as JSON arrays); `id` the key, the ids of other tables foreign keys."""
    document = documents.profiled_schema(f"{name}.json")
    fields = []
    for field_name, spec in document["properties"].items():
        kind = spec.get("type")
        profiled = field_name.startswith("iswg_")
        if kind not in SCALAR_TYPES and not (profiled and kind == "array"):
            continue
        field = {"name": field_name, "type": kind}
        if kind == "string" and spec.get("format") == "date":
            field["type"] = "date"
        elif kind == "string" and spec.get("format") in STRING_FORMATS:
            field["format"] = spec["format"]
        for key in ("title", "description"):
            if spec.get(key):
                field[key] = spec[key]
        fields.append(field)
    foreign_keys = [
        {
            "fields": field["name"],
            "reference": {
                "resource": "" if REFERENCES[field["name"]] == name else REFERENCES[field["name"]],
                "fields": "id",
            },
        }
        for field in fields
        if REFERENCES.get(field["name"]) in TABLES
    ]
    return {"fields": fields, "primaryKey": "id", "foreignKeys": foreign_keys}


def table_path(name):
    return documents.official(f"{name}.json")["path"]


def datapackage(language):
    """datapackage.json: what the package holds, its licence and its source."""
    return {
        "profile": "tabular-data-package",
        "name": f"iswg-izmir-services-{language}",
        "title": "ISWG İzmir service directory (Open Referral HSDS)",
        "description": (
            f"The public services of the ISWG İzmir directory in HSDS {HSDS_VERSION} with the "
            f"ISWG profile ({settings.SITE_URL}/api/hsds/profile/), language {language}."
        ),
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [{"title": settings.HSDS_DATA_LICENSE, "path": settings.HSDS_DATA_LICENSE_URL}],
        "sources": [
            {"title": "ISWG Portal service directory", "path": f"{settings.SITE_URL}/api/hsds/"},
            {
                "title": "Human Services Data Specification: an Open Referral resource "
                "(CC BY-SA 4.0)",
                "path": "https://openreferral.org/",
            },
        ],
        "resources": [
            {
                "name": name,
                "path": table_path(name),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": table_schema(name),
            }
            for name in TABLES
        ],
    }


def cell(value):
    """A value as the package's CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def service_rows(service):
    """(table, row) of everything of one nested service, its organization included."""
    yield "service", service
    yield "organization", service["organization"]
    for phone in service.get("phones", []):
        yield "phone", phone
    for schedule in service.get("schedules", []):
        yield "schedule", schedule
    for language in service.get("languages", []):
        yield "language", language
    for attribute in service.get("attributes", []):
        yield "attribute", attribute
    for at_location in service.get("service_at_locations", []):
        yield "service_at_location", at_location
        location = at_location["location"]
        yield "location", location
        for address in location.get("addresses", []):
            yield "address", address


class Tables:
    """One CSV a table, in temporary files; a row whose id was written already is skipped
    (an organization comes with each of its services)."""

    def __init__(self, stack):
        self.columns = {name: [f["name"] for f in table_schema(name)["fields"]] for name in TABLES}
        self.files = {}
        self.writers = {}
        self.seen = {name: set() for name in TABLES}
        for name in TABLES:
            self.files[name] = stack.enter_context(
                tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115 - the stack closes it
            )
            self.writers[name] = csv.writer(self.files[name])
            self.writers[name].writerow(self.columns[name])

    def add(self, name, row):
        if row["id"] in self.seen[name]:
            return
        self.seen[name].add(row["id"])
        self.writers[name].writerow([cell(row.get(column)) for column in self.columns[name]])

    def write_to(self, archive):
        for name, handle in self.files.items():
            handle.seek(0)
            with archive.open(table_path(name), "w") as target:
                while chunk := handle.read(64 * 1024):
                    target.write(chunk.encode("utf-8"))


def write_tabular(output, language):
    """Write the Tabular Data Package as a zip into the binary file `output`."""
    with contextlib.ExitStack() as stack:
        write_tables(output, language, Tables(stack))


def write_tables(output, language, tables):
    with translation.override(language):
        for taxonomy in taxonomies_to_hsds():
            tables.add("taxonomy", taxonomy)
        for term in taxonomy_terms(queries.locale_taxonomy(language), language):
            tables.add("taxonomy_term", term)
        for agency in queries.load_agencies(queries.agency_keys(), language):
            tables.add("organization", organization_to_hsds(agency))
            for phone in organization_to_hsds(agency).get("phones", []):
                tables.add("phone", phone)
    for _loaded, service in exported_services(language):
        for name, row in service_rows(service):
            tables.add(name, row)
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "datapackage.json", json.dumps(datapackage(language), ensure_ascii=False, indent=2)
        )
        tables.write_to(archive)


def tabular_file(language):
    """The package in a temporary file (on disk beyond a few megabytes), at its start."""
    output = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed by the response
    write_tabular(output, language)
    output.seek(0)
    return output


# --- 3W ---------------------------------------------------------------------------------------


def sectors_of(service):
    """The sectors of a service's categories (a type's sector, else the category itself)."""
    terms = [attribute["taxonomy_term"] for attribute in service.get("attributes", [])]
    by_id = {term["id"]: term for term in terms}
    names = []
    for term in terms:
        if term["taxonomy_id"] != str(SECTOR_TAXONOMY_ID):
            continue
        parent = by_id.get(term.get("parent_id"))
        names.append(parent["name"] if parent else term["name"])
    return "; ".join(dict.fromkeys(names))


def three_w_rows(language):
    """The 3W table's rows after its headers and hashtags: one per service and location (one
    without a place for a service with none)."""
    for loaded, service in exported_services(language):
        organization = service["organization"]
        phones = service.get("phones", [])
        common = {
            "#org+name": organization["name"],
            "#org+acronym": organization.get("alternate_name", ""),
            "#sector+name": sectors_of(service),
            "#activity+name": service["name"],
            "#status": service["status"],
            "#date+start": service.get("iswg_start_date", ""),
            "#date+end": service.get("iswg_end_date", ""),
            "#contact+phone": phones[0]["number"] if phones else "",
        }
        rows = loaded.page.locations.all()
        places = list(zip(rows, service["service_at_locations"], strict=True))
        for row, at_location in places or [(None, None)]:
            place = {}
            if row is not None:
                place = {
                    "#adm1+name": row.province.name_in(language),
                    "#adm1+code": f"TR-{row.province.plate:02d}",
                    "#adm2+name": row.district.name_in(language),
                    "#loc+name": at_location["location"].get("name", ""),
                }
            values = common | place
            yield [values.get(tag, "") for _header, tag in THREE_W_COLUMNS]


def three_w_lines(language):
    """The 3W table as lines of CSV: headers, the HXL hashtag row, then the rows."""
    buffer = LineBuffer()
    writer = csv.writer(buffer)
    writer.writerow([header for header, _tag in THREE_W_COLUMNS])
    writer.writerow([tag for _header, tag in THREE_W_COLUMNS])
    for row in three_w_rows(language):
        writer.writerow(row)
        yield buffer.take()
    yield buffer.take()


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


def write_file(path, export_format, language):
    """Write one export to `path`: `tabular` (zip), `json` or `3w` (CSV). The file appears
    whole or not at all."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        if export_format == "tabular":
            with open(partial, "wb") as output:
                write_tabular(output, language)
        else:
            chunks = json_chunks(language) if export_format == "json" else three_w_lines(language)
            with open(partial, "w", encoding="utf-8", newline="") as output:
                for chunk in chunks:
                    output.write(chunk)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
