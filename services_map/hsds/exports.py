"""The directory exported whole, in one language: the compiled JSON (an array of fully nested
services) and HSDS's Tabular Data Package (datapackage.json and one UTF-8 CSV per object); the
ISWG's 3W table is in three_w.py, and export_files.py writes, keeps and serves them all.

They read the same services as /api/hsds/services (queries.published_services: nothing
internal, a protection-sensitive service's places without name, address or coordinates) and
render them through mapping.py, batch by batch, so memory stays bounded whatever the size of
the directory. The tables' columns come from the HSDS schema files (with the ISWG profile's
fields at the end), not from a second mapping."""

import contextlib
import csv
import json
import tempfile
import zipfile

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone, translation

from . import documents, queries
from .mapping import (
    HSDS_VERSION,
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


def write_json(output, language):
    """Write the compiled export into the binary file `output`, a service at a time."""
    for chunk in json_chunks(language):
        output.write(chunk.encode("utf-8"))


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
