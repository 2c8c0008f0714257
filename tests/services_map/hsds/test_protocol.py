"""How the HSDS API answers over HTTP, whatever it is asked: caching and sync headers, 304s,
CORS, methods, the rate limit, and hostile parameters that get a JSON 4xx, never a 5xx."""

import pytest
from django.utils.http import http_date

from tests.conftest import read_again
from tests.factories import services_map as build
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/hsds"


@pytest.fixture(scope="module")
def one_service(module_data):
    """The directory and one published service, built once for this module's tests (each rolls
    back what it changes): every test sees the service, those that ask for the directory
    alone too."""
    directory = build.directory_page()
    return {
        "directory": directory,
        "clinic": build.service(build.agency(directory), "Sağlık danışma merkezi"),
    }


@pytest.fixture
def directory(one_service):
    """The module's directory (in place of tests/services_map/conftest.py's)."""
    return read_again(one_service["directory"])


@pytest.fixture
def clinic(one_service):
    """One published service."""
    return read_again(one_service["clinic"])


def test_answers_carry_etag_last_modified_and_public_caching(client, clinic):
    response = client.get(f"{API}/services")
    assert response.status_code == 200
    assert response["ETag"]
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies


def test_a_repeat_with_the_etag_gets_304(client, clinic):
    first = client.get(f"{API}/services")
    again = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_repeat_with_if_modified_since_gets_304(client, clinic):
    first = client.get(f"{API}/services/{clinic.translation_key}")
    again = client.get(
        f"{API}/services/{clinic.translation_key}", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert again.status_code == 304


def test_a_publication_changes_the_etag(client, clinic):
    first = client.get(f"{API}/services")
    clinic.title = "Sağlık merkezi"
    clinic.save_revision().publish()
    again = client.get(f"{API}/services", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["contents"][0]["name"] == "Sağlık merkezi"


def test_the_etag_differs_by_language_and_parameters(client, clinic):
    english = client.get(f"{API}/services", {"locale": "en"})["ETag"]
    assert client.get(f"{API}/services", {"locale": "tr"})["ETag"] != english
    assert client.get(f"{API}/services", {"locale": "en", "per_page": 5})["ETag"] != english


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_get_405_with_the_allowed_ones(client, directory, method):
    response = getattr(client, method)(f"{API}/services")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response.json()["error"]["status"] == 405


def test_options_answers_a_cors_preflight(client, directory):
    response = client.options(f"{API}/services", HTTP_ORIGIN="https://partner.example")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_head_answers_like_get(client, clinic):
    response = client.head(f"{API}/services")
    assert response.status_code == 200
    assert response["ETag"] == client.get(f"{API}/services")["ETag"]


HOSTILE = [
    ("page=-1", 400, "page"),
    ("page=0", 400, "page"),
    ("page=99999", 404, "page"),
    ("page=abc", 400, "page"),
    ("page=1e3", 400, "page"),
    ("per_page=100000", 400, "per_page"),
    ("per_page=0", 400, "per_page"),
    ("per_page=%EF%BC%95", 400, "per_page"),  # a full-width digit five
    ("modified_after=garbage", 400, "modified_after"),
    ("modified_after=2024-13-45", 400, "modified_after"),
    ("modified_after=2024-01-01T10:00:00", 400, "modified_after"),
    ("locale=xx", 400, "locale"),
    ("taxonomy_term_id=not-a-uuid", 400, "taxonomy_term_id"),
    ("organization_id=%00", 400, None),
    ("search=sa%00glik", 400, None),
    ("se%00arch=x", 400, None),
    ("format=xml", 400, "format"),
    ("full=maybe", 400, "full"),
    ("minimal=2", 400, "minimal"),
    ("postcode=35000", 400, "postcode"),
    ("proximity=500", 400, "proximity"),
]


@pytest.mark.parametrize(("query", "status", "parameter"), HOSTILE)
def test_hostile_parameters_get_a_json_error_naming_them(client, clinic, query, status, parameter):
    response = client.get(f"{API}/services?{query}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response["Access-Control-Allow-Origin"] == "*"
    error = response.json()["error"]
    assert error.get("parameter") == parameter
    assert error["message"]


@pytest.mark.parametrize(
    "url",
    [
        f"{API}/services/not-a-uuid",
        f"{API}/services/00000000-0000-0000-0000-000000000000",
        f"{API}/organizations/nope",
        f"{API}/taxonomies/nope",
        f"{API}/taxonomy_terms/00000000-0000-0000-0000-000000000000",
        f"{API}/service_at_locations/nope",
        f"{API}/schema/../settings.py",
        f"{API}/profile/nope.json",
        f"{API}/services/",
        f"{API}/nothing-here",
    ],
)
def test_unknown_ids_get_a_json_404(client, directory, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_nul_byte_in_the_path_gets_a_json_400(client, directory):
    response = client.get(f"{API}/services/%00")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")


def test_a_long_search_and_odd_scripts_still_answer(client, clinic):
    for words in ["ا" * 5000, "'; DROP TABLE x; --", "🙂" * 50, "%", "_"]:
        assert client.get(f"{API}/services", {"search": words}).status_code == 200


def test_page_past_the_last_names_the_page(client, clinic):
    error = client.get(f"{API}/services", {"page": 2}).json()["error"]
    assert error["parameter"] == "page"


# --- Rate limit -------------------------------------------------------------------------------


@pytest.fixture
def three_a_minute(settings):
    settings.HSDS_API_RATE = "3/m"


def test_anonymous_clients_are_limited_per_address(client, directory, three_a_minute):
    for _ in range(3):
        assert client.get(f"{API}/taxonomies").status_code == 200
    refused = client.get(f"{API}/taxonomies")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused["Access-Control-Allow-Origin"] == "*"
    elsewhere = client.get(f"{API}/taxonomies", REMOTE_ADDR="203.0.113.9")
    assert elsewhere.status_code == 200


def test_signed_in_members_are_not_limited(client, directory, three_a_minute):
    client.force_login(UserFactory(role="Members"))
    for _ in range(5):
        assert client.get(f"{API}/taxonomies").status_code == 200


def test_no_limit_without_a_rate(client, directory):
    for _ in range(5):
        assert client.get(f"{API}/taxonomies").status_code == 200


def test_last_modified_is_a_valid_http_date(client, clinic):
    response = client.get(f"{API}/")
    assert response["Last-Modified"].endswith("GMT")
    assert http_date(0).endswith("GMT")
