"""The demo directory in Arabic: the most used kinds of service, their agencies and the
categories are written in Arabic, and the seeder makes Arabic pages of exactly those services."""

import io

import pytest

from services_map.demo import seed_directory_page, seed_places
from services_map.demo_directory import (
    TEXT_FIELDS,
    load_demo_directory,
    seed_agencies_and_services,
)
from services_map.models import ServicePage

ARABIC_KINDS = {
    "migrant-health-centre",
    "legal-counselling",
    "turkish-course",
    "psychosocial-support",
    "registration",
    "child-protection",
    "community-centre",
    "job-placement",
    "hygiene-kits",
    "womens-safe-space",
}


def test_the_most_used_kinds_have_every_english_text_in_arabic():
    kinds = load_demo_directory()["kinds"]
    assert {slug for slug, kind in kinds.items() if "ar" in kind} == ARABIC_KINDS
    for slug in ARABIC_KINDS:
        english, arabic = kinds[slug]["en"], kinds[slug]["ar"]
        assert set(arabic) == set(english), slug
        assert "{place}" in arabic["title"], slug


def test_demo_text_fits_the_service_fields_in_every_language():
    for slug, kind in load_demo_directory()["kinds"].items():
        for code in ("en", "tr", "ar"):
            for name, text in kind.get(code, {}).items():
                if name in TEXT_FIELDS:
                    limit = ServicePage._meta.get_field(name).max_length
                    assert limit is None or len(text) <= limit, (slug, code, name)


def test_every_agency_running_an_arabic_service_is_written_in_arabic():
    data = load_demo_directory()
    running = {service["agency"] for service in data["services"] if service["kind"] in ARABIC_KINDS}
    for agency in data["agencies"]:
        if agency["slug"] in running:
            assert agency["title_ar"] and agency["ar"] and agency["complaints_ar"], agency["slug"]


def test_every_demo_category_has_an_arabic_name():
    assert all(category["name_ar"] for category in load_demo_directory()["categories"])


# A migrant health centre and a legal counselling office written in Arabic, and a service of
# a kind that is not.
SAMPLE = ["migrant-health-centre-basmane", "legal-counselling-buca", "refugee-support-desk-buca"]


@pytest.fixture
def seeded(home_page):
    """The directory with the sample services, seeded as seed_demo seeds them."""
    seed_places(io.StringIO())
    directory = seed_directory_page(io.StringIO())
    seed_agencies_and_services(directory, io.StringIO(), only=SAMPLE)
    return directory


def arabic_page(slug):
    return ServicePage.objects.get(slug=slug, locale__language_code="ar")


def test_arabic_directory_lists_the_arabic_titles(client, seeded):
    response = client.get("/ar/services/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "مركز صحة المهاجرين – بصمانة" in content
    assert "استشارات قانونية – بوجا" in content


def test_service_without_arabic_text_is_listed_in_arabic_in_its_original_language(client, seeded):
    content = client.get("/ar/services/").content.decode()
    assert "Refugee Support Desk – Buca" in content
    assert not ServicePage.objects.filter(
        slug="refugee-support-desk-buca", locale__language_code="ar"
    ).exists()


def test_arabic_service_page_shows_the_arabic_summary_and_complaints_channel(client, seeded):
    content = client.get(arabic_page("migrant-health-centre-basmane").url).content.decode()
    assert "طبيب الأسرة واللقاحات ومتابعة الحمل" in content
    assert "مركز صحة المهاجرين في بصمانة (Basmane Göçmen Sağlığı Merkezi)" in content
    assert "خط التواصل الصحي SABİM على الرقم 184." in content


def test_arabic_service_page_keeps_phone_numbers_and_street_address(client, seeded):
    content = client.get(arabic_page("migrant-health-centre-basmane").url).content.decode()
    assert "+90 232 441 18 20" in content
    assert "Gazi Bulvarı No: 118, Basmane" in content


def test_arabic_services_sit_below_arabic_agencies_in_arabic_categories(seeded):
    service = arabic_page("legal-counselling-buca")
    agency = service.get_parent().specific
    assert agency.locale.language_code == "ar"
    assert agency.title == "جمعية التضامن مع طالبي اللجوء والمهاجرين"
    assert [category.name for category in service.categories.all()] == ["الاستشارات القانونية"]


def test_seeding_twice_makes_no_second_arabic_page(seeded):
    arabic = ServicePage.objects.filter(locale__language_code="ar")
    assert arabic.count() == 2
    seed_agencies_and_services(seeded, io.StringIO(), only=SAMPLE)
    assert arabic.count() == 2
