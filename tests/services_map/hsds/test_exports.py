"""The directory's exports: the compiled JSON, the Tabular Data Package and the 3W table with
its HXL hashtags hold the same services as /api/hsds/services, nothing internal and no place of
a protection-sensitive service, and are cached like every answer of the API."""

import csv
import io
import json
import zipfile

import hxl
import pytest
from django.core.management import call_command

from .conftest import secrets_of

pytestmark = pytest.mark.django_db

API = "/api/hsds"
TABLES = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "service_at_location": "service_at_location.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "schedule": "schedules.csv",
    "language": "languages.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "attribute": "attributes.csv",
}
# What the 3W table must carry for HDX and OCHA's tools (an HXL schema).
THREE_W_SCHEMA = [
    ["#valid_tag", "#valid_required", "#valid_value+list"],
    ["#org+name", "true", ""],
    ["#activity+name", "true", ""],
    ["#status", "true", "active|inactive|temporarily closed"],
    ["#adm1+name", "", ""],
    ["#adm1+code", "", ""],
    ["#adm2+name", "", ""],
]


def listed_ids(client, **params):
    """The ids of every service /api/hsds/services lists."""
    body = client.get(f"{API}/services", {"minimal": "true", **params}).json()
    return {item["id"] for item in body["contents"]}


def unzipped(content):
    """{file name: text} of a zip."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def table(files, name):
    return list(csv.DictReader(io.StringIO(files[TABLES[name]])))


def test_the_json_export_holds_every_listed_service_fully_nested(
    client, hsds_directory, hsds_schemas
):
    world = hsds_directory
    response = client.get(f"{API}/export.json")
    assert response.status_code == 200
    body = response.getvalue().decode("utf-8")
    services = json.loads(body)
    assert {service["id"] for service in services} == listed_ids(client)
    for service in services:
        hsds_schemas.check_item("service.json", service)
    clinic_id = str(world.clinic.translation_key)
    clinic = next(service for service in services if service["id"] == clinic_id)
    assert clinic == client.get(f"{API}/services/{clinic_id}").json()
    for secret in secrets_of(world):
        assert secret not in body

    turkish = json.loads(client.get(f"{API}/export.json?locale=tr").getvalue())
    names = {service["id"]: service["name"] for service in turkish}
    assert names[clinic_id] == world.clinic_tr.title


def test_the_package_declares_its_tables_keys_licence_and_source(client, hsds_directory):
    files = unzipped(client.get(f"{API}/export.zip").getvalue())
    package = json.loads(files["datapackage.json"])
    assert package["profile"] == "tabular-data-package"
    assert {r["name"]: r["path"] for r in package["resources"]} == TABLES
    assert set(files) == {"datapackage.json", *TABLES.values()}
    assert package["licenses"][0]["path"].startswith("https://creativecommons.org/")
    assert package["sources"]
    for resource in package["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"] == "id"
        header = next(csv.reader(io.StringIO(files[resource["path"]])))
        assert header == [field["name"] for field in schema["fields"]]
    services = next(r for r in package["resources"] if r["name"] == "service")
    names = [field["name"] for field in services["schema"]["fields"]]
    assert names[-1].startswith("iswg_") and names[0] == "id"
    assert {
        "fields": "organization_id",
        "reference": {"resource": "organization", "fields": "id"},
    } in (services["schema"]["foreignKeys"])


def test_every_key_of_the_package_is_unique_and_every_reference_is_found(client, hsds_directory):
    files = unzipped(client.get(f"{API}/export.zip?locale=tr").getvalue())
    package = json.loads(files["datapackage.json"])
    ids = {}
    for name in TABLES:
        rows = table(files, name)
        ids[name] = [row["id"] for row in rows]
        assert len(ids[name]) == len(set(ids[name])), name
    for resource in package["resources"]:
        for key in resource["schema"]["foreignKeys"]:
            target = key["reference"]["resource"] or resource["name"]
            for row in table(files, resource["name"]):
                value = row[key["fields"]]
                assert not value or value in ids[target], (resource["name"], key, value)
    assert set(ids["service"]) == listed_ids(client)
    assert len(ids["taxonomy"]) == 2


def test_the_package_hides_what_the_api_hides(client, hsds_directory):
    world = hsds_directory
    files = unzipped(client.get(f"{API}/export.zip").getvalue())
    for name, text in files.items():
        for secret in secrets_of(world):
            assert secret not in text, (name, secret)
    shelter_id = str(world.shelter.translation_key)
    at_shelter = [
        row for row in table(files, "service_at_location") if row["service_id"] == shelter_id
    ]
    assert at_shelter
    places = {row["id"]: row for row in table(files, "location")}
    for row in at_shelter:
        place = places[row["location_id"]]
        assert place["latitude"] == place["longitude"] == place["name"] == ""
        assert "Call first" in place["description"]
    addressed = {row["location_id"] for row in table(files, "address")}
    assert not addressed & {row["location_id"] for row in at_shelter}


def test_the_3w_table_is_hxl_one_row_per_service_and_place(client, hsds_directory):
    world = hsds_directory
    response = client.get(f"{API}/3w.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.getvalue().decode("utf-8")
    for secret in secrets_of(world):
        assert secret not in text
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[1] == [
        "#org+name",
        "#org+acronym",
        "#sector+name",
        "#adm1+name",
        "#adm1+code",
        "#adm2+name",
        "#loc+name",
        "#activity+name",
        "#status",
        "#date+start",
        "#date+end",
        "#contact+phone",
    ]
    data = hxl.data(lines)
    assert hxl.schema(THREE_W_SCHEMA).validate(data)
    rows = list(hxl.data(lines))
    files = unzipped(client.get(f"{API}/export.zip").getvalue())
    placed = table(files, "service_at_location")
    unplaced = {row["id"] for row in table(files, "service")} - {
        row["service_id"] for row in placed
    }
    assert len(rows) == len(placed) + len(unplaced)
    assert {row.get("#activity+name") for row in rows} >= {world.clinic.title, world.shelter.title}
    clinic = next(row for row in rows if row.get("#activity+name") == world.clinic.title)
    assert clinic.get("#org+acronym") == "ASAM"
    assert clinic.get("#sector+name") == "Health"
    assert clinic.get("#adm1+code") == "TR-35"
    assert clinic.get("#adm2+name") == "Buca"
    shelter = next(row for row in rows if row.get("#activity+name") == world.shelter.title)
    assert shelter.get("#adm2+name") == "Karabağlar"
    assert not shelter.get("#loc+name")


@pytest.mark.parametrize("path", ["export.json", "export.zip", "3w.csv"])
def test_exports_are_cached_and_open_to_any_site_like_the_api(client, hsds_directory, path):
    response = client.get(f"{API}/{path}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    again = client.get(f"{API}/{path}", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get(f"{API}/{path}?locale=xx").status_code == 400


def test_the_command_writes_what_the_site_serves(client, hsds_directory, tmp_path):
    call_command(
        "export_hsds", "--format", "json", "--locale", "tr", "--output", tmp_path / "a.json"
    )
    served = json.loads(client.get(f"{API}/export.json?locale=tr").getvalue())
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8")) == served

    call_command(
        "export_hsds", "--format", "tabular", "--locale", "tr", "--output", tmp_path / "a.zip"
    )
    written = unzipped((tmp_path / "a.zip").read_bytes())
    served = unzipped(client.get(f"{API}/export.zip?locale=tr").getvalue())
    assert written.keys() == served.keys()
    for name in TABLES.values():
        assert written[name] == served[name], name
