"""The demo directory in other languages: every category is named in every language of the
portal, and the most used kinds of service, their agencies and places are written in Arabic and
Persian; the seeder makes Arabic and Persian pages of exactly those services."""

import html
import io
import re

import pytest

from services_map.demo.directory import (
    TEXT_FIELDS,
    TRANSLATIONS,
    load_demo_directory,
    seed_agencies_and_services,
    seed_directory,
)
from services_map.models import ServicePage

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

TRANSLATED_KINDS = {
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

# Languages the ten kinds, their agencies and places are written in.
PAGE_LANGUAGES = ["ar", "fa"]


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_the_most_used_kinds_have_every_english_text_translated(code):
    kinds = load_demo_directory()["kinds"]
    assert {slug for slug, kind in kinds.items() if code in kind} == TRANSLATED_KINDS
    for slug in TRANSLATED_KINDS:
        english, translated = kinds[slug]["en"], kinds[slug][code]
        assert set(translated) == set(english), slug
        assert "{place}" in translated["title"], slug


def test_demo_text_fits_the_service_fields_in_every_language():
    for slug, kind in load_demo_directory()["kinds"].items():
        for code in ("en", *TRANSLATIONS):
            for name, text in kind.get(code, {}).items():
                if name in TEXT_FIELDS:
                    limit = ServicePage._meta.get_field(name).max_length
                    assert limit is None or len(text) <= limit, (slug, code, name)


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_every_agency_running_a_translated_service_is_written_in_that_language(code):
    data = load_demo_directory()
    running = {
        service["agency"] for service in data["services"] if service["kind"] in TRANSLATED_KINDS
    }
    for agency in data["agencies"]:
        if agency["slug"] in running:
            assert agency[f"title_{code}"], agency["slug"]
            assert agency[code] and agency[f"complaints_{code}"], agency["slug"]


def test_persian_names_the_same_places_and_location_text_as_arabic():
    def translated(entry, code):
        return {name.removesuffix(f"_{code}") for name in entry if name.endswith(f"_{code}")}

    for service in load_demo_directory()["services"]:
        assert translated(service, "fa") == translated(service, "ar"), service["slug"]
        where = service["location"]
        assert translated(where, "fa") == translated(where, "ar"), service["slug"]


@pytest.mark.parametrize("code", ["tr", "ar", "fa", "ps", "kmr"])
def test_every_demo_category_is_named_in_every_language_of_the_portal(code):
    categories = load_demo_directory()["categories"]
    assert len(categories) == 26
    assert all(category.get(f"name_{code}") for category in categories)


# A migrant health centre and a legal counselling office written in Arabic and Persian, and a
# service of a kind that is not.
SAMPLE = ["migrant-health-centre-basmane", "legal-counselling-buca", "refugee-support-desk-buca"]

# What the sample shows in each language.
EXPECTED = {
    "ar": {
        "titles": ["مركز صحة المهاجرين – بصمانة", "استشارات قانونية – بوجا"],
        "summary": "طبيب الأسرة واللقاحات ومتابعة الحمل",
        "location": "مركز صحة المهاجرين في بصمانة (Basmane Göçmen Sağlığı Merkezi)",
        "complaints": "خط التواصل الصحي SABİM على الرقم 184.",
        "agency": "جمعية التضامن مع طالبي اللجوء والمهاجرين",
        "legal_category": "الاستشارات القانونية",
    },
    "fa": {
        "titles": ["مرکز بهداشت مهاجران – بسمانه", "مشاوره حقوقی – بوجا"],
        "summary": "پزشک خانواده، واکسیناسیون، مراقبت دوران بارداری",
        "location": "مرکز بهداشت مهاجران بسمانه (Basmane Göçmen Sağlığı Merkezi)",
        "complaints": "خط ارتباطی بهداشت SABİM به شماره 184.",
        "agency": "انجمن همبستگی با پناهجویان و مهاجران",
        "legal_category": "مشاوره حقوقی",
    },
}


@pytest.fixture(scope="module")
def seeded(module_data):
    """The directory with the sample services, seeded as seed_demo seeds them, once for this
    module's tests."""
    return seed_directory(io.StringIO(), only=SAMPLE)


def translated_page(slug, code):
    return ServicePage.objects.get(slug=slug, locale__language_code=code)


def category_facet_labels(content):
    """The options of the directory's type-of-service filter, as the visitor reads them."""
    labels = re.findall(
        r'<input type="checkbox" name="category"[^>]*>\s*(.*?)\s*<span class="facet__count">',
        content,
    )
    return {html.unescape(label) for label in labels}


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_translated_directory_lists_the_translated_titles(client, seeded, code):
    response = client.get(f"/{code}/services/")
    assert response.status_code == 200
    content = response.content.decode()
    for title in EXPECTED[code]["titles"]:
        assert title in content


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_service_without_translated_text_is_listed_in_its_original_language(client, seeded, code):
    content = client.get(f"/{code}/services/").content.decode()
    assert "Refugee Support Desk – Buca" in content
    assert not ServicePage.objects.filter(
        slug="refugee-support-desk-buca", locale__language_code=code
    ).exists()


@pytest.mark.parametrize("code", ["ar", "fa", "ps", "kmr"])
def test_directory_filters_name_the_categories_in_the_visitors_language(client, seeded, code):
    names = {
        category["slug"]: category[f"name_{code}"]
        for category in load_demo_directory()["categories"]
    }
    labels = category_facet_labels(client.get(f"/{code}/services/").content.decode())
    # The untranslated service's categories too are named in the visitor's language.
    assert {
        names["legal-counselling"],
        names["primary-health-care"],
        names["case-management"],
    } <= labels
    assert "Legal counselling" not in labels
    assert "Case management and referral" not in labels


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_translated_service_page_shows_the_translated_summary_and_complaints_channel(
    client, seeded, code
):
    page = translated_page("migrant-health-centre-basmane", code)
    content = client.get(page.url).content.decode()
    for text in ("summary", "location", "complaints"):
        assert EXPECTED[code][text] in content, text


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_translated_service_page_keeps_phone_numbers_and_street_address(client, seeded, code):
    page = translated_page("migrant-health-centre-basmane", code)
    content = client.get(page.url).content.decode()
    assert "+90 232 441 18 20" in content
    assert "Gazi Bulvarı No: 118, Basmane" in content


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_translated_services_sit_below_translated_agencies(seeded, code):
    agency = translated_page("legal-counselling-buca", code).get_parent().specific
    assert agency.locale.language_code == code
    assert agency.title == EXPECTED[code]["agency"]


@pytest.mark.parametrize("code", PAGE_LANGUAGES)
def test_translated_service_page_names_its_categories_in_that_language(client, seeded, code):
    content = client.get(translated_page("legal-counselling-buca", code).url).content.decode()
    assert f'<span class="tag">{EXPECTED[code]["legal_category"]}</span>' in content
    assert "Legal counselling</span>" not in content


@pytest.mark.parametrize("code", ["tr", *PAGE_LANGUAGES])
def test_category_filter_finds_the_translated_services(client, seeded, code):
    title = translated_page("legal-counselling-buca", code).title
    content = client.get(f"/{code}/services/?category=legal-counselling").content.decode()
    assert title in content
    assert translated_page("migrant-health-centre-basmane", code).title not in content


def test_seeding_twice_makes_no_second_translated_page(seeded):
    def translated_pages():
        return {
            code: ServicePage.objects.filter(locale__language_code=code).count()
            for code in TRANSLATIONS
        }

    assert translated_pages() == {"tr": 3, "ar": 2, "fa": 2, "ps": 0, "kmr": 0}
    seed_agencies_and_services(seeded, io.StringIO(), only=SAMPLE)
    assert translated_pages() == {"tr": 3, "ar": 2, "fa": 2, "ps": 0, "kmr": 0}
