"""Search that fits Turkish and Arabic: what people type finds what agencies wrote."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search import index

from services_map.search import SearchParams, search_services
from services_map.search.text import expand_words, one_edit_variants, query_words
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def found(q):
    results = search_services(SearchParams(q=q), AnonymousUser(), Locale.get_default())
    return [s.title for s in results.services]


@pytest.fixture
def turkish(asam):
    build.service(
        asam,
        "Sağlık Taraması",
        summary="Ücretsiz sağlık taraması ve aşı.",
        place=("izmir", "Karşıyaka"),
        coordinates=(38.4595, 27.1152),
    )
    build.service(
        asam,
        "Legal counselling",
        summary="Advice on registration.",
        place=("mugla", "Bodrum"),
        coordinates=(37.0344, 27.4305),
    )


@pytest.fixture
def arabic(asam):
    build.service(asam, "الدعم النفسي", summary="جلسات فردية في مستشفى المدينة للأطفال.")
    build.service(asam, "دروس اللغة", summary="دروس في مدرسة الحي، إرشاد مهني.")


def test_indexing_a_service_reads_its_agency_and_places_once(asam):
    """The search index asks for each of a service's search texts once per column it fills:
    each is worked out once a pass, so a publication reads the agency and the places once."""
    service = build.service(asam, "Sağlık Taraması", place=("izmir", "Karşıyaka"))
    with CaptureQueriesContext(connection) as queries:
        index.insert_or_update_object(service)
    read = [query["sql"] for query in queries]
    assert sum('FROM "services_map_servicelocation"' in sql for sql in read) == 1
    assert sum('FROM "services_map_agencypage"' in sql for sql in read) == 1
    assert found("karsiyaka") == ["Sağlık Taraması"]


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


@pytest.mark.parametrize("query", ["الدَّعْم", "الدعـــم", "الدعم"])
def test_arabic_with_diacritics_or_tatweel_matches(arabic, query):
    assert found(query) == ["الدعم النفسي"]


def test_arabic_alef_with_hamza_matches_bare_alef(arabic):
    assert found("ارشاد") == ["دروس اللغة"]


def test_arabic_bare_alef_in_stored_text_matches_hamza_in_the_query(asam):
    build.service(asam, "مركز الاسرة")
    assert found("الأسرة") == ["مركز الاسرة"]


def test_arabic_alef_maksura_matches_ya(arabic):
    assert found("مستشفي") == ["الدعم النفسي"]


def test_arabic_ta_marbuta_matches_ha(arabic):
    assert found("مدرسه") == ["دروس اللغة"]


def test_a_pashto_query_finds_persian_text_and_a_persian_keyboard_finds_pashto_text(asam):
    build.service(asam, "مشاوره گروهی برای زنان")
    build.service(asam, "د ښځو لپاره روغتیایي مرستې")
    assert found("ګروهی") == ["مشاوره گروهی برای زنان"]
    assert found("شځو مرستی") == ["د ښځو لپاره روغتیایي مرستې"]


def test_one_wrong_letter_in_a_long_word_still_finds(turkish):
    assert found("counseling") == ["Legal counselling"]


def test_one_substituted_letter_still_finds(turkish):
    assert found("registraton") == ["Legal counselling"]


def test_one_wrong_letter_in_a_turkish_word_still_finds(turkish):
    assert found("taramasi") == ["Sağlık Taraması"]
    assert found("taranasi") == ["Sağlık Taraması"]


def test_one_wrong_letter_in_an_arabic_word_still_finds(arabic):
    assert found("النفسى") == ["الدعم النفسي"]
    assert found("النقسي") == ["الدعم النفسي"]


def test_a_wrong_letter_in_a_short_word_is_not_forgiven(turkish):
    assert found("legl") == []


def test_two_wrong_letters_are_not_forgiven(turkish):
    assert found("cownseling") == []


def test_match_in_the_name_ranks_above_match_in_the_description(asam):
    build.service(asam, "Aaa women's centre", summary="Also gives legal information.")
    build.service(asam, "Legal aid", summary="Lawyers for refugees.")
    assert found("legal") == ["Legal aid", "Aaa women's centre"]


def test_match_in_the_agency_name_ranks_above_match_in_the_description(directory):
    other = build.agency(directory, "Refugee Rights Turkey", "RRT")
    asam = build.agency(directory, "Association for Solidarity", "ASAM")
    build.service(asam, "Aaa desk", summary="We work with Refugee Rights Turkey.")
    build.service(other, "Zz desk", summary="Advice.")
    assert found("rights") == ["Zz desk", "Aaa desk"]


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


def test_longest_allowed_query_of_arabic_words_gives_a_page(client, arabic):
    letters = "ابتثجحخدذرزسشصضطظعغفق"[:20]
    words = [letters[i:] + letters[:i] for i in range(9)]
    response = client.get("/en/services/", {"q": " ".join(words)[:200]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "legal"},
        {"q": "legal", "sort": "name"},
        {"q": "legal", "lat": 38.42, "lng": 27.14, "sort": "distance"},
        {},
    ],
)
def test_each_page_holds_the_next_services_of_the_whole_ordered_list(asam, params):
    places = [("izmir", "Konak"), ("mugla", "Bodrum"), ("aydin", "Kuşadası")]
    points = [(38.41, 27.13), (37.03, 27.43), (37.86, 27.26)]
    for n, title in enumerate(["Legal aid", "Zeytin legal", "Advice", "Legal help", "Bakery"]):
        build.service(
            asam,
            title,
            summary="Free legal advice." if n % 2 else "Help with papers.",
            place=places[n % 3],
            coordinates=points[n % 3],
        )
    search = SearchParams(**params)
    everything = search_services(search, AnonymousUser(), Locale.get_default(), paginate=False)
    whole = [s.pk for s in everything.services]
    pages = []
    for number in range(1, (len(whole) + 1) // 2 + 1):
        page = search_services(
            SearchParams(**params, page=number), AnonymousUser(), Locale.get_default(), page_size=2
        )
        pages += [s.pk for s in page.services]
    assert len(whole) >= 3
    assert pages == whole
