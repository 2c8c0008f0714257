"""The demo directory through the HSDS API: it holds an internal and a protection-sensitive
service with real places, and neither leaks; a Turkish health service is found as `saglik`."""

import csv
import io

import pytest
from openpyxl import load_workbook

from services_map.demo.directory import load_demo_directory, seed_directory
from services_map.models import ServicePage

from .conftest import hxl_rows, schema_issues

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

SAMPLE = [
    "womens-safe-space-karabaglar",
    "resettlement-referrals",
    "migrant-health-centre-mentese",
    "refugee-support-desk-buca",
]


def test_demo_data_holds_internal_and_protection_sensitive_services_with_real_places():
    services = load_demo_directory()["services"]
    for flag in ("internal", "protection_sensitive"):
        flagged = [service for service in services if service.get(flag)]
        assert flagged, flag
        for service in flagged:
            where = service["location"]
            assert where["address_1"] and where["latitude"] and where["longitude"]


@pytest.fixture(scope="module")
def demo(module_data):
    """The sample seeded as seed_demo seeds the directory, once for this module's tests, which
    only read it."""
    seed_directory(io.StringIO(), only=SAMPLE)


def test_no_internal_service_and_no_hidden_place_leaves_the_demo(client, demo):
    internal = ServicePage.objects.filter(is_internal=True)
    sensitive = ServicePage.objects.filter(is_protection_sensitive=True)
    assert internal.exists() and sensitive.exists()
    secrets = {page.title for page in internal} | {str(p.translation_key) for p in internal}
    for page in sensitive:
        for location in page.locations.all():
            secrets |= {location.address_1, f"{location.latitude}", f"{location.longitude}"}
    for url in (
        "/api/hsds/services?full=true&per_page=100",
        "/api/hsds/services?full=true&per_page=100&locale=tr",
        "/api/hsds/services?format=ndjson&full=true",
        "/api/hsds/service_at_locations?full=true&per_page=100",
        "/api/hsds/organizations?full_service=true&per_page=100",
    ):
        response = client.get(url)
        assert response.status_code == 200
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        leaked = [secret for secret in secrets if secret in body]
        assert not leaked, (url, leaked)


def test_saglik_finds_the_health_centre_named_sagligi_in_turkish(client, demo):
    body = client.get("/api/hsds/services", {"search": "saglik", "locale": "tr"}).json()
    names = [service["name"] for service in body["contents"]]
    # Full-text search: the support desk's text speaks of health too.
    assert "Göçmen Sağlığı Merkezi – Muğla (Menteşe)" in names


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_demo_3w_table_is_valid_hxl_as_csv_and_as_a_workbook(client, demo, language):
    text = client.get(f"/api/hsds/3w.csv?locale={language}").getvalue().decode()
    lines = list(csv.reader(io.StringIO(text)))
    content = client.get(f"/api/hsds/3w.xlsx?locale={language}").getvalue()
    assert schema_issues(lines) == []
    assert schema_issues(io.BufferedReader(io.BytesIO(content))) == []
    assert hxl_rows(content) == hxl_rows(lines)
    assert len(lines) >= 2 + 3
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    cells = "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    for page in ServicePage.objects.filter(is_internal=True):
        assert page.title not in text and page.title not in cells
    for page in ServicePage.objects.filter(is_protection_sensitive=True):
        for location in page.locations.all():
            assert location.address_1 not in text and location.address_1 not in cells
