"""The directory as an HSDS 3.0 API: every answer valid against the official schemas, lists
paged as HSDS pages them, filters combined, languages, and nothing internal or hidden."""

import datetime
import json
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services_map.hsds.mapping import POPULATION_TAXONOMY_ID, SECTOR_TAXONOMY_ID, population_term_id

from .conftest import secrets_of

pytestmark = pytest.mark.django_db

API = "/api/hsds"
LISTS = {
    "/services": f"{API}/services",
    "/organizations": f"{API}/organizations",
    "/taxonomies": f"{API}/taxonomies",
    "/taxonomy_terms": f"{API}/taxonomy_terms",
    "/service_at_locations": f"{API}/service_at_locations",
}


@pytest.fixture
def api(client, hsds_schemas):
    """GET an API URL, check the answer against the operation's official schema, return the
    parsed body."""

    def get(url, operation, **params):
        response = client.get(url, params)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        hsds_schemas.check(operation, body)
        return body

    return get


def walk(client, url, per_page, **params):
    """Every item of a list, page by page, and the first page's envelope."""
    first = client.get(url, {"per_page": per_page, **params}).json()
    items = list(first["contents"])
    for number in range(2, first["total_pages"] + 1):
        page = client.get(url, {"per_page": per_page, "page": number, **params}).json()
        assert page["page_number"] == number
        items.extend(page["contents"])
    return first, items


def service_ids(body):
    return {item["id"] for item in body["contents"]}


# --- Every answer valid -----------------------------------------------------------------------


def test_root_names_the_version_the_profile_and_the_openapi_document(api, hsds_directory):
    body = api(f"{API}/", "/")
    assert body["version"] == "3.0"
    assert body["profile"].endswith("/api/hsds/profile/")
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")


@pytest.mark.parametrize("operation", sorted(LISTS))
def test_every_list_is_valid_against_the_official_schema(api, hsds_directory, operation):
    body = api(LISTS[operation], operation, per_page=100)
    assert body["total_items"] > 0


@pytest.mark.parametrize("operation", ["/services", "/service_at_locations", "/organizations"])
def test_full_lists_are_valid_against_the_official_schema(api, hsds_directory, operation):
    api(LISTS[operation], operation, full="true", per_page=100)


def test_every_service_in_full_is_valid_against_the_service_schema(api, client, hsds_directory):
    ids = service_ids(client.get(f"{API}/services", {"per_page": 100}).json())
    for service_id in ids:
        api(f"{API}/services/{service_id}", "/services/{id}")


def test_details_of_every_kind_are_valid(api, client, hsds_directory):
    world = hsds_directory
    api(f"{API}/organizations/{world.asam.translation_key}", "/organizations/{id}")
    api(
        f"{API}/organizations/{world.asam.translation_key}",
        "/organizations/{id}",
        full_service="true",
    )
    api(f"{API}/taxonomies/{SECTOR_TAXONOMY_ID}", "/taxonomies/{id}")
    api(f"{API}/taxonomy_terms/{world.health.translation_key}", "/taxonomy_terms/{id}")
    located = client.get(f"{API}/service_at_locations", {"per_page": 100}).json()["contents"]
    for item in located[:3]:
        api(f"{API}/service_at_locations/{item['id']}", "/service_at_locations/{id}")


def test_the_clinic_maps_what_a_referral_partner_needs(api, hsds_directory):
    world = hsds_directory
    body = api(f"{API}/services/{world.clinic.translation_key}", "/services/{id}")
    assert body["name"] == "Sağlık danışma merkezi"
    assert body["organization_id"] == str(world.asam.translation_key)
    assert body["description"].startswith("Free health advice for refugees.")
    assert "Nurses and doctors." in body["description"]
    assert body["status"] == "active"
    assert body["email"] == "clinic@example.org"
    assert body["url"] == "https://example.org/clinic"
    assert body["minimum_age"] == 18
    assert body["required_documents"][0]["document"] == "Kimlik"
    assert body["cost_options"][0]["amount"] == 0
    assert [s["byday"] for s in body["schedules"]] == ["MO", "TU", "WE", "TH", "FR"]
    assert body["schedules"][0]["opens_at"] == "09:00"
    assert body["languages"][0]["code"] == "ar"
    numbers = {(phone["number"], phone["type"]) for phone in body["phones"]}
    assert numbers == {("0232 111 11 11", "voice"), ("+90 532 000 00 00", "text")}
    assert body["service_areas"][0]["name"] == "Buca, İzmir"
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["city"], address["state_province"], address["country"]) == (
        "Buca",
        "İzmir",
        "TR",
    )
    terms = {a["taxonomy_term"]["name"] for a in body["attributes"]}
    assert terms == {"Health", "Primary health care", "Women"}
    assert body["iswg_eligible_legal_statuses"] == ["temporary_protection"]


def test_ids_are_the_same_in_every_language(client, hsds_directory):
    world = hsds_directory
    url = f"{API}/services/{world.clinic.translation_key}"
    english = client.get(url, {"locale": "en"}).json()
    turkish = client.get(url, {"locale": "tr"}).json()
    assert turkish["name"] == "Sağlık danışma merkezi (TR)"
    assert english["name"] == "Sağlık danışma merkezi"

    def ids(body):
        return sorted(
            [body["id"]]
            + [phone["id"] for phone in body["phones"]]
            + [sal["id"] for sal in body["service_at_locations"]]
            + [attribute["id"] for attribute in body["attributes"]]
            + [schedule["id"] for schedule in body["schedules"]]
        )

    assert ids(english) == ids(turkish)


def test_accept_language_chooses_the_text_and_the_answer_says_so(client, hsds_directory):
    world = hsds_directory
    response = client.get(
        f"{API}/services/{world.clinic.translation_key}", HTTP_ACCEPT_LANGUAGE="tr,en;q=0.5"
    )
    assert response.json()["name"] == "Sağlık danışma merkezi (TR)"
    assert response["Content-Language"] == "tr"
    assert "Accept-Language" in response["Vary"]


def test_a_language_without_translation_falls_back_to_the_original(client, hsds_directory):
    world = hsds_directory
    body = client.get(f"{API}/services/{world.clinic.translation_key}", {"locale": "kmr"}).json()
    # Kurmanji readers read Turkish first.
    assert body["name"] == "Sağlık danışma merkezi (TR)"
    body = client.get(f"{API}/services/{world.shelter.translation_key}", {"locale": "ps"}).json()
    assert body["name"] == "Women's safe space"


# --- Paging -----------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", sorted(LISTS))
@pytest.mark.parametrize("per_page", [1, 7, 20, 100])
def test_walking_a_list_gives_every_item_once(client, hsds_directory, operation, per_page):
    first, items = walk(client, LISTS[operation], per_page)
    ids = [item["id"] for item in items]
    assert len(ids) == first["total_items"]
    assert len(set(ids)) == len(ids)
    assert first["first_page"] and first["page_number"] == 1
    assert first["size"] == len(first["contents"]) == min(per_page, first["total_items"])


def test_every_page_carries_the_seven_fields_of_an_hsds_page(client, hsds_directory):
    body = client.get(f"{API}/services", {"per_page": 10, "page": 3}).json()
    total = body["total_items"]
    assert set(body) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    assert body["total_pages"] == -(-total // 10)
    assert body["last_page"] is (body["total_pages"] == 3)
    assert body["first_page"] is False
    assert body["empty"] is False


def test_a_search_that_finds_nothing_is_one_empty_page(api, hsds_directory):
    body = api(f"{API}/services", "/services", search="xylophonezzz")
    assert (body["total_items"], body["total_pages"], body["size"]) == (0, 0, 0)
    assert body["empty"] and body["first_page"] and body["last_page"]
    assert body["contents"] == []


def test_per_page_is_twenty_unless_asked(client, hsds_directory):
    body = client.get(f"{API}/services").json()
    assert body["size"] == 20
    assert body["total_items"] > 20


# --- Filters ----------------------------------------------------------------------------------


def test_search_folds_turkish_letters(client, hsds_directory):
    body = client.get(f"{API}/services", {"search": "saglik"}).json()
    assert service_ids(body) == {str(hsds_directory.clinic.translation_key)}
    body = client.get(f"{API}/services", {"search": "SAĞLIK"}).json()
    assert service_ids(body) == {str(hsds_directory.clinic.translation_key)}


def test_filters_combine_with_and(client, hsds_directory):
    world = hsds_directory
    unhcr = str(world.unhcr.translation_key)
    protection = str(world.protection.translation_key)
    by_agency = service_ids(
        client.get(f"{API}/services", {"organization_id": unhcr, "per_page": 100}).json()
    )
    by_term = service_ids(
        client.get(f"{API}/services", {"taxonomy_term_id": protection, "per_page": 100}).json()
    )
    both = service_ids(
        client.get(
            f"{API}/services",
            {"organization_id": unhcr, "taxonomy_term_id": protection, "per_page": 100},
        ).json()
    )
    assert both == by_agency & by_term
    assert str(world.shelter.translation_key) in by_term - both
    assert str(world.closed.translation_key) in by_agency - both


def test_taxonomy_filters_find_services_by_population_group_and_taxonomy(client, hsds_directory):
    women = population_term_id("women")
    body = client.get(f"{API}/services", {"taxonomy_term_id": women}).json()
    assert service_ids(body) == {str(hsds_directory.clinic.translation_key)}
    body = client.get(f"{API}/services", {"taxonomy_id": str(POPULATION_TAXONOMY_ID)}).json()
    assert service_ids(body) == {str(hsds_directory.clinic.translation_key)}
    body = client.get(f"{API}/services", {"taxonomy_id": str(SECTOR_TAXONOMY_ID)}).json()
    assert body["total_items"] == 24  # clinic, shelter, 22 registration desks


def test_taxonomy_terms_filter_by_taxonomy_parent_and_top(client, hsds_directory):
    world = hsds_directory
    below_health = client.get(
        f"{API}/taxonomy_terms", {"parent_id": str(world.health.translation_key)}
    ).json()
    assert [term["name"] for term in below_health["contents"]] == ["Primary health care"]
    top = client.get(
        f"{API}/taxonomy_terms", {"top_only": "true", "taxonomy_id": str(SECTOR_TAXONOMY_ID)}
    ).json()
    assert {term["name"] for term in top["contents"]} == {"Health", "Protection"}


def test_modified_after_gives_what_changed_since(client, hsds_directory):
    future = client.get(f"{API}/services", {"modified_after": "2999-01-01T00:00:00+03:00"}).json()
    assert future["total_items"] == 0
    everything = client.get(f"{API}/services").json()["total_items"]
    assert (
        client.get(f"{API}/services", {"modified_after": "1970-01-01"}).json()["total_items"]
        == everything
    )


def test_minimal_lists_every_service_in_one_page(api, hsds_directory):
    body = api(f"{API}/services", "/services", minimal="true")
    assert body["size"] == body["total_items"] == 25
    assert all(set(item) == {"id", "name", "status", "last_modified"} for item in body["contents"])


def test_ndjson_streams_every_service_one_a_line(client, hsds_schemas, hsds_directory):
    response = client.get(f"{API}/services", {"format": "ndjson", "full": "true"})
    assert response["Content-Type"].startswith("application/x-ndjson")
    lines = b"".join(response.streaming_content).decode().splitlines()
    items = [json.loads(line) for line in lines]
    assert len(items) == 25
    for item in items:
        hsds_schemas.check("/services/{id}", item)


def test_closed_service_is_inactive_and_one_ended_long_ago_has_left(client, hsds_directory):
    world = hsds_directory
    closed = client.get(f"{API}/services/{world.closed.translation_key}").json()
    assert closed["status"] == "inactive"
    response = client.get(f"{API}/services/{world.ended_long_ago.translation_key}")
    assert response.status_code == 404


# --- What the public never gets ---------------------------------------------------------------


def test_internal_service_answers_404_not_403(client, hsds_directory):
    response = client.get(f"{API}/services/{hsds_directory.internal.translation_key}")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/services?per_page=100&full=true",
        f"{API}/services?minimal=true",
        f"{API}/services?format=ndjson&full=true",
        f"{API}/services?search=resettlement",
        f"{API}/service_at_locations?per_page=100&full=true",
        f"{API}/service_at_locations?format=ndjson",
        f"{API}/organizations?full_service=true&per_page=100",
    ],
)
def test_nothing_internal_or_hidden_leaves(client, hsds_directory, url):
    response = client.get(url)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    for secret in secrets_of(hsds_directory):
        assert secret not in body


def test_unhcr_counts_no_internal_service(client, hsds_directory):
    world = hsds_directory
    body = client.get(
        f"{API}/organizations/{world.unhcr.translation_key}", {"full_service": "true"}
    ).json()
    names = {service["name"] for service in body["services"]}
    assert world.internal.title not in names
    assert len(names) == 23  # 22 desks and the closed one


def test_protection_sensitive_service_says_call_first_and_its_district(client, hsds_directory):
    body = client.get(f"{API}/services/{hsds_directory.shelter.translation_key}").json()
    location = body["service_at_locations"][0]["location"]
    assert set(location) == {"id", "location_type", "description"}
    assert location["description"] == "Call first: the address is given by phone."
    assert [area["name"] for area in body["service_areas"]] == ["Karabağlar, İzmir"]
    assert body["iswg_protection_sensitive"] is True


# --- Query counts -----------------------------------------------------------------------------


def query_count(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("operation", ["/services", "/service_at_locations"])
def test_query_count_does_not_grow_with_per_page_or_full(client, hsds_directory, operation):
    url = LISTS[operation]
    client.get(url)  # the vocabulary snapshot and the version are cached from here on
    small = query_count(client, url, per_page=2)
    assert query_count(client, url, per_page=100) == small
    assert query_count(client, url, per_page=100, full="true") <= small + 7


def test_query_count_of_organizations_does_not_grow_with_their_services(client, hsds_directory):
    url = LISTS["/organizations"]
    client.get(url, {"full_service": "true"})
    one = query_count(client, url, per_page=1, full_service="true")
    assert query_count(client, url, per_page=100, full_service="true") == one


def test_uuid_everywhere(client, hsds_directory):
    body = client.get(f"{API}/services/{hsds_directory.clinic.translation_key}").json()
    uuid.UUID(body["id"])
    assert datetime.datetime.fromisoformat(body["last_modified"])
