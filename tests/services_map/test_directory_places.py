"""Place names typed in the search box, in any script, find the services located there: through
the real directory pages, as a refugee types them."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("places_directory")]


@pytest.fixture(scope="module")
def places_directory(module_data):
    """Services in İzmir (Konak, Buca) and Manisa, built once for the module:

    - "مركز صحي للعائلات": İzmir/Konak, "طبيب عام" in its summary
    - "Legal counselling": İzmir/Buca, no place in its text
    - "Safe house for women": İzmir/Buca, protection-sensitive
    - "عيادة الأطفال": Manisa/Şehzadeler, "طبيب أطفال" in its summary
    - "Hotline for people moving from İzmir": Manisa/Şehzadeler, İzmir only in its name
    """
    directory = build.directory_page()
    agency = build.agency(directory, "Association for Solidarity", "ASAM")
    build.service(
        agency,
        "مركز صحي للعائلات",
        summary="طبيب عام ولقاحات للأطفال.",
        place=("izmir", "Konak"),
        coordinates=(38.4189, 27.1287),
    )
    build.service(
        agency,
        "Legal counselling",
        summary="Advice on your rights.",
        place=("izmir", "Buca"),
        coordinates=(38.3881, 27.1753),
    )
    build.service(
        agency,
        "Safe house for women",
        summary="Safe accommodation for women at risk.",
        place=("izmir", "Buca"),
        coordinates=(38.3901, 27.1801),
        is_protection_sensitive=True,
    )
    build.service(
        agency,
        "عيادة الأطفال",
        summary="طبيب أطفال.",
        place=("manisa", "Şehzadeler"),
        coordinates=(38.6191, 27.4289),
    )
    build.service(
        agency,
        "Hotline for people moving from İzmir",
        summary="Advice by phone.",
        place=("manisa", "Şehzadeler"),
        coordinates=(38.6191, 27.4289),
    )


def titles(client, query, lang="ar"):
    """The names of the services listed for a query."""
    response = client.get(f"/{lang}/services/", {"q": query})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {heading.get_text(strip=True) for heading in soup.select(".directory-result__title a")}


def test_arabic_name_of_izmir_lists_the_services_located_there(client):
    assert titles(client, "إزمير") == {
        "مركز صحي للعائلات",
        "Legal counselling",
        "Safe house for women",
        "Hotline for people moving from İzmir",
    }


def test_persian_name_of_izmir_finds_the_same_services_in_the_persian_directory(client):
    assert titles(client, "ازمیر", lang="fa") == titles(client, "إزمير")


def test_a_word_with_the_arabic_name_of_izmir_narrows_to_izmir(client):
    assert titles(client, "طبيب إزمير") == {"مركز صحي للعائلات"}


def test_a_word_with_izmir_after_an_arabic_preposition_narrows_to_izmir(client):
    assert titles(client, "طبيب بإزمير") == {"مركز صحي للعائلات"}


def test_the_same_word_with_manisa_finds_the_clinic_there(client):
    assert titles(client, "طبيب مانيسا") == {"عيادة الأطفال"}


def test_arabic_name_of_buca_finds_the_services_in_buca(client):
    assert titles(client, "بوجا") == {"Legal counselling"}


def test_turkish_name_of_buca_finds_the_same_in_the_turkish_directory(client):
    assert titles(client, "Buca", lang="tr") == {"Legal counselling"}


def test_protection_sensitive_service_is_not_found_by_its_district_name_by_the_public(client):
    assert "Safe house for women" not in titles(client, "بوجا")
    assert "Safe house for women" not in titles(client, "buca", lang="en")


def test_a_member_finds_the_protection_sensitive_service_by_its_district_name(client):
    client.force_login(UserFactory(role="Members"))
    assert "Safe house for women" in titles(client, "بوجا")


def test_a_search_with_a_place_and_a_word_stays_within_twenty_queries(client):
    url = "/ar/services/?q=طبيب+بوجا"
    client.get(url)  # warm caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= 20


def facet_labels(client, lang, name, query=""):
    """The labels of a facet's options as the page shows them."""
    response = client.get(f"/{lang}/services/{query}")
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        label.get_text(" ", strip=True) for label in soup.select(f'label:has(input[name="{name}"])')
    ]


def test_arabic_directory_names_provinces_in_arabic_then_in_turkish(client):
    labels = facet_labels(client, "ar", "province")
    assert any(label.startswith("إزمير (İzmir)") for label in labels)
    assert any(label.startswith("مانيسا (Manisa)") for label in labels)


def test_persian_directory_names_provinces_in_persian_then_in_turkish(client):
    labels = facet_labels(client, "fa", "province")
    assert any(label.startswith("ازمیر (İzmir)") for label in labels)


def test_turkish_directory_names_provinces_in_turkish_only(client):
    labels = facet_labels(client, "tr", "province")
    assert any(label.startswith("İzmir") for label in labels)
    assert not any("إزمير" in label for label in labels)


def test_arabic_directory_names_districts_in_arabic_then_in_turkish(client):
    labels = facet_labels(client, "ar", "district", "?province=izmir")
    assert any(label.startswith("بوجا (Buca)") for label in labels)
