"""The directory's results on a phone: the count and the filters in use first, each filter
removable with one plain link, the filter panel one tap away, the same search in another
language, and cards that say whether one can go now."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from services_map.hours import opening_status
from services_map.models import ServicePage, ServiceSchedule
from tests.factories import services_map as build

from .test_directory_page import count_queries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sample")]


@pytest.fixture
def sample(sample_for_module):
    """Every test of this module reads the same sample directory, built once."""
    return sample_for_module


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def chips(html):
    """{visible label: remove link} of the filters in use above the results."""
    return {
        chip.find("bdi").get_text(strip=True): chip["href"]
        for chip in html.select(".directory__chips a.chip")
        if chip.find("bdi")
    }


def checked(html):
    return sorted(f"{box['name']}={box['value']}" for box in html.select("#filters input[checked]"))


def card(html, title):
    """The result card of the service with this title."""
    for result in html.select(".directory-result"):
        if result.select_one(".directory-result__title a").get_text(strip=True) == title:
            return result
    raise AssertionError(f"no card for {title}")


def all_day_every_day():
    """Opening periods that cover every moment of the week."""
    return [(day, datetime.time(0, 0), datetime.time(12, 0)) for day in range(1, 8)] + [
        (day, datetime.time(12, 0), datetime.time(0, 0)) for day in range(1, 8)
    ]


# --- Chips -----------------------------------------------------------------------------------


def test_each_filter_in_use_shows_as_a_chip_above_the_results(client):
    html = soup(client, "/en/services/?province=izmir&free=1&language=ar")
    labels = list(chips(html))
    assert labels == ["Free of charge", "İzmir", "العربية (Arabic)"]
    # The chips come before the first result.
    text = str(html)
    assert text.index("directory__chips") < text.index('class="directory-result"')


def test_a_chips_link_gives_the_same_search_without_that_filter(client):
    html = soup(client, "/en/services/?q=legal&province=izmir&free=1&language=ar")
    without_izmir = soup(client, "/en/services/" + chips(html)["İzmir"])
    assert checked(without_izmir) == ["free=1", "language=ar"]
    assert without_izmir.select_one("#id_q")["value"] == "legal"
    assert list(chips(without_izmir)) == ["Free of charge", "العربية (Arabic)"]


def test_removing_the_last_chip_lists_every_service_again(client):
    html = soup(client, "/en/services/?free=1")
    assert "4 services found" in html.select_one("#results-heading").get_text()
    everything = soup(client, "/en/services/" + chips(html)["Free of charge"])
    assert "5 services found" in everything.select_one("#results-heading").get_text()
    assert not everything.select(".directory__chips")


def test_the_remove_link_names_the_filter_for_screen_readers(client):
    html = soup(client, "/en/services/?province=izmir")
    chip = html.select_one(".directory__chips a.chip")
    assert chip.get_text(" ", strip=True).startswith("Remove the filter Province: İzmir")


def test_a_shared_location_is_a_chip_that_forgets_it(client):
    html = soup(client, "/en/services/?lat=38.39&lng=27.17&sort=distance")
    forget = chips(html)["From where you are"]
    assert "lat=" not in forget
    assert "lng=" not in forget


def test_two_filters_or_more_can_be_cleared_at_once_from_the_chips(client):
    html = soup(client, "/en/services/?q=legal&province=izmir&free=1")
    clear = html.select_one(".directory__chips a.chip--clear")
    assert clear["href"] == "?q=legal"


def test_chips_are_in_the_visitors_language(client):
    html = soup(client, "/ar/services/?province=izmir&free=1")
    assert list(chips(html)) == ["مجانًا", "إزمير (İzmir)"]


# --- The filter panel -------------------------------------------------------------------------


def test_the_filters_link_at_the_top_opens_the_panel_without_javascript(client):
    html = soup(client, "/en/services/?province=izmir&free=1")
    link = html.select_one("a[data-filters-open]")
    assert link["href"] == "#filters"
    assert link.get_text(" ", strip=True) == "Filters (2)"
    panel = html.select_one("#filters")
    assert panel.select("input[type=checkbox][name=province]")
    # The link comes before the results; the panel after them, with a way back.
    text = str(html)
    assert text.index("data-filters-open") < text.index('class="directory-result"')
    assert panel.select_one("a[data-filters-close]")["href"] == "#directory-results"
    assert panel.select_one("button[type=submit]").get_text(strip=True) == "Apply filters"


def test_the_count_has_a_live_region_for_screen_readers(client):
    html = soup(client, "/en/services/")
    announcer = html.select_one("[data-results-announcer]")
    assert announcer["role"] == "status"
    # Outside the regions the script swaps, so it stays in place to be heard.
    assert not announcer.find_parent(attrs={"data-directory-region": True})


# --- The language switcher --------------------------------------------------------------------


def test_the_language_switcher_keeps_the_search_and_its_filters(client):
    html = soup(client, "/en/services/?q=legal&province=izmir&free=1")
    link = html.select_one('a[hreflang="tr"]')["href"]
    assert link == "/tr/services/?q=legal&province=izmir&free=1"
    turkish = soup(client, link)
    assert checked(turkish) == ["free=1", "province=izmir"]
    assert turkish.select_one("#id_q")["value"] == "legal"


def test_the_language_switcher_adds_nothing_to_a_page_without_a_query(client):
    html = soup(client, "/en/services/")
    assert html.select_one('a[hreflang="ar"]')["href"] == "/ar/services/"


# --- Cards ------------------------------------------------------------------------------------


def test_a_card_gives_todays_hours_and_whether_the_service_is_open(client, sample):
    today = timezone.localtime().isoweekday()
    build.service(
        sample["legal"].get_parent(),
        "Evening clinic",
        schedules=[(today, datetime.time(0, 0), datetime.time(0, 1))],
    )
    result = card(soup(client, "/en/services/?q=evening+clinic"), "Evening clinic")
    hours = result.select_one(".directory-result__hours").get_text(" ", strip=True)
    assert "Today: 00:00–00:01" in hours
    now = timezone.localtime().time()
    assert ("Open now" in hours) == (now < datetime.time(0, 1))


def test_a_card_says_open_now_when_the_service_is_open(client, sample):
    build.service(sample["legal"].get_parent(), "Always open desk", schedules=all_day_every_day())
    result = card(soup(client, "/en/services/?q=always+open+desk"), "Always open desk")
    assert "Open now" in result.select_one(".directory-result__hours").get_text()
    assert "Walk in" in result.select_one(".directory-result__badges").get_text()


def test_a_temporarily_closed_service_never_says_open_now_or_walk_in(client, sample):
    closed = build.service(
        sample["legal"].get_parent(),
        "Closed for repairs desk",
        schedules=all_day_every_day(),
        access_method=ServicePage.AccessMethod.WALK_IN,
        status=ServicePage.Status.TEMPORARILY_CLOSED,
    )
    listing = card(soup(client, "/en/services/?q=repairs+desk"), "Closed for repairs desk")
    text = listing.get_text(" ", strip=True)
    assert "Temporarily closed" in text
    assert "Open now" not in text
    assert "Walk in" not in text
    page = soup(client, closed.url).select_one("main").get_text(" ", strip=True)
    assert "Temporarily closed" in page
    assert "Open now" not in page
    assert "Walk in" not in page


def test_a_temporarily_closed_service_is_not_found_by_open_now(client, sample):
    build.service(
        sample["legal"].get_parent(),
        "Closed for repairs desk",
        schedules=all_day_every_day(),
        status=ServicePage.Status.TEMPORARILY_CLOSED,
    )
    html = soup(client, "/en/services/?q=repairs+desk&open_now=1")
    assert not html.select(".directory-result")


def test_opening_status_of_a_temporarily_closed_service_is_closed_without_a_next_opening():
    periods = [
        ServiceSchedule(weekday=day, opens_at=opens, closes_at=closes)
        for day, opens, closes in all_day_every_day()
    ]
    status = opening_status(periods, timezone.now(), temporarily_closed=True)
    assert not status.is_open
    assert status.opens_at is None
    assert status.temporarily_closed


def test_a_card_gives_a_distance_only_from_the_visitors_own_location(client):
    html = soup(client, "/en/services/?lat=38.3890&lng=27.1760&sort=distance")
    badges = card(html, "Legal counselling").select_one(".directory-result__badges")
    assert "km away" in badges.get_text()


def test_with_a_district_ticked_a_card_names_the_district_instead_of_a_distance(client):
    buca = build.district("izmir", "Buca").pk
    html = soup(client, f"/en/services/?province=izmir&district={buca}&sort=distance")
    badges = card(html, "Legal counselling").select_one(".directory-result__badges")
    assert "In Buca" in badges.get_text()
    assert "km away" not in html.select_one(".directory__list").get_text()


def test_a_card_lists_the_languages_spoken(client):
    html = soup(client, "/en/services/?q=legal")
    languages = card(html, "Legal counselling").select_one(".directory-result__languages")
    assert languages.get_text(" ", strip=True).startswith("Languages spoken:")
    assert {span["lang"] for span in languages.select("span[lang]")} == {"ar", "tr"}


def test_cards_hours_cost_no_query_per_card(client, sample):
    agency = sample["legal"].get_parent()
    kurdish = build.language("ku", "Kurdish")
    for n in range(2):
        build.service(agency, f"Clinic {n}", languages=[kurdish], schedules=build.weekdays())
    few = count_queries(client, "/en/services/?language=ku")
    for n in range(2, 12):
        build.service(agency, f"Clinic {n}", languages=[kurdish], schedules=build.weekdays())
    assert count_queries(client, "/en/services/?language=ku") == few
