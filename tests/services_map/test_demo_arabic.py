"""The demo directory in Arabic: the most used kinds of service, their agencies and the
categories are written in Arabic, and the seeder makes Arabic pages of exactly those services."""

from services_map.demo_directory import TEXT_FIELDS, load_demo_directory
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
