"""Lists of the directory in the alphabetical order of the visitor's language, as a Turkish,
Persian or English reader expects it, not in the order of the characters' code points.

The tests that build every entry of the list they read (the province, district and category
facets, the Persian names, the print sheet's province chooser) have a module of their own
(test_alphabetical_order_own_entries.py): the Turkish services every test here finds in the
directory would be in their lists too."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

from tests.conftest import read_again
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


@pytest.fixture(scope="module")
def turkish_for_module(module_data):
    """The directory, an agency written in Turkish below the Turkish directory and its services
    under the Turkish titles in Konak, created in an order that is not the alphabetical one;
    built once for the module: each test reads them anew, and what it changes rolls back with
    it."""
    directory = build.directory_page()
    agency = build.agency(directory_in(directory, "tr"), "Sığınmacılar Derneği", "SGDD")
    for title in reversed(TURKISH_TITLES):
        build.service(agency, title, place=("izmir", "Konak"))
    return {"directory": directory, "turkish_agency": agency}


@pytest.fixture
def directory(turkish_for_module):
    """The directory of the module's Turkish services (in place of
    tests/services_map/conftest.py's)."""
    return read_again(turkish_for_module["directory"])


@pytest.fixture
def turkish_agency(turkish_for_module):
    """An agency written in Turkish, below the Turkish directory."""
    return read_again(turkish_for_module["turkish_agency"])


@pytest.fixture
def turkish_services(turkish_for_module):
    """The Turkish titles, created in an order that is not the alphabetical one: in the
    directory of every test of the module, whether it asks for them or not."""


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


def test_print_sheet_lists_the_services_in_turkish_alphabetical_order(client, turkish_services):
    page = soup(client, "/tr/services/print/", {"province": "izmir", "sort": "name"})
    titles = [title.get_text(" ", strip=True) for title in page.select(".print-entry__title")]
    assert titles == TURKISH_TITLES


def test_agency_page_lists_its_services_in_turkish_alphabetical_order(
    client, turkish_agency, turkish_services
):
    page = soup(client, turkish_agency.url)
    titles = [link.get_text(strip=True) for link in page.select(".card-list .card h3 a")]
    assert titles == TURKISH_TITLES
