"""The 3W table (who does what where) as CSV and as an Excel workbook: every column with its
HXL hashtag, read by the Humanitarian Exchange Language's own library and valid against the
HXL schema kept in the repository, the service's name in each language, right to left where
the language is, and nothing internal or hidden."""

import csv
import io
import json

import hxl
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from services_map.hsds.three_w import HXL_SCHEMA
from services_map.models import AgencyPage
from services_map.reference_data import reference_provinces
from tests.factories import services_map as build

from .conftest import HASHTAGS, TODAY, hxl_rows, schema_issues, secrets_of

pytestmark = pytest.mark.django_db

API = "/api/hsds"


def repository_schema_rules():
    """{hashtag pattern: its rule's row} of the repository's HXL schema."""
    with HXL_SCHEMA.open(encoding="utf-8") as schema_file:
        rows = list(csv.reader(schema_file))
    tags = rows[1]
    return {row[0]: dict(zip(tags, row, strict=True)) for row in rows[2:]}


def csv_lines(client, query=""):
    return list(csv.reader(io.StringIO(client.get(f"{API}/3w.csv{query}").getvalue().decode())))


def workbook_bytes(client, query=""):
    response = client.get(f"{API}/3w.xlsx{query}")
    assert response.status_code == 200
    return response.getvalue()


def row_of(rows, name):
    return next(row for row in rows if row["#activity+name"] == name)


def test_the_schema_allows_the_ten_provinces_and_the_directorys_agency_types():
    rules = repository_schema_rules()
    codes = rules["#adm1+code"]["#valid_value+list"].split("|")
    assert sorted(codes) == sorted(f"TR-{p['plate']:02d}" for p in reference_provinces())
    types = rules["#org+type+code"]["#valid_value+list"].split("|")
    assert types == list(AgencyPage.AgencyType.values)
    for required in ("#org+name", "#activity+name", "#status"):
        assert rules[required]["#valid_required"] == "true"


def test_the_csv_has_every_column_under_its_hashtag_and_is_valid_against_the_schema(
    client, hsds_directory
):
    lines = csv_lines(client)
    assert lines[1] == HASHTAGS
    assert lines[0][0] == "Organisation" and lines[0][-1] == "Service (Kurdish (Kurmanji))"
    assert schema_issues(lines) == []


def test_a_row_tells_who_does_what_where_in_the_languages_it_is_written_in(client, hsds_directory):
    world = hsds_directory
    rows = hxl_rows(csv_lines(client))
    clinic = row_of(rows, world.clinic.title)
    assert clinic["#org+name"] == world.asam.title
    assert clinic["#org+acronym"] == "ASAM"
    assert clinic["#org+type"] == "National NGO"
    assert clinic["#org+type+code"] == "ngo"
    assert clinic["#sector+name"] == "Health"
    assert clinic["#subsector+name"] == "Primary health care"
    assert (clinic["#adm1+name"], clinic["#adm1+code"], clinic["#adm2+name"]) == (
        "İzmir",
        "TR-35",
        "Buca",
    )
    assert clinic["#loc+name"] == f"{world.clinic.title} office"
    assert clinic["#status"] == "active"
    assert clinic["#contact+phone"] == "0232 111 11 11"
    assert clinic["#activity+name+i_en"] == world.clinic.title
    assert clinic["#activity+name+i_tr"] == world.clinic_tr.title
    assert clinic["#activity+name+i_ar"] == clinic["#activity+name+i_ku"] == ""

    turkish = row_of(hxl_rows(csv_lines(client, "?locale=tr")), world.clinic_tr.title)
    assert turkish["#activity+name+i_en"] == world.clinic.title
    assert turkish["#org+name"] == world.asam_tr.title


def test_the_workbook_holds_the_rows_of_the_csv_and_is_valid_against_the_schema(
    client, hsds_directory
):
    content = workbook_bytes(client)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    cells = list(sheet.iter_rows(max_row=2, values_only=True))
    assert list(cells[1]) == HASHTAGS
    assert schema_issues(io.BufferedReader(io.BytesIO(content))) == []
    assert hxl_rows(content) == hxl_rows(csv_lines(client))


@pytest.mark.parametrize(
    ("language", "right_to_left"), [("ar", True), ("fa", True), ("ps", True), ("tr", False)]
)
def test_the_workbook_reads_right_to_left_in_arabic_persian_and_pashto(
    client, hsds_directory, language, right_to_left
):
    workbook = load_workbook(io.BytesIO(workbook_bytes(client, f"?locale={language}")))
    sheet = workbook.active
    assert bool(sheet.sheet_view.rightToLeft) is right_to_left
    assert sheet.freeze_panes == "A3"


def test_the_csv_hides_what_the_api_hides(client, hsds_directory):
    world = hsds_directory
    text = client.get(f"{API}/3w.csv").getvalue().decode()
    for secret in secrets_of(world):
        assert secret not in text
    shelter = row_of(hxl_rows(csv_lines(client)), world.shelter.title)
    assert (shelter["#adm2+name"], shelter["#loc+name"]) == ("Karabağlar", "")


def test_the_workbook_hides_what_the_api_hides(client, hsds_directory):
    world = hsds_directory
    sheet = load_workbook(io.BytesIO(workbook_bytes(client)), read_only=True).active
    text = "\n".join(
        str(value) for row in sheet.iter_rows(values_only=True) for value in row if value
    )
    for secret in secrets_of(world):
        assert secret not in text
    shelter = row_of(hxl_rows(workbook_bytes(client)), world.shelter.title)
    assert shelter["#adm2+name"] == "Karabağlar"
    assert shelter["#loc+name"] == ""


def test_a_name_that_starts_like_a_formula_stays_text_in_the_workbook(client, hsds_directory):
    name = '=HYPERLINK("https://example.org","Legal aid")'
    build.service(hsds_directory.asam, name)
    sheet = load_workbook(io.BytesIO(workbook_bytes(client))).active
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == name)
    assert cell.data_type == "s"


def test_dates_are_dates_in_the_workbook_and_iso_8601_in_the_csv(client, hsds_directory):
    build.service(hsds_directory.asam, "Winter clothes desk", start_date=TODAY)
    sheet = load_workbook(io.BytesIO(workbook_bytes(client))).active
    service = HASHTAGS.index("#activity+name")
    row = next(row for row in sheet.iter_rows() if row[service].value == "Winter clothes desk")
    start = row[HASHTAGS.index("#date+start")]
    assert start.is_date and start.value.date() == TODAY
    lines = csv_lines(client)
    assert row_of(hxl_rows(lines), "Winter clothes desk")["#date+start"] == TODAY.isoformat()
    assert schema_issues(lines) == []


def test_the_command_writes_the_workbook_the_site_serves(client, hsds_directory, tmp_path):
    target = tmp_path / "3w.xlsx"
    call_command(
        "export_hsds",
        "--format",
        "3w-xlsx",
        "--locale",
        "ar",
        "--output",
        target,
        stdout=io.StringIO(),
    )
    assert hxl_rows(target.read_bytes()) == hxl_rows(workbook_bytes(client, "?locale=ar"))


def test_there_is_one_row_per_service_and_place_and_one_for_a_service_without_one(
    client, hsds_directory
):
    build.service(hsds_directory.unhcr, "Mobile outreach", place=None)
    services = json.loads(client.get(f"{API}/export.json").getvalue())
    rows = hxl_rows(csv_lines(client))
    assert len(rows) == sum(max(1, len(s["service_at_locations"])) for s in services)
    outreach = row_of(rows, "Mobile outreach")
    assert outreach["#adm1+code"] == outreach["#adm2+name"] == ""
    assert outreach["#org+acronym"] == "UNHCR"


def test_the_schema_is_served_for_hdx_tools_beside_the_table(client, hsds_directory):
    response = client.get(f"{API}/3w-schema.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.decode() == HXL_SCHEMA.read_text(encoding="utf-8")
    served = list(csv.reader(io.StringIO(response.content.decode())))
    issues = []
    hxl.schema(hxl.data(served), callback=issues.append).validate(hxl.data(csv_lines(client)))
    assert issues == []
