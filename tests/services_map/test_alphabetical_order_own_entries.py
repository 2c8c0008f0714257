"""Lists of the directory in the alphabetical order of the visitor's language, for the tests that
build every entry of the list they read, each for itself: the province, district and category
facets, the Persian names and the print sheet's province chooser. (The Turkish services that
test_alphabetical_order.py builds once for its module would be in their lists too.)"""

import pytest
from wagtail.models import Locale

from tests.factories import services_map as build
from tests.services_map.test_alphabetical_order import (
    checkbox_values,
    directory_in,
    result_titles,
    soup,
)

pytestmark = pytest.mark.django_db


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


def test_persian_name_sort_puts_keheh_between_qaf_and_gaf(client, directory):
    agency = build.agency(directory_in(directory, "fa"), "انجمن همبستگی", "SGDD")
    titles = ["قانون و حقوق", "کمک حقوقی", "گروه زنان", "مشاوره روانی"]
    for title in reversed(titles):
        build.service(agency, title, place=("izmir", "Konak"))
    assert result_titles(soup(client, "/fa/services/", {"sort": "name"})) == titles


def test_print_sheet_province_chooser_lists_izmir_in_its_place(client, directory):
    for slug in ("kutahya", "izmir", "isparta", "aydin"):
        build.province(slug)
    page = soup(client, "/tr/services/print/")
    values = [box["value"] for box in page.select('input[type="radio"][name="province"]')]
    assert values == ["aydin", "isparta", "izmir", "kutahya"]
