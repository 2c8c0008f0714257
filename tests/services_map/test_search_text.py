"""Search that fits Turkish and Arabic: what people type finds what agencies wrote.

The Arabic services have a module of their own (test_search_text_arabic.py), and so have the
tests that search only services they build themselves (test_search_text_own_services.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Locale

from services_map.search import SearchParams, search_services
from services_map.search.text import expand_words, one_edit_variants, query_words
from tests.conftest import read_again
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def found(q):
    results = search_services(SearchParams(q=q), AnonymousUser(), Locale.get_default())
    return [s.title for s in results.services]


@pytest.fixture(scope="module")
def turkish_for_module(module_data):
    """ASAM with a health screening in Karşıyaka, written in Turkish, and legal counselling in
    Bodrum, written in English, built once for the module: each test reads them anew, and what
    it changes rolls back with it."""
    asam = build.agency(build.directory_page())
    return {
        "asam": asam,
        "screening": build.service(
            asam,
            "Sağlık Taraması",
            summary="Ücretsiz sağlık taraması ve aşı.",
            place=("izmir", "Karşıyaka"),
            coordinates=(38.4595, 27.1152),
        ),
        "counselling": build.service(
            asam,
            "Legal counselling",
            summary="Advice on registration.",
            place=("mugla", "Bodrum"),
            coordinates=(37.0344, 27.4305),
        ),
    }


@pytest.fixture
def asam(turkish_for_module):
    """The agency of the module's services (in place of tests/services_map/conftest.py's)."""
    return read_again(turkish_for_module["asam"])


@pytest.fixture
def turkish(turkish_for_module):
    """The module's two services, the only ones in the directory."""
    return read_again({key: turkish_for_module[key] for key in ("screening", "counselling")})


@pytest.mark.parametrize("query", ["izmir", "İZMİR", "Izmir", "IZMIR", "İzmir"])
def test_every_spelling_of_izmir_finds_izmir(turkish, query):
    assert found(query) == ["Sağlık Taraması"]


@pytest.mark.parametrize("query", ["saglik", "SAĞLIK", "Sağlık", "SAGLIK", "sağlik"])
def test_saglik_with_or_without_turkish_letters_finds_saglik(turkish, query):
    assert found(query) == ["Sağlık Taraması"]


@pytest.mark.parametrize("query", ["karsiyaka", "KARŞIYAKA", "Karşiyaka"])
def test_district_name_is_found_without_turkish_letters(turkish, query):
    assert found(query) == ["Sağlık Taraması"]


def test_ucretsiz_finds_ucretsiz_with_a_dotted_u(turkish):
    assert found("ucretsiz") == ["Sağlık Taraması"]


def test_words_that_no_service_has_together_find_those_with_some_and_say_so(turkish, client):
    assert sorted(found("saglik registration")) == ["Legal counselling", "Sağlık Taraması"]
    response = client.get("/tr/services/", {"q": "saglik registration"})
    assert "directory__partial-note" in response.content.decode()
    response = client.get("/tr/services/", {"q": "saglik izmir"})
    assert "directory__partial-note" not in response.content.decode()


def test_saglik_izmir_finds_health_in_izmir(turkish):
    assert found("saglik izmir") == ["Sağlık Taraması"]


def test_agency_acronym_finds_its_services(turkish):
    assert len(found("asam")) == 2


def test_one_wrong_letter_in_a_long_word_still_finds(turkish):
    assert found("counseling") == ["Legal counselling"]


def test_one_substituted_letter_still_finds(turkish):
    assert found("registraton") == ["Legal counselling"]


def test_one_wrong_letter_in_a_turkish_word_still_finds(turkish):
    assert found("taramasi") == ["Sağlık Taraması"]
    assert found("taranasi") == ["Sağlık Taraması"]


def test_a_wrong_letter_in_a_short_word_is_not_forgiven(turkish):
    assert found("legl") == []


def test_two_wrong_letters_are_not_forgiven(turkish):
    assert found("cownseling") == []


def test_query_words_are_folded_and_deduplicated():
    assert query_words("Sağlık SAGLIK  İzmir!") == ["saglik", "izmir"]


def test_query_is_cut_to_eight_words():
    assert len(query_words(" ".join(f"word{n}" for n in range(50)))) == 8


def test_one_edit_variants_include_deletion_insertion_substitution_and_swap():
    variants = one_edit_variants("saglik")
    assert {"salik", "saglikk", "saglak", "asglik"} <= variants


def test_known_words_are_not_expanded(turkish):
    assert expand_words(["saglik"]) == [["saglik"]]


def test_typo_fixes_are_looked_up_once_per_directory_version(turkish, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert expand_words(["sagliik"], version="one") == [["sagliik", "saglik"]]
    with django_assert_num_queries(0):
        assert expand_words(["sagliik"], version="one") == [["sagliik", "saglik"]]
    with django_assert_num_queries(1):
        expand_words(["sagliik"], version="two")


def test_a_typo_fixed_by_a_service_published_later_finds_it(turkish, asam):
    assert found("vaccinaton") == []
    build.service(asam, "Vaccination day", summary="Free vaccination for children.")
    assert found("vaccinaton") == ["Vaccination day"]
