"""The directory's result cards keep their fixed parts in the shared cache (search/cards.py):
a page read from cached cards is the page rendered afresh, what changes per request (how far,
which ticked district) is still worked out per request, a publication shows on the next
search, and what only members may see never reaches the public through the cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(sample_for_module):
    """The sample directory, built once for this module; read again for each test, which
    changes a service in memory and publishes it (rolled back after the test)."""
    return read_again(sample_for_module)


def page(client, query=""):
    response = client.get(f"/en/services/{query}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?q=legal",
        "?lat=38.42&lng=27.14",
        "?lat=37.03&lng=27.43&sort=distance",
        "?district={buca}",
        "?q=shelter",
    ],
)
def test_a_page_of_cached_cards_reads_as_one_rendered_afresh(client, sample, query):
    query = query.format(buca=build.district("izmir", "Buca").pk)
    # The cards are cached by another search, with another place and another district.
    konak = build.district("izmir", "Konak").pk
    page(client, f"?lat=38.0&lng=27.0&district={konak}")
    page(client, "?q=legal")
    from_cached_cards = page(client, query)
    cache.clear()
    assert page(client, query) == from_cached_cards


def test_a_distance_is_measured_from_each_visitor_not_the_one_who_filled_the_cache(client, sample):
    near = page(client, "?q=bodrum&lat=37.0344&lng=27.4305")
    assert "0.0 km away" in near
    far = page(client, "?q=bodrum&lat=38.4189&lng=27.1287")
    assert "0.0 km away" not in far
    assert "km away" in far


def test_a_cached_page_loads_no_phones_languages_or_places_of_its_services(client, sample):
    page(client, "?q=legal")
    with CaptureQueriesContext(connection) as queries:
        html = page(client, "?q=legal")
    assert "Legal counselling" in html
    read = " ".join(query["sql"] for query in queries.captured_queries)
    for table in (
        "servicephone",
        "servicelanguage",
        "serviceschedule",
        '"services_map_servicelocation"."address_1"',
    ):
        assert table not in read


def test_a_published_change_shows_on_the_next_search(client, sample):
    before = page(client, "?q=legal").count("Free advice on your rights")
    assert before
    service = sample["legal"]
    service.summary = "Advice on residence permits, by appointment."
    service.save_revision().publish()
    html = page(client, "?q=legal")
    assert "Advice on residence permits, by appointment." in html
    assert html.count("Free advice on your rights") == before - 1


def test_a_members_card_with_a_sensitive_address_is_never_shown_to_the_public(client, sample):
    client.force_login(UserFactory(role="Members"))
    assert "Karabağlar" in page(client, "?q=shelter")
    client.logout()
    html = page(client, "?q=shelter")
    assert "Women&#x27;s shelter" in html
    assert "Call first" in html
    assert "Karabağlar" not in html
    assert "38.374" not in html


def test_a_members_only_service_cached_for_a_member_stays_out_of_public_pages(client, sample):
    client.force_login(UserFactory(role="Members"))
    assert "Partner referral line" in page(client)
    assert "Partner referral line" in page(client, "?q=partner")
    client.logout()
    assert "Partner referral line" not in page(client)
    assert "Partner referral line" not in page(client, "?q=partner")
