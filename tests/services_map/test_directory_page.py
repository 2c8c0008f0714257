"""The search page at /<lang>/services/ as visitors use it: without JavaScript, with hostile
links, in four languages, never showing the public what it must not see."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample")]


@pytest.fixture
def sample(sample_for_module):
    """Every test of this module reads the same sample directory, built once."""
    return sample_for_module


def page(client, query="", lang="en"):
    response = client.get(f"/{lang}/services/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_directory_lists_published_services(client, sample):
    html = page(client)
    assert "Legal counselling" in html
    assert "5 services found" in html


def test_search_form_works_without_javascript(client, sample):
    buca = build.district("izmir", "Buca").pk
    html = page(client, f"?q=legal&language=ar&free=1&district={buca}")
    assert "1 service found" in html
    assert "Legal counselling" in html


def test_facet_values_show_their_counts(client, sample):
    html = page(client)
    assert 'value="ar" >' in html or 'value="ar"' in html
    assert "(4)" in html  # Arabic is spoken at four public services


def test_ended_service_is_not_shown(client, sample):
    assert "Old legal desk" not in page(client)


def test_internal_service_is_not_shown_to_the_public(client, sample):
    assert "Partner referral line" not in page(client, "?q=partner")


def test_internal_service_is_shown_to_a_member(client, sample):
    client.force_login(UserFactory(role="Members"))
    assert "Partner referral line" in page(client, "?q=partner")


def test_protection_sensitive_service_shows_call_first_not_its_address(client, sample):
    html = page(client, "?q=shelter")
    assert "Women&#x27;s shelter" in html
    assert "Call first" in html
    assert "38.374" not in html
    assert "Karabağlar" not in html


def test_protection_sensitive_service_is_not_found_by_its_district_name(client, sample):
    assert "0 services found" in page(client, "?q=karabaglar")


def test_map_data_leaves_out_protection_sensitive_places(client, sample):
    markers = client.get("/en/services/map/").json()["markers"]
    assert "Women's shelter" not in [m[2] for m in markers]
    assert [38.374, 27.128] not in [m[:2] for m in markers]


def test_map_data_leaves_out_internal_and_ended_services(client, sample):
    titles = [m[2] for m in client.get("/en/services/map/").json()["markers"]]
    assert sorted(titles) == [
        "Legal counselling",
        "Migrant Health Centre",
        "Psychosocial support",
        "Turkish course",
    ]


def test_map_data_takes_the_same_filters(client, sample):
    markers = client.get("/en/services/map/?province=mugla").json()["markers"]
    assert [m[2] for m in markers] == ["Migrant Health Centre"]
    assert markers[0][3].startswith("/en/services/")


def test_each_address_links_to_openstreetmap(client, sample):
    html = page(client, "?q=legal+counselling")
    assert "https://www.openstreetmap.org/?mlat=38.38810&amp;mlon=27.17530" in html


def test_no_results_page_offers_next_steps(client, sample):
    konak = build.district("izmir", "Konak").pk
    html = page(client, f"?district={konak}&language=fa")
    assert "No service matches all of this." in html
    assert "All of İzmir: 1 service" in html
    assert "In nearby Buca: 1 service" in html


# --- Languages ----------------------------------------------------------------------------


def test_turkish_directory_lists_untranslated_services_in_their_original(client, sample):
    assert "Legal counselling" in page(client, lang="tr")


def test_turkish_directory_shows_the_translation_instead_of_the_original(client, sample):
    from wagtail.models import Locale

    original = sample["course"]
    turkish = Locale.objects.get(language_code="tr")
    for ancestor in original.get_ancestors().filter(depth__gte=3).specific():
        if not ancestor.get_translation_or_none(turkish):
            ancestor.copy_for_translation(turkish).save_revision().publish()
    translation = original.copy_for_translation(turkish)
    translation.title = "Türkçe kursu"
    translation.save_revision().publish()
    html = page(client, lang="tr")
    assert ">Türkçe kursu</a>" in html
    assert ">Turkish course</a>" not in html
    assert ">Turkish course</a>" in page(client, lang="en")


def test_directory_page_answers_in_every_language(client, sample):
    for lang in ("tr", "ar", "fa", "ps", "kmr"):
        assert "Legal counselling" in page(client, lang=lang)


def test_arabic_and_pashto_directories_are_right_to_left(client, sample):
    assert 'dir="rtl"' in page(client, lang="ar")
    assert 'dir="rtl"' in page(client, lang="ps")


# --- Hostile parameters -------------------------------------------------------------------


def test_unknown_category_is_left_out_with_a_message(client, sample):
    html = page(client, "?category=no-such-thing&category=health")
    assert "no longer exists" in html
    assert "2 services found" in html


def test_negative_page_shows_the_first_page_with_a_message(client, sample):
    html = page(client, "?page=-1")
    assert "Pages start at 1" in html
    assert "Legal counselling" in html


def test_page_far_beyond_the_end_shows_the_last_page(client, sample):
    html = page(client, "?page=99999")
    assert "There are not that many pages" in html or "this is the last one" in html


def test_page_number_that_is_not_a_number_shows_the_first_page(client, sample):
    assert "not understood" in page(client, "?page=abc")


def test_five_kilobyte_query_is_refused_with_a_message(client, sample):
    html = page(client, "?q=" + "saglik+" * 730)
    assert "Please use fewer words" in html


def test_nul_byte_in_the_query_is_refused_with_a_message(client, sample):
    assert "not allowed" in page(client, "?q=legal%00counselling")


def test_nul_byte_in_a_facet_value_gives_a_page(client, sample):
    page(client, "?language=a%00r&district=1%00")


@pytest.mark.parametrize(
    "query",
    ["?lat=abc&lng=27.1", "?lat=91&lng=27", "?lat=38.4", "?lat=nan&lng=inf", "?lat=1e999&lng=1"],
)
def test_malformed_coordinates_give_a_page_with_a_message(client, sample, query):
    html = page(client, query)
    assert "5 services found" in html


def test_unknown_district_and_sort_give_a_page(client, sample):
    assert "5 services found" in page(client, "?district=abc&district=999999&sort=evil")


def test_repeated_parameters_give_a_page(client, sample):
    page(client, "?" + "&".join(["language=ar"] * 500))


def test_map_data_with_hostile_parameters_gives_json(client, sample):
    response = client.get("/en/services/map/?lat=abc&page=-5&q=%00")
    assert response.status_code == 200
    assert "markers" in response.json()


# --- For whom ---------------------------------------------------------------------------


@pytest.fixture
def women_and_children_services(asam):
    """A service for women, one for children only, and one with no group: for everyone."""
    build.service(asam, "Women's health counselling", population_groups=["women"])
    build.service(asam, "Children's play room", population_groups=["children"])
    build.service(asam, "Food bank")


def listed_titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return {h.get_text(strip=True) for h in soup.select(".directory-result__title a")}


def group_count(html, slug):
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one(f'input[name="group"][value="{slug}"]')
    return box.find_parent("label").select_one(".facet__count").get_text(strip=True)


@pytest.mark.usefixtures("women_and_children_services")
def test_services_for_everyone_are_listed_under_women(client, sample):
    titles = listed_titles(page(client, "?group=women"))
    assert {"Migrant Health Centre", "Turkish course", "Food bank"} <= titles
    assert "Women's health counselling" in titles


@pytest.mark.usefixtures("women_and_children_services")
def test_a_service_for_children_only_is_not_listed_under_women(client, sample):
    titles = listed_titles(page(client, "?group=women"))
    assert "Children's play room" not in titles
    assert "Psychosocial support" not in titles


@pytest.mark.usefixtures("women_and_children_services")
def test_women_count_includes_the_services_for_everyone(client, sample):
    """One service for women, and three for everyone (two marked so, one with no group)."""
    html = page(client, "?group=women")
    assert "4 services found" in html
    assert group_count(html, "women") == "(4)"
    assert group_count(html, "children") == "(5)"
    assert group_count(html, "all") == "(3)"


# --- Query counts -------------------------------------------------------------------------


def count_queries(client, url):
    """The queries of one request to a warm site. Savepoints are left out: a test's request runs
    inside the test's transaction, where a write that must not void it takes one (recording a
    search without results), while the site answers requests in autocommit, without any."""
    client.get(url)  # warm caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len([query for query in queries if "SAVEPOINT" not in query["sql"].upper()])


def test_search_page_stays_within_twenty_queries(client, sample):
    buca = build.district("izmir", "Buca").pk
    assert count_queries(client, f"/en/services/?q=legal&language=ar&district={buca}") <= 20


def test_search_page_with_a_group_stays_within_twenty_queries(client, sample):
    assert count_queries(client, "/en/services/?group=children&language=ar") <= 20


def test_query_count_does_not_grow_with_the_number_of_results(client, asam):
    arabic = build.language("ar", "Arabic")
    health = build.category("Health")
    build.service(asam, "Health 0", languages=[arabic], categories=[health])
    few = count_queries(client, "/en/services/?language=ar")
    for n in range(1, 12):
        build.service(asam, f"Health {n}", languages=[arabic], categories=[health])
    assert count_queries(client, "/en/services/?language=ar") == few


def test_query_count_does_not_grow_with_the_number_of_words(client, sample):
    # Five words, one of them a place, none matching all together: the search loosens step by
    # step the first time, and a visitor paging on pays for none of it.
    one_word = count_queries(client, "/en/services/?q=asam")
    several = count_queries(client, "/en/services/?q=izmir+asam+shelter+course+psychosocial")
    assert several == one_word


def test_word_search_query_count_does_not_grow_with_the_number_of_results(client, asam):
    health = build.category("Health")
    build.service(asam, "Health desk 0", summary="Health advice.", categories=[health])
    few = count_queries(client, "/en/services/?q=health+advice")
    for n in range(1, 12):
        build.service(asam, f"Health desk {n}", summary="Health advice.", categories=[health])
    assert count_queries(client, "/en/services/?q=health+advice") == few


def test_services_below_a_login_restriction_are_not_listed(client, directory):
    from wagtail.models import PageViewRestriction

    private_agency = build.agency(directory, "Closed network", "CN")
    build.service(private_agency, "Restricted helpline")
    PageViewRestriction.objects.create(page=private_agency, restriction_type="login")
    assert "Restricted helpline" not in page(client, "?q=helpline")


def test_search_words_that_are_too_long_mark_the_search_box_and_name_the_problem(client, sample):
    html = BeautifulSoup(page(client, "?q=" + "x" * 201), "html.parser")
    search_box = html.select_one("#id_q")
    assert search_box["aria-invalid"] == "true"
    problem = html.select_one(f"#{search_box['aria-describedby']}")
    assert "at most 200 characters" in problem.get_text()


def test_a_search_without_problems_leaves_the_search_box_unmarked(client, sample):
    search_box = BeautifulSoup(page(client, "?q=legal"), "html.parser").select_one("#id_q")
    assert not search_box.has_attr("aria-invalid")
    assert not search_box.has_attr("aria-describedby")
