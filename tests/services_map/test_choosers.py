"""Categories, provinces and districts in the admin's forms and filters: each category once in
the editor's language, places in the editor's alphabet, districts grouped by province."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from services_map.models import ServiceCategory, ServicePage
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

# (English, Turkish) names; a sector's types follow it.
SECTORS = {
    ("Health", "Sağlık"): [("Psychosocial support", "Psikososyal destek")],
    ("Child protection", "Çocuk koruma"): [("Case management", "Vaka yönetimi")],
    ("Protection", "Koruma"): [("Legal aid", "Hukuki yardım")],
}
TURKISH_CATEGORY_ORDER = [
    "Çocuk koruma",
    "Çocuk koruma › Vaka yönetimi",
    "Koruma",
    "Koruma › Hukuki yardım",
    "Sağlık",
    "Sağlık › Psikososyal destek",
]
# Districts of several provinces, created in an order that is not the alphabetical one.
DISTRICTS = [
    ("usak", "Banaz"),
    ("izmir", "Çiğli"),
    ("izmir", "Buca"),
    ("burdur", "Bucak"),
    ("izmir", "Bornova"),
    ("isparta", "Eğirdir"),
    ("mugla", "Bodrum"),
]


def soup(response):
    assert response.status_code == 200, response.content.decode()[-2000:]
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture(scope="module")
def choices(module_data):
    """The directory with an agency, the sectors and types in English and Turkish (see
    build_categories) and the agency's service in Buca among districts of several provinces
    (see build_located_service); built once for the module."""
    asam = build.agency(build.directory_page())
    return {
        "asam": asam,
        "categories": build_categories(),
        "located_service": build_located_service(asam),
    }


@pytest.fixture
def asam(choices, db):
    """The module's agency (in place of tests/services_map/conftest.py's), read anew."""
    return read_again(choices["asam"])


@pytest.fixture
def categories(choices, db):
    """The sectors and types in English, each translated into Turkish, read anew."""
    return read_again(choices["categories"])


@pytest.fixture
def located_service(choices, db):
    """The service in Buca, read anew."""
    return read_again(choices["located_service"])


def build_categories():
    """The sectors and types in English, each translated into Turkish, by English name: the
    English category and its Turkish translation."""
    turkish = Locale.objects.get(language_code="tr")
    made = {}
    for (sector_en, sector_tr), types in SECTORS.items():
        sector = build.category(sector_en)
        sector_translation = sector.copy_for_translation(turkish)
        sector_translation.name = sector_tr
        sector_translation.save()
        made[sector_en] = (sector, sector_translation)
        for type_en, type_tr in types:
            kind = build.category(type_en, parent=sector)
            translation = kind.copy_for_translation(turkish)
            translation.name, translation.parent = type_tr, sector_translation
            translation.save()
            made[type_en] = (kind, translation)
    return made


def editor(language):
    return UserFactory(is_superuser=True, is_staff=True, preferred_language=language)


def category_boxes(page):
    return page.select('input[type="checkbox"][name="categories"]')


def box_label(box):
    return box.find_parent("label").get_text(strip=True)


def add_url(agency):
    return f"/admin/pages/add/services_map/servicepage/{agency.pk}/"


def test_category_chooser_lists_each_category_once_in_the_editors_language(
    client, asam, categories
):
    client.force_login(editor("tr"))
    page = soup(client.get(add_url(asam)))
    assert [box_label(box) for box in category_boxes(page)] == TURKISH_CATEGORY_ORDER
    assert ServiceCategory.objects.count() == 2 * len(TURKISH_CATEGORY_ORDER)


def test_an_english_editor_reads_the_categories_in_english(client, asam, categories):
    client.force_login(editor("en"))
    page = soup(client.get(add_url(asam)))
    assert [box_label(box) for box in category_boxes(page)][:2] == [
        "Child protection",
        "Child protection › Case management",
    ]


def test_categories_chosen_in_turkish_are_stored_as_the_default_languages(client, asam, categories):
    client.force_login(editor("tr"))
    english, turkish = categories["Legal aid"]
    data = build.service_admin_form()
    # The Turkish row's id, as a form drawn before or a crafted one would send it.
    data["categories"] = [str(turkish.pk)]
    response = client.post(add_url(asam), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    page = ServicePage.objects.get(title="Legal aid desk")
    assert set(page.categories.all()) == {english, categories["Protection"][0]}


def test_categories_stored_as_another_language_show_as_chosen(client, asam, categories):
    service = build.service(asam, "Case desk", categories=[categories["Case management"][1]])
    client.force_login(editor("tr"))
    page = soup(client.get(f"/admin/pages/{service.pk}/edit/"))
    ticked = [box_label(box) for box in category_boxes(page) if box.has_attr("checked")]
    assert ticked == ["Çocuk koruma › Vaka yönetimi"]


def build_located_service(asam):
    """The districts of DISTRICTS, in that order, and the agency's service in Buca."""
    for province, name in DISTRICTS:
        build.district(province, name)
    return build.service(asam, "Buca desk", place=("izmir", "Buca"))


def test_district_options_are_grouped_by_province_in_the_turkish_alphabet(client, located_service):
    client.force_login(editor("tr"))
    page = soup(client.get(f"/admin/pages/{located_service.pk}/edit/"))
    select = page.select_one('select[name="locations-0-district"]')
    groups = [
        (group["label"], [option.get_text(strip=True) for option in group.select("option")])
        for group in select.select("optgroup")
    ]
    assert groups == [
        ("Burdur", ["Bucak"]),
        ("Isparta", ["Eğirdir"]),
        ("İzmir", ["Bornova", "Buca", "Çiğli"]),
        ("Muğla", ["Bodrum"]),
        ("Uşak", ["Banaz"]),
    ]
    assert select.select_one("option[selected]").get_text(strip=True) == "Buca"
    # Each district says its province, for the script that narrows the list.
    izmir = page.select_one('select[name="locations-0-province"] option[selected]')
    assert izmir.get_text(strip=True) == "İzmir"
    assert {
        option["data-province"] for option in select.select('optgroup[label="İzmir"] option')
    } == {izmir["value"]}


def test_province_options_follow_the_turkish_alphabet(client, located_service):
    client.force_login(editor("tr"))
    page = soup(client.get(f"/admin/pages/{located_service.pk}/edit/"))
    select = page.select_one('select[name="locations-0-province"]')
    labels = [option.get_text(strip=True) for option in select.select("option") if option["value"]]
    assert labels == ["Burdur", "Isparta", "İzmir", "Muğla", "Uşak"]


def test_an_arabic_editor_reads_places_in_arabic_with_the_turkish_name(client, located_service):
    client.force_login(editor("ar"))
    page = soup(client.get(f"/admin/pages/{located_service.pk}/edit/"))
    chosen = page.select_one('select[name="locations-0-district"] option[selected]')
    assert chosen.get_text(strip=True) == "بوجا (Buca)"


def test_the_district_script_is_loaded_deferred(client, located_service):
    client.force_login(editor("tr"))
    html = client.get(f"/admin/pages/{located_service.pk}/edit/").content.decode()
    assert 'js/district-follows-province.js" defer' in html


def test_a_district_of_another_province_is_still_refused(client, asam, located_service):
    client.force_login(editor("tr"))
    bucak = build.district("burdur", "Bucak")
    response = client.post(add_url(asam), build.service_admin_form(district=bucak.pk))
    assert response.status_code == 200
    assert not ServicePage.objects.filter(title="Legal aid desk").exists()


CATEGORIES_URL = "/admin/snippets/services_map/servicecategory/"


def test_the_sector_filter_lists_each_sector_once_in_the_editors_language(client, categories):
    client.force_login(editor("tr"))
    page = soup(client.get(CATEGORIES_URL))
    select = page.select_one('select[name="parent"]')
    labels = [option.get_text(strip=True) for option in select.select("option") if option["value"]]
    assert labels == ["Çocuk koruma", "Koruma", "Sağlık"]


def test_filtering_by_a_sector_finds_its_types_in_every_language(client, categories):
    client.force_login(editor("tr"))
    health = categories["Health"][1]
    page = soup(client.get(CATEGORIES_URL, {"parent": health.pk}))
    names = {link.get_text(strip=True) for link in page.select("table tbody td a")}
    assert {"Psychosocial support", "Psikososyal destek"} <= names
    assert not names & {"Legal aid", "Hukuki yardım"}


def test_a_turkish_type_is_filed_under_the_turkish_translation_of_its_sector(client, categories):
    client.force_login(editor("tr"))
    page = soup(client.get(f"{CATEGORIES_URL}add/?locale=tr"))
    labels = {
        option.get_text(strip=True): option["value"]
        for option in page.select('select[name="parent"] option')
    }
    response = client.post(
        f"{CATEGORIES_URL}add/?locale=tr",
        {
            "name": "Ruh sağlığı",
            "slug": "mental-health",
            "parent": labels["Sağlık"],
            "search_terms": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    made = ServiceCategory.objects.get(slug="mental-health")
    assert made.parent == categories["Health"][1]


def test_a_sector_without_a_translation_is_refused_with_a_reason(client, categories):
    english_only = build.category("Education")
    client.force_login(editor("en"))
    response = client.post(
        f"{CATEGORIES_URL}add/?locale=tr",
        {
            "name": "Türkçe kursu",
            "slug": "turkish-course",
            "parent": english_only.pk,
            "search_terms": "",
        },
    )
    assert response.status_code == 200
    assert "has no Turkish translation yet" in response.content.decode()
    assert not ServiceCategory.objects.filter(slug="turkish-course").exists()
