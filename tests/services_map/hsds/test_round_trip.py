"""The round trip: the directory exported as an HSDS package or as the compiled JSON, imported
into a directory without services (its agencies, categories, places and languages there, as
the import requires) and exported again gives the same files, in English and in Turkish.

The template spreadsheet filled with five services, imported into what its export says, has a
module of its own (test_round_trip_of_the_template.py): its export would list this module's
services too."""

import csv
import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from services_map.hsds import exports
from services_map.models import ServicePage
from tests.conftest import read_again

from .test_import import import_file

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# What each export makes anew: not part of the comparison.
GENERATED = {"last_modified", "created"}


@pytest.fixture
def rich_directory(rich_directory_for_module):
    """The rich directory (see tests/services_map/hsds/conftest.py), built once for the module
    and read anew by each test, whose changes roll back with it: its women's shelter."""
    return read_again(rich_directory_for_module)


def tabular(language):
    """{file: rows sorted by id, without generated timestamps} of the package, and its
    descriptor without its date."""
    output = io.BytesIO()
    exports.write_tabular(output, language)
    files = {}
    with zipfile.ZipFile(io.BytesIO(output.getvalue())) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8")
            if name == "datapackage.json":
                descriptor = json.loads(text)
                descriptor.pop("created")
                files[name] = descriptor
                continue
            rows = [
                {key: value for key, value in row.items() if key not in GENERATED}
                for row in csv.DictReader(io.StringIO(text))
            ]
            files[name] = sorted(rows, key=lambda row: row["id"])
    return files, output.getvalue()


def without_generated(value):
    """A JSON value without generated timestamps, every list of objects sorted by id."""
    if isinstance(value, dict):
        return {key: without_generated(v) for key, v in value.items() if key not in GENERATED}
    if isinstance(value, list):
        items = [without_generated(item) for item in value]
        if items and all(isinstance(item, dict) and "id" in item for item in items):
            items.sort(key=lambda item: item["id"])
        return items
    return value


def differences(after, before):
    """What differs between two exports, field by field, for the assertion's message."""
    found = []
    for name in sorted(set(after) | set(before)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
            for old_row, new_row in zip(old, new, strict=True):
                if isinstance(old_row, dict) and isinstance(new_row, dict):
                    for key in sorted(set(old_row) | set(new_row)):
                        if old_row.get(key) != new_row.get(key):
                            found.append(
                                f"{name} {key}: {old_row.get(key)!r} -> {new_row.get(key)!r}"
                            )
                elif old_row != new_row:
                    found.append(f"{name}: {old_row!r} -> {new_row!r}")
        else:
            found.append(f"{name}: {old!r} -> {new!r}")
    return "\n".join(found)


def compiled(language):
    text = "".join(exports.json_chunks(language))
    return without_generated(json.loads(text)), text.encode()


def remove_services():
    """The directory without its services: what a fresh one holds before an import (agencies,
    categories, places, languages; population groups are tags)."""
    for page in ServicePage.objects.filter(alias_of__isnull=False):
        page.delete()
    for page in ServicePage.objects.order_by("-depth", "-pk"):
        page.delete()
    cache.clear()
    assert not ServicePage.objects.exists()


def public_services(files):
    return {row["name"] for row in files["services.csv"]}


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_tabular_package_imported_into_an_empty_directory_exports_the_same(
    tmp_path, rich_directory, language
):
    before, package = tabular(language)
    assert len(before["services.csv"]) == 5
    shelter_id = str(rich_directory.translation_key)

    remove_services()
    # --apply refuses (CommandError) a file with any mistake.
    import_file(tmp_path, package, "--apply", "--locale", language, name="export.zip")

    after, _package = tabular(language)
    # The shelter's places never left the directory, so no export can bring them back.
    for name in ("service_at_location.csv", "locations.csv"):
        before[name] = [row for row in before[name] if row.get("service_id") != shelter_id]
    before["locations.csv"] = [
        row
        for row in before["locations.csv"]
        if row["id"] in {r["location_id"] for r in before["service_at_location.csv"]}
    ]
    assert after == before, differences(after, before)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_compiled_json_imported_into_an_empty_directory_exports_the_same(
    tmp_path, rich_directory, language
):
    before, content = compiled(language)
    shelter_id = str(rich_directory.translation_key)

    remove_services()
    import_file(tmp_path, content, "--apply", "--locale", language, name="export.json")

    after, _content = compiled(language)
    for service in before:
        if service["id"] == shelter_id:
            # Its places (and so the districts it serves) never left the directory.
            service["service_at_locations"] = []
            service["service_areas"] = []
    assert after == before, differences(after, before)


def test_an_export_imported_back_into_its_own_directory_changes_nothing(tmp_path, rich_directory):
    _files, package = tabular("en")
    _services, content = compiled("en")

    tabular_report = import_file(tmp_path, package, name="export.zip")
    json_report = import_file(tmp_path, content, name="export.json")

    for report in (tabular_report, json_report):
        assert "New: 0. Updated: 0. Unchanged: 5." in report, report
        assert "Errors: 0" in report


def test_the_shelters_places_are_kept_when_its_export_is_imported(tmp_path, rich_directory):
    shelter = rich_directory
    _services, content = compiled("en")
    edited = json.loads(content)
    for service in edited:
        if service["id"] == str(shelter.translation_key):
            service["name"] = "Women's shelter and counselling"

    import_file(tmp_path, json.dumps(edited).encode(), "--apply", name="export.json")

    page = ServicePage.objects.get(translation_key=shelter.translation_key)
    assert page.title == "Women's shelter and counselling"
    place = page.locations.get()
    assert (place.latitude, place.longitude) == (38.3745, 27.1203)
    assert place.address_1 == "Atatürk Caddesi No: 1"


def test_the_command_reads_an_unzipped_package_folder(tmp_path, rich_directory):
    _files, package = tabular("en")
    folder = tmp_path / "package"
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        archive.extractall(folder)

    out = io.StringIO()
    call_command("import_hsds", str(folder), stdout=out)

    assert "Unchanged: 5." in out.getvalue()
