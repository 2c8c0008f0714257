"""Search tests that build every service they search, each for itself, on an empty directory:
one service indexed, Arabic and Persian letters written alike, the order of the matches and
of the pages. (test_search_text.py's services, built once for its module, would be found too.)"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale
from wagtail.search import index

from services_map.search import SearchParams, search_services
from tests.factories import services_map as build
from tests.services_map.test_search_text import found

pytestmark = pytest.mark.django_db


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


def test_arabic_bare_alef_in_stored_text_matches_hamza_in_the_query(asam):
    build.service(asam, "مركز الاسرة")
    assert found("الأسرة") == ["مركز الاسرة"]


def test_a_pashto_query_finds_persian_text_and_a_persian_keyboard_finds_pashto_text(asam):
    build.service(asam, "مشاوره گروهی برای زنان")
    build.service(asam, "د ښځو لپاره روغتیایي مرستې")
    assert found("ګروهی") == ["مشاوره گروهی برای زنان"]
    assert found("شځو مرستی") == ["د ښځو لپاره روغتیایي مرستې"]


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
