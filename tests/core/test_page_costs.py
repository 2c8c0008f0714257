"""What a public page costs in SQL queries does not grow with the number of services, and the
frame's look-ups (navigation, language links, site, locales) and the home page's meeting lists
come from the shared cache until the next publication."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import meetings as meetings_build
from tests.factories import services_map as build

# The queries each page takes once its caches are warm (the same with 3 services as with 30).
# Before the frame's look-ups, the helplines and the home page's meeting lists were cached
# (main at 44ebba5, same pages, same data) they took: home 20, directory 19, search 19, service
# page 25, agency page 19, meeting page 25, print sheet 14; and before the directory's result
# cards were cached (search/cards.py), directory 12 and search 12.
MOST_QUERIES = {
    "home": 4,
    "directory": 7,
    "search": 7,
    "service page": 18,
    "agency page": 12,
    "meeting page": 17,
    "print sheet": 6,
}
PAGES = list(MOST_QUERIES)


def add_services(agency, count, start, languages, categories):
    for number in range(start, start + count):
        build.service(
            agency,
            f"Legal counselling desk {number}",
            place=("izmir", "Konak" if number % 2 else "Buca"),
            categories=categories,
            languages=languages,
            schedules=build.weekdays(),
            phones=("0232 000 00 01", "0232 000 00 02"),
        )


def warm_query_counts(client, urls):
    """The queries of each page on its second visit (the first fills the caches)."""
    counts = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        counts[name] = len(queries)
    return counts


@pytest.fixture(scope="module")
def counts(module_data):
    """The query counts of the seven public pages with 3 services, then with 30."""
    directory = build.directory_page()
    agency = build.agency(directory)
    arabic = build.language("ar", "Arabic")
    protection = build.category("Protection", slug="protection")
    legal = build.category("Legal counselling", parent=protection, slug="legal-counselling")
    categories = [protection, legal]
    add_services(agency, 3, 0, [arabic], categories)
    home = directory.get_parent()
    group = meetings_build.make_group(home, title="Protection working group", members=[agency])
    meeting = None
    for day in (8, 15, 22):
        meeting = meetings_build.make_meeting(group, start=meetings_build.istanbul(2031, 1, day))
    service = agency.get_children().live().first()
    urls = {
        "home": "/en/",
        "directory": "/en/services/",
        "search": "/en/services/?q=legal",
        "service page": service.url,
        "agency page": agency.url,
        "meeting page": meeting.url,
        "print sheet": "/en/services/print/?province=izmir",
    }
    client = Client()
    few = warm_query_counts(client, urls)
    add_services(agency, 27, 3, [arabic], categories)
    many = warm_query_counts(client, urls)
    return few, many


@pytest.mark.parametrize("page", PAGES)
def test_a_public_pages_queries_do_not_grow_with_the_number_of_services(counts, page):
    few, many = counts
    assert many[page] == few[page]


@pytest.mark.parametrize("page", PAGES)
def test_a_public_page_takes_fewer_queries_than_before_the_fragments_were_cached(counts, page):
    few, _many = counts
    assert few[page] <= MOST_QUERIES[page]
