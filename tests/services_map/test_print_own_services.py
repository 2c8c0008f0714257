"""Print sheet tests that build every service they print, each for itself, in an empty
directory: a sheet's limit and query counts, and a whole province's sheet showing no address of a
protection-sensitive service. (test_print.py's desk in Buca, built once for its module, would be
on their sheets too.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import services_map as build
from tests.services_map.test_print import PRINT_URL, in_district, text_of

pytestmark = pytest.mark.django_db


def test_print_sheet_hides_a_protection_sensitive_address(client, asam):
    build.service(
        asam,
        "Women's safe space",
        is_protection_sensitive=True,
        place=("izmir", "Karabağlar"),
        coordinates=(38.3745, 27.1203),
    )
    # Listed by province only: its district would already say too much.
    by_district = client.get(PRINT_URL, in_district("Karabağlar"))
    assert "Women&#x27;s safe space" not in text_of(by_district)
    html = text_of(client.get(PRINT_URL, {"province": "izmir"}))
    assert "Women&#x27;s safe space" in html
    assert "Call first: the address is given by phone." in html
    assert "Atatürk Caddesi" not in html


def test_print_sheet_lists_at_most_its_limit_and_says_so(client, asam, monkeypatch):
    monkeypatch.setattr("services_map.public.print_sheet.MAX_SERVICES_PER_SHEET", 2)
    for name in ("Alpha desk", "Beta desk", "Gamma desk"):
        build.service(asam, name, place=("izmir", "Buca"))
    html = text_of(client.get(PRINT_URL, {"province": "izmir", "sort": "name"}))
    assert html.count('<figure class="print-entry__qr">') == 2
    assert "Alpha desk" in html
    assert "Beta desk" in html
    assert "Gamma desk" not in html
    assert "Only the first 2 services are listed." in html


def count_queries(client, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PRINT_URL, params).status_code == 200
    return len(queries)


def test_print_sheet_query_count_does_not_grow_with_the_number_of_services(client, asam):
    arabic = build.language("ar", "Arabic")
    for n in range(2):
        build.service(asam, f"Konak service {n}", place=("izmir", "Konak"), languages=[arabic])
    for n in range(8):
        build.service(
            asam,
            f"Buca service {n}",
            place=("izmir", "Buca"),
            languages=[arabic],
            schedules=build.weekdays(),
            phones=("0232 000 00 01", "0232 000 00 02"),
        )
    # Warm both searches, so cached facet counts weigh the same on each side.
    count_queries(client, in_district("Konak"))
    count_queries(client, in_district("Buca"))
    assert count_queries(client, in_district("Buca")) == count_queries(client, in_district("Konak"))


def test_two_language_sheet_query_count_does_not_grow_with_the_number_of_services(client, asam):
    from tests.factories.meetings import translate

    for district_name, count in (("Konak", 1), ("Buca", 6)):
        for n in range(count):
            service = build.service(
                asam,
                f"{district_name} service {n}",
                place=("izmir", district_name),
                schedules=build.weekdays(),
                phones=("0232 000 00 01", "0232 000 00 02"),
            )
            translate(service, "ar", title=f"خدمة {n}")
    build.service(asam, "Registration", place=("izmir", "Bornova"), serves_whole_province=True)
    build.service(asam, "Legal aid", place=("izmir", "Bayraklı"), serves_whole_province=True)
    konak = {**in_district("Konak"), "also": "ar"}
    buca = {**in_district("Buca"), "also": "ar"}
    count_queries(client, konak)
    count_queries(client, buca)
    assert count_queries(client, buca) == count_queries(client, konak)
