"""The directory's export files (the compiled JSON, the Tabular Data Package, the 3W table as
CSV and as a workbook): written to a path by `manage.py export_hsds`, and for the API built
once per language and kept in the default storage until the directory changes.

What is kept is found through the shared cache under the directory's version (cache_version:
every publication, unpublication, move, deletion, restriction or vocabulary change gives a new
one, the rule every cached part of the directory follows) and today's date (a service's end
date passes): an unchanged export is served from the stored file without a query, a changed
directory builds it again on the next request. Building writes to a temporary file on disk as
the services are rendered, and serving streams the stored file: memory stays bounded."""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from ..cache_version import current_version
from . import exports, three_w

# Where the built exports are kept in the default storage (never served by the web server in
# front: only media/images/ and media/original_images/ are, see the README).
STORAGE_DIR = "hsds-exports"
# How long the cache remembers where an export is kept; the key changes with the directory's
# version and the day anyway.
REMEMBERED_SECONDS = 2 * 24 * 60 * 60


@dataclass(frozen=True)
class ExportFormat:
    """One kind of export file: its name for `export_hsds --format`, how it is written into a
    binary file and how it is served."""

    key: str
    stem: str
    extension: str
    content_type: str
    attachment: bool
    write: Callable

    def file_name(self, language):
        """The name a download is saved under."""
        return f"{self.stem}-{language}{self.extension}"


EXPORT_FORMATS = {
    export.key: export
    for export in (
        ExportFormat(
            "tabular", "iswg-hsds", ".zip", "application/zip", True, exports.write_tabular
        ),
        ExportFormat(
            "json",
            "iswg-hsds",
            ".json",
            "application/json; charset=utf-8",
            False,
            exports.write_json,
        ),
        ExportFormat("3w", "iswg-3w", ".csv", "text/csv; charset=utf-8", True, three_w.write_csv),
        ExportFormat("3w-xlsx", "iswg-3w", ".xlsx", three_w.XLSX_TYPE, True, three_w.write_xlsx),
    )
}


def write_file(path, export_key, language):
    """Write one export to `path`. The file appears whole or not at all."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as output:
            EXPORT_FORMATS[export_key].write(output, language)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def stored_name(export, language, version, today):
    """The name in the storage of the export for one version of the directory and one day
    (the storage adds a suffix when two servers build the same at once)."""
    return f"{folder(export, language)}/{today.isoformat()}_{version}{export.extension}"


def folder(export, language):
    return f"{STORAGE_DIR}/{language}/{export.key}"


def cache_key(export, language, version, today):
    return f"hsds-export:{version}:{today.isoformat()}:{language}:{export.key}"


def open_export(export, language):
    """The export in `language` as a binary file open at its start: the one kept for the
    directory's current version and today, else built now and kept."""
    version = current_version()
    today = timezone.localdate()
    key = cache_key(export, language, version, today)
    name = cache.get(key)
    if name is None or not default_storage.exists(name):
        name = build(export, language, version, today)
        cache.set(key, name, REMEMBERED_SECONDS)
    return default_storage.open(name, "rb")


def build(export, language, version, today):
    """Write the export to a temporary file, keep it in the storage and return its name
    there; then forget the ones of earlier versions and days."""
    wanted = stored_name(export, language, version, today)
    with tempfile.TemporaryFile() as output:
        export.write(output, language)
        output.seek(0)
        name = default_storage.save(wanted, File(output, name=Path(wanted).name))
    # A build that began before the directory changed keeps its file but removes nothing:
    # the newer file it would take for an old one may be being served.
    if current_version() == version:
        forget_older(export, language, keep=Path(wanted).stem)
    return name


def forget_older(export, language, keep):
    """Delete the kept files of this export and language that another version or day built
    (whose names do not start with `keep`)."""
    _folders, files = default_storage.listdir(folder(export, language))
    for file_name in files:
        if not file_name.startswith(keep):
            default_storage.delete(f"{folder(export, language)}/{file_name}")
