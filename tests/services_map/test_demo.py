"""The demo directory: about seventy realistic services across the ten provinces, in English
and Turkish, seeded idempotently and sharing agency pages with the rest of the demo."""

import io

import pytest
from wagtail.models import Locale

from services_map.demo.directory import load_demo_directory, parse_hours, seed_directory
from services_map.models import AgencyPage, District, Province, ServiceLocation, ServicePage
from services_map.reference_data import seed_directory_page

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

SHARED_AGENCY_SLUGS = {
    "unhcr",
    "iom",
    "asam",
    "buca-municipality",
    "izmir-migration-directorate",
    "turkish-red-crescent",
    "karabaglar-municipality",
    "konak-municipality",
}


def test_demo_data_file_names_only_known_districts_and_agencies():
    data = load_demo_directory()
    agencies = {agency["slug"] for agency in data["agencies"]}
    assert agencies >= SHARED_AGENCY_SLUGS
    assert all(service["agency"] in agencies for service in data["services"])
    assert all(service["kind"] in data["kinds"] for service in data["services"])


def test_hours_notation_reads_ranges_and_lists():
    periods = parse_hours("1-2 09:00-12:30; 4,6 10:00-14:00")
    assert [(day, f"{opens:%H:%M}", f"{closes:%H:%M}") for day, opens, closes in periods] == [
        (1, "09:00", "12:30"),
        (2, "09:00", "12:30"),
        (4, "10:00", "14:00"),
        (6, "10:00", "14:00"),
    ]


def test_unreadable_hours_notation_is_refused():
    with pytest.raises(ValueError, match="Unreadable opening hours"):
        parse_hours("weekdays 9 to 5")


# Three services and one of a kind named "gömlek" in Turkish; a shelter and an internal
# service among them. UNHCR, running one of them, is among the agencies another part of the
# demo makes first.
SAMPLE = [
    "refugee-support-desk-buca",
    "womens-safe-space-karabaglar",
    "resettlement-referrals",
    "shirt-sewing-training-karabaglar",
]


@pytest.fixture(scope="module")
def seeded(module_data):
    """The sample seeded once for this module's tests as seed_demo seeds the directory, after
    another part of the demo made the UNHCR page with its name only; what the seeder printed.
    A test that seeds again sees this as the first seeding; its own changes roll back."""
    directory = seed_directory_page(io.StringIO())
    directory.add_child(
        instance=AgencyPage(title="UNHCR", slug="unhcr", agency_type="un")
    ).save_revision().publish()
    out = io.StringIO()
    seed_directory(out, only=SAMPLE)
    return out.getvalue()


def test_demo_data_has_about_sixty_services_in_all_ten_provinces(seeded):
    services = load_demo_directory()["services"]
    assert 60 <= len(services) <= 80
    provinces = {service["location"]["province"] for service in services}
    assert provinces == set(Province.objects.values_list("slug", flat=True))


def test_every_demo_location_passes_the_editors_checks(seeded):
    districts = {
        (district.province.slug, district.name): district
        for district in District.objects.select_related("province")
    }
    for service in load_demo_directory()["services"]:
        where = service["location"]
        district = districts[(where["province"], where["district"])]
        location = ServiceLocation(
            name=where["name"],
            address_1=where["address_1"],
            province=district.province,
            district=district,
            latitude=where["latitude"],
            longitude=where["longitude"],
        )
        location.clean()


def test_seeded_services_are_published_with_turkish_text(seeded):
    turkish = Locale.objects.get(language_code="tr")
    desk = ServicePage.objects.get(slug="refugee-support-desk-buca", locale=turkish)
    assert desk.live
    assert desk.title == "Mülteci Destek Masası – Buca"
    assert desk.locations.get().name == "Buca Belediyesi hizmet binası"
    english = ServicePage.objects.get(slug="refugee-support-desk-buca", locale__language_code="en")
    # Filed under the English page's categories, as every translation is, so filters find it.
    assert set(desk.categories.all()) == set(english.categories.all())


def test_seeded_services_keep_their_visibility_rules(seeded):
    english = ServicePage.objects.filter(locale__language_code="en")
    shelter = english.get(slug="womens-safe-space-karabaglar")
    referrals = english.get(slug="resettlement-referrals")
    assert shelter.is_protection_sensitive
    assert referrals.is_internal


def test_seeding_twice_creates_nothing_and_reuses_agencies_made_elsewhere(seeded):
    counts = (AgencyPage.objects.count(), ServicePage.objects.count())
    seed_directory(io.StringIO(), only=SAMPLE)
    assert (AgencyPage.objects.count(), ServicePage.objects.count()) == counts
    unhcr = AgencyPage.objects.get(slug="unhcr", locale__language_code="en")
    assert unhcr.email == "izmir-fieldoffice@unhcr.example"
    assert ServicePage.objects.child_of(unhcr).exists()


def test_seeding_again_translates_services_made_before_their_language_was(seeded):
    turkish = ServicePage.objects.filter(locale__language_code="tr")
    turkish.get(slug="refugee-support-desk-buca").delete()
    english_count = ServicePage.objects.filter(locale__language_code="en").count()
    seed_directory(io.StringIO(), only=SAMPLE)
    assert turkish.get(slug="refugee-support-desk-buca").title == "Mülteci Destek Masası – Buca"
    assert ServicePage.objects.filter(locale__language_code="en").count() == english_count


def test_seed_directory_reports_what_it_did(seeded):
    assert "4 services (4 new)" in seeded


def test_seeded_services_are_indexed_for_search_once_seeding_ends(seeded):
    from django.contrib.auth.models import AnonymousUser

    from services_map.search import SearchParams, search_services

    turkish = Locale.objects.get(language_code="tr")
    results = search_services(SearchParams(q="gomlek"), AnonymousUser(), turkish)
    assert [service.slug for service in results.services] == ["shirt-sewing-training-karabaglar"]
