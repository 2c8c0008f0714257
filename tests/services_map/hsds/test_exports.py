"""The directory's exports: the compiled JSON, the Tabular Data Package and the 3W table with
its HXL hashtags hold the same services as /api/hsds/services, nothing internal and no place of
a protection-sensitive service, answer like every answer of the API, and are built once per
language and kept until the directory changes."""

import csv
import io
import json
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from services_map.hsds.export_files import STORAGE_DIR
from services_map.models import AgencyPage, ServiceCategory, ServicePage
from tests.factories import services_map as build

from .conftest import hxl_rows, secrets_of

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


EXPORTS = ["export.json", "export.zip", "3w.csv", "3w.xlsx"]


@pytest.mark.parametrize("path", EXPORTS)
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


def stored_exports():
    """The export files kept in the storage, by folder."""
    kept = {}
    folders, _files = default_storage.listdir(STORAGE_DIR)
    for language in folders:
        kinds, _files = default_storage.listdir(f"{STORAGE_DIR}/{language}")
        for kind in kinds:
            _none, files = default_storage.listdir(f"{STORAGE_DIR}/{language}/{kind}")
            kept[f"{language}/{kind}"] = files
    return kept


@pytest.mark.parametrize("path", EXPORTS)
def test_an_unchanged_export_is_served_as_built_without_a_query(
    client, hsds_directory, path, django_assert_num_queries
):
    first = client.get(f"{API}/{path}").getvalue()
    with django_assert_num_queries(0):
        again = client.get(f"{API}/{path}")
        assert again.status_code == 200
        assert again.getvalue() == first


def test_each_language_has_its_own_export(client, hsds_directory):
    world = hsds_directory
    english = client.get(f"{API}/3w.csv").getvalue().decode()
    turkish = client.get(f"{API}/3w.csv?locale=tr").getvalue().decode()
    assert f"\r\n{world.asam.title}," in english
    assert f"\r\n{world.asam_tr.title}," in turkish


def test_a_publication_shows_in_the_next_export_and_the_old_file_is_removed(client, hsds_directory):
    world = hsds_directory
    assert "Night shelter desk" not in client.get(f"{API}/3w.csv").getvalue().decode()
    build.service(world.asam, "Night shelter desk")
    assert "Night shelter desk" in client.get(f"{API}/3w.csv").getvalue().decode()
    services = json.loads(client.get(f"{API}/export.json").getvalue())
    assert "Night shelter desk" in {service["name"] for service in services}
    assert len(stored_exports()["en/3w"]) == 1


def test_an_unpublished_service_leaves_the_next_export(client, hsds_directory):
    world = hsds_directory
    assert world.closed.title in client.get(f"{API}/3w.csv").getvalue().decode()
    ServicePage.objects.get(pk=world.closed.pk).unpublish()
    assert world.closed.title not in client.get(f"{API}/3w.csv").getvalue().decode()


def test_a_deleted_service_leaves_the_next_export(client, hsds_directory):
    world = hsds_directory
    assert world.shelter.title in client.get(f"{API}/3w.csv").getvalue().decode()
    ServicePage.objects.get(pk=world.shelter.pk).delete()
    assert world.shelter.title not in client.get(f"{API}/3w.csv").getvalue().decode()


def test_a_moved_service_shows_under_its_new_agency_in_the_next_export(client, hsds_directory):
    world = hsds_directory
    client.get(f"{API}/export.zip")
    ServicePage.objects.get(pk=world.clinic.pk).move(world.unhcr, pos="last-child")
    files = unzipped(client.get(f"{API}/export.zip").getvalue())
    clinic = next(row for row in table(files, "service") if row["name"] == world.clinic.title)
    assert clinic["organization_id"] == str(world.unhcr.translation_key)


def test_a_renamed_category_shows_in_the_next_export(client, hsds_directory):
    world = hsds_directory
    assert ",Health," in client.get(f"{API}/3w.csv").getvalue().decode()
    category = ServiceCategory.objects.get(pk=world.health.pk)
    category.name = "Health and care"
    category.save()
    assert ",Health and care," in client.get(f"{API}/3w.csv").getvalue().decode()


def test_a_renamed_agency_shows_in_the_next_export(client, hsds_directory):
    world = hsds_directory
    client.get(f"{API}/3w.xlsx")
    agency = AgencyPage.objects.get(pk=world.asam.pk)
    agency.title = "Association for Solidarity with Asylum Seekers"
    agency.save_revision().publish()
    rows = hxl_rows(client.get(f"{API}/3w.xlsx").getvalue())
    clinic = next(row for row in rows if row["#activity+name"] == world.clinic.title)
    assert clinic["#org+name"] == "Association for Solidarity with Asylum Seekers"
