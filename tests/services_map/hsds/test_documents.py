"""The API's documents: the official OpenAPI document with the ISWG profile applied, resolving
to schema files the site serves itself, and the profile with its README."""

import json

import pytest
from jsonschema import Draft202012Validator

from services_map.hsds.documents import merge_patch, openapi_document, schema_file_names

pytestmark = pytest.mark.django_db

API = "/api/hsds"


def refs_in(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from refs_in(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs_in(item)


@pytest.fixture
def served_openapi(client, home_page):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_openapi_document_is_filled_in_for_this_site(served_openapi):
    info = served_openapi["info"]
    assert "conforms to hsds 3.0 with the iswg i̇zmir profile" in info["description"].lower()
    assert "http://testserver/api/hsds/profile/" in info["description"]
    assert info["license"]["name"] == "CC BY 4.0"
    assert "REQUIRED" not in json.dumps(info)
    assert served_openapi["servers"] == [{"url": "http://testserver/api/hsds"}]
    assert served_openapi["openapi"].startswith("3.1")


def test_every_ref_of_the_openapi_document_is_served_by_the_site(client, served_openapi):
    external = {ref for ref in refs_in(served_openapi) if not ref.startswith("#")}
    assert external
    for ref in external:
        assert ref.startswith("http://testserver/api/hsds/schema/"), ref
        response = client.get(ref.removeprefix("http://testserver"))
        assert response.status_code == 200, ref
        schema = response.json()
        Draft202012Validator.check_schema(schema)
        for inner in refs_in(schema):
            inner_path = f"{API}/schema/{inner}"
            assert client.get(inner_path).status_code == 200, inner


def test_the_profile_says_what_it_adds_and_its_patches_are_served(client, home_page):
    readme = client.get(f"{API}/profile/")
    assert readme.status_code == 200
    assert "ISWG İzmir profile" in readme.content.decode()
    patch = client.get(f"{API}/profile/service.json").json()
    assert "iswg_protection_sensitive" in patch["properties"]
    served = client.get(f"{API}/schema/service.json").json()
    assert "iswg_protection_sensitive" in served["properties"]
    assert "name" in served["properties"]


def test_the_schema_licence_and_attribution_are_served(client, home_page):
    licence = client.get(f"{API}/schema/LICENSE").content.decode()
    assert "Creative Commons Attribution Share-Alike 4.0" in licence
    readme = client.get(f"{API}/schema/README.md").content.decode()
    assert "openreferral/specification" in readme


def test_the_service_at_location_detail_answers_a_service_at_location():
    document = openapi_document("https://x/api/hsds/", "https://x/s/", "https://x/p/")
    detail = document["paths"]["/service_at_locations/{id}"]["get"]["responses"]["200"]
    schema = detail["content"]["application/json"]["schema"]
    assert schema == {"$ref": "https://x/s/service_at_location.json"}


def test_no_served_schema_file_is_missing_from_the_copy():
    names = schema_file_names()
    assert {"openapi.json", "service.json", "LICENSE", "README.md"} <= names
    assert "compiled/service_list.json" in names


@pytest.mark.parametrize(
    ("target", "patch", "merged"),
    [
        ({"a": "b"}, {"a": "c"}, {"a": "c"}),
        ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
        ({"a": "b"}, {"a": None}, {}),
        ({"a": ["b"]}, {"a": ["c", "d"]}, {"a": ["c", "d"]}),
        ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
        (["a"], {"a": "b"}, {"a": "b"}),
    ],
)
def test_merge_patch_follows_rfc_7386(target, patch, merged):
    assert merge_patch(target, patch) == merged
