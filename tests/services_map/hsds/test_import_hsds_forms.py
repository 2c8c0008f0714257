"""Importing an HSDS tabular package or the compiled JSON: the same dry run and apply as the
spreadsheet, mistakes named by the package's own file, row and column, and a zip opened only
when it is safe; bad input is a clear 400 in the admin and a clear error from the command, and
changes nothing."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError

from iswg_portal.accounts.roles import CO_CHAIRS
from services_map.models import ServicePage
from tests.conftest import read_again
from tests.factories import UserFactory

from .test_import import APPLY_URL, IMPORT_URL, import_file
from .test_round_trip import compiled, tabular

pytestmark = pytest.mark.django_db


@pytest.fixture
def rich_directory(rich_directory_for_module):
    return read_again(rich_directory_for_module)


@pytest.fixture
def co_chair(db):
    return UserFactory(email="cochair@unhcr.example", role=CO_CHAIRS)


def package_files(package):
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def zipped(files):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return output.getvalue()


def edit_table(files, name, change):
    """The package with `change(rows)` made to one table; returns the rows' numbers as a
    spreadsheet shows them (headers are row 1)."""
    reader = csv.DictReader(io.StringIO(files[name].decode("utf-8")))
    rows = list(reader)
    change(rows)
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=reader.fieldnames)
    writer.writeheader()
    writer.writerows(rows)
    files[name] = output.getvalue().encode("utf-8")


def row_of(files, table, **match):
    """The spreadsheet row number of the first row of a table matching `match`."""
    rows = csv.DictReader(io.StringIO(files[table].decode("utf-8")))
    for number, row in enumerate(rows, start=2):
        if all(row[key] == value for key, value in match.items()):
            return number
    raise AssertionError(match)


def titles():
    return sorted(ServicePage.objects.values_list("title", flat=True))


def test_mistakes_in_a_package_are_named_by_file_row_and_column_and_change_nothing(
    tmp_path, rich_directory
):
    _rows, package = tabular("en")
    files = package_files(package)

    def planted(rows):
        for row in rows:
            if row["name"] == "Health mediation":
                row["status"] = "open"
            if row["name"] == "Winter clothes":
                row["email"] = "not an address"

    edit_table(files, "services.csv", planted)
    edit_table(
        files,
        "addresses.csv",
        lambda rows: rows[0].update(city="Bodrum", state_province="İzmir"),
    )
    status_row = row_of(files, "services.csv", name="Health mediation")
    email_row = row_of(files, "services.csv", name="Winter clothes")
    before = titles()

    with pytest.raises(CommandError):
        import_file(tmp_path, zipped(files), "--apply", name="export.zip")
    report = import_file(tmp_path, zipped(files), name="export.zip")

    assert (
        f"services.csv row {status_row}, column status: 'open' is not one of active, "
        "inactive, defunct, temporarily closed." in report
    )
    assert f"services.csv row {email_row}, column email: 'not an address'" in report
    assert "addresses.csv row 2, column city: Bodrum is not a district of İzmir." in report
    assert titles() == before


def test_an_unknown_organization_is_named_where_the_service_gives_it(tmp_path, rich_directory):
    _rows, package = tabular("en")
    files = package_files(package)
    edit_table(
        files,
        "services.csv",
        lambda rows: rows[0].update(organization_id="00000000-0000-4000-8000-000000000000"),
    )

    report = import_file(tmp_path, zipped(files), name="export.zip")

    assert "services.csv row 2, column organization_id: no agency is called" in report


def test_mistakes_in_the_json_are_named_by_service_and_path(tmp_path, rich_directory):
    _services, content = compiled("en")
    services = json.loads(content)
    index = next(n for n, s in enumerate(services) if s["name"] == "Legal counselling")
    services[index]["service_at_locations"][0]["location"]["location_type"] = "floating"
    services[index]["schedules"][0]["opens_at"] = "25:00"

    report = import_file(tmp_path, json.dumps(services).encode(), name="export.json")

    assert "Errors: 2." in report, report
    assert (
        f"export.json row {index + 1}, column service_at_locations[0].location.location_type: "
        "'floating' is not one of physical, postal, virtual." in report
    )
    assert f"export.json row {index + 1}, column schedules[0].byday:" in report


def test_a_json_export_with_a_changed_phone_updates_only_that(tmp_path, rich_directory):
    _services, content = compiled("en")
    services = json.loads(content)
    legal = next(s for s in services if s["name"] == "Legal counselling")
    legal["phones"][0]["number"] = "0232 999 99 99"

    report = import_file(tmp_path, json.dumps(services).encode(), "--apply", name="export.json")

    assert "New: 0. Updated: 1. Unchanged: 4." in report, report
    assert "phone_rows: 0232 111 11 11 voice Reception" in report
    page = ServicePage.objects.get(translation_key=legal["id"], locale__language_code="en")
    assert [phone.number for phone in page.phones.all()][0] == "0232 999 99 99"
    assert str(page.phones.all()[0].row_key) == legal["phones"][0]["id"]


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("../services.csv", "not safe to open"),
        ("/etc/services.csv", "not safe to open"),
        ("notes.txt", "not an HSDS table"),
    ],
)
def test_an_unsafe_or_unknown_member_refuses_the_whole_package(
    tmp_path, rich_directory, member, reason
):
    _rows, package = tabular("en")
    files = package_files(package)
    files[member] = b"id\n"
    before = titles()

    with pytest.raises(CommandError, match=reason):
        import_file(tmp_path, zipped(files), "--apply", name="export.zip")
    assert titles() == before


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, rich_directory):
    _rows, package = tabular("en")
    files = package_files(package)
    files["phones.csv"] = files["phones.csv"] + b"\n" * (60 * 1024 * 1024)
    bomb = zipped(files)
    assert len(bomb) < 1024 * 1024

    with pytest.raises(CommandError, match="too large once unpacked"):
        import_file(tmp_path, bomb, name="export.zip")


def test_a_link_inside_the_zip_is_refused(tmp_path, rich_directory):
    _rows, package = tabular("en")
    output = io.BytesIO(package)
    with zipfile.ZipFile(output, "a") as archive:
        link = zipfile.ZipInfo("funding.csv")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")

    with pytest.raises(CommandError, match="not safe to open"):
        import_file(tmp_path, output.getvalue(), name="export.zip")


def test_a_file_that_is_not_a_zip_is_refused(tmp_path, rich_directory):
    with pytest.raises(CommandError, match="cannot be opened as a zip"):
        import_file(tmp_path, b"id,name\n", name="export.zip")


def test_a_json_that_is_not_an_array_of_services_is_refused(tmp_path, rich_directory):
    with pytest.raises(CommandError, match="array of HSDS services"):
        import_file(tmp_path, b'{"id": "x"}', name="export.json")


def test_the_admin_reads_a_package_and_applies_it(client, rich_directory, co_chair):
    _rows, package = tabular("en")
    files = package_files(package)
    edit_table(
        files,
        "services.csv",
        lambda rows: [
            row.update(name="Health mediation and interpreting")
            for row in rows
            if row["name"] == "Health mediation"
        ],
    )
    client.force_login(co_chair)

    report = client.post(IMPORT_URL, {"file": SimpleUploadedFile("export.zip", zipped(files))})

    assert report.status_code == 200
    text = report.context["report_text"]
    assert "Updated: 1. Unchanged: 4." in text, text
    assert "services.csv " in text
    assert "name_en: Health mediation → Health mediation and interpreting" in text
    applied = client.post(APPLY_URL, {"token": report.context["token"]})
    assert applied.status_code == 200
    assert ServicePage.objects.filter(title="Health mediation and interpreting").exists()


def test_the_admin_answers_a_bad_package_with_a_400(client, rich_directory, co_chair):
    _rows, package = tabular("en")
    files = package_files(package)
    files["../../evil.csv"] = b"x"
    client.force_login(co_chair)

    response = client.post(IMPORT_URL, {"file": SimpleUploadedFile("export.zip", zipped(files))})

    assert response.status_code == 400
    assert "not safe to open" in response.content.decode()
