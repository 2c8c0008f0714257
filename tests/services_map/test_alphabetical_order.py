"""Lists of the directory in the alphabetical order of the visitor's language, as a Turkish,
Persian or English reader expects it, not in the order of the characters' code points."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

# Turkish titles whose first letters (Ç, İ, Ş, Ü) come after "Z" by code point.
TURKISH_TITLES = [
    "Aile danışmanlığı",
    "Cinsel sağlık danışmanlığı",
    "Çocuk koruma",
    "Dil kursu",
    "Isınma yardımı",
    "İş bulma desteği",
    "Sağlık taraması",
    "Şiddete karşı destek",
    "Türkçe kursu",
    "Uzman psikolojik destek",
    "Üniversite danışmanlığı",
]


def soup(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def checkbox_values(page, name):
    return [box["value"] for box in page.select(f'input[type="checkbox"][name="{name}"]')]


def result_titles(page):
    return [link.get_text(strip=True) for link in page.select(".directory-result__title a")]


def directory_in(directory, language_code):
    return directory.get_translation(Locale.objects.get(language_code=language_code))


@pytest.fixture
def turkish_agency(directory):
    """An agency written in Turkish, below the Turkish directory."""
    return build.agency(directory_in(directory, "tr"), "Sığınmacılar Derneği", "SGDD")


@pytest.fixture
def turkish_services(turkish_agency):
    """The Turkish titles, created in an order that is not the alphabetical one."""
    for title in reversed(TURKISH_TITLES):
        build.service(turkish_agency, title, place=("izmir", "Konak"))


def test_turkish_province_facet_lists_izmir_between_isparta_and_kutahya(client, directory, asam):
    for slug in ("kutahya", "aydin", "isparta", "usak", "antalya"):
        build.province(slug)
    build.service(asam, "Legal counselling", place=("izmir", "Buca"))
    page = soup(client, "/tr/services/")
    assert checkbox_values(page, "province") == [
        "antalya",
        "aydin",
        "isparta",
        "izmir",
        "kutahya",
        "usak",
    ]


def test_district_facet_lists_cigli_after_buca_and_before_dikili(client, directory, asam):
    for district in ("Konak", "Dikili", "Çiğli", "Karşıyaka", "Buca", "Bornova"):
        build.service(asam, f"Desk {district}", place=("izmir", district))
    page = soup(client, "/tr/services/", {"province": "izmir"})
    labels = [
        box.parent.get_text(" ", strip=True).rsplit(" (", 1)[0]
        for box in page.select('input[type="checkbox"][name="district"]')
    ]
    assert labels == ["Bornova", "Buca", "Çiğli", "Dikili", "Karşıyaka", "Konak"]


def test_category_facet_follows_the_turkish_alphabet(client, directory, asam):
    turkish = Locale.objects.get(language_code="tr")
    names = {"Violence": "Şiddet", "Child protection": "Çocuk koruma", "Health": "Sağlık"}
    categories = []
    for english, name in names.items():
        category = build.category(english)
        translation = category.copy_for_translation(turkish)
        translation.name = name
        translation.save()
        categories.append(category)
    build.service(asam, "Everything desk", categories=categories)
    page = soup(client, "/tr/services/")
    # Çocuk after C, Şiddet after S: by code point both would come after Sağlık.
    assert checkbox_values(page, "category") == ["child-protection", "health", "violence"]


def test_turkish_name_sort_puts_cocuk_after_cinsel_and_before_dil(client, turkish_services):
    page = soup(client, "/tr/services/", {"sort": "name"})
    assert result_titles(page) == TURKISH_TITLES


def test_an_untranslated_service_takes_its_alphabetical_place(
    client, asam, turkish_agency, turkish_services
):
    build.service(asam, "Dental care", place=("izmir", "Konak"))
    titles = result_titles(soup(client, "/tr/services/", {"sort": "name"}))
    assert titles.index("Çocuk koruma") < titles.index("Dental care") < titles.index("Dil kursu")


def test_a_sheet_cut_at_its_limit_keeps_the_start_of_the_alphabet(
    client, turkish_services, monkeypatch
):
    monkeypatch.setattr("services_map.public.print_sheet.MAX_SERVICES_PER_SHEET", 4)
    page = soup(client, "/tr/services/print/", {"province": "izmir", "sort": "name"})
    titles = [title.get_text(" ", strip=True) for title in page.select(".print-entry__title")]
    assert titles == TURKISH_TITLES[:4]


def test_persian_name_sort_puts_keheh_between_qaf_and_gaf(client, directory):
    agency = build.agency(directory_in(directory, "fa"), "انجمن همبستگی", "SGDD")
    titles = ["قانون و حقوق", "کمک حقوقی", "گروه زنان", "مشاوره روانی"]
    for title in reversed(titles):
        build.service(agency, title, place=("izmir", "Konak"))
    assert result_titles(soup(client, "/fa/services/", {"sort": "name"})) == titles


def test_print_sheet_lists_the_services_in_turkish_alphabetical_order(client, turkish_services):
    page = soup(client, "/tr/services/print/", {"province": "izmir", "sort": "name"})
    titles = [title.get_text(" ", strip=True) for title in page.select(".print-entry__title")]
    assert titles == TURKISH_TITLES


def test_print_sheet_province_chooser_lists_izmir_in_its_place(client, directory):
    for slug in ("kutahya", "izmir", "isparta", "aydin"):
        build.province(slug)
    page = soup(client, "/tr/services/print/")
    values = [box["value"] for box in page.select('input[type="radio"][name="province"]')]
    assert values == ["aydin", "isparta", "izmir", "kutahya"]


def test_agency_page_lists_its_services_in_turkish_alphabetical_order(
    client, turkish_agency, turkish_services
):
    page = soup(client, turkish_agency.url)
    titles = [link.get_text(strip=True) for link in page.select(".card-list .card h3 a")]
    assert titles == TURKISH_TITLES
