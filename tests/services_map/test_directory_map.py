"""The directory's map: pins by sector with a legend in the visitor's language, popups that say
where, whom to call and today's hours, and nothing the public must not see."""

import datetime
import json
import re

import pytest

from iswg_portal.core.time import local_today
from services_map.map_pins import OTHER, SECTOR_STYLES, pin_sector, sector_pins
from services_map.models import ServicePage, ServiceSchedule

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(sample_for_module):
    return sample_for_module


def markers(client, query=""):
    response = client.get(f"/en/services/map/{query}")
    assert response.status_code == 200
    return response


def by_title(response):
    return {marker[2]: marker for marker in response.json()["markers"]}


def test_each_pin_says_its_sector_address_and_phone(client, sample):
    legal = by_title(markers(client))["Legal counselling"]
    assert legal[:4] == [38.3881, 27.1753, "Legal counselling", sample["legal"].get_url()]
    assert legal[4:7] == ["protection", "Atatürk Caddesi No: 1, Buca, İzmir", "0232 000 00 00"]


def test_pins_of_each_sector_differ(client, sample):
    sectors = {title: marker[4] for title, marker in by_title(markers(client)).items()}
    assert sectors == {
        "Legal counselling": "protection",
        "Psychosocial support": "health",
        "Turkish course": "education",
        "Migrant Health Centre": "health",
    }


def test_a_popup_gives_todays_hours_in_turkish_time(client, sample):
    today = local_today().isoweekday()
    ServiceSchedule.objects.create(
        page=sample["legal"],
        weekday=today,
        opens_at=datetime.time(9),
        closes_at=datetime.time(12, 30),
    )
    ServiceSchedule.objects.create(
        page=sample["legal"], weekday=today, opens_at=datetime.time(13), closes_at=datetime.time(17)
    )
    ServiceSchedule.objects.create(
        page=sample["course"],
        weekday=today % 7 + 1,
        opens_at=datetime.time(9),
        closes_at=datetime.time(17),
    )
    found = by_title(markers(client))
    assert found["Legal counselling"][7] == "Today: 09:00–12:30, 13:00–17:00"
    assert found["Turkish course"][7] == "Closed today"
    # No hours given: the popup says nothing about them.
    assert found["Migrant Health Centre"][7] == ""


def test_a_temporarily_closed_service_never_says_its_hours(client, sample):
    ServicePage.objects.filter(pk=sample["course"].pk).update(
        status=ServicePage.Status.TEMPORARILY_CLOSED
    )
    ServiceSchedule.objects.create(
        page=sample["course"],
        weekday=local_today().isoweekday(),
        opens_at=datetime.time(9),
        closes_at=datetime.time(17),
    )
    assert by_title(markers(client))["Turkish course"][7] == "Temporarily closed."


def test_the_public_map_never_carries_an_internal_service_or_a_protection_sensitive_place(
    client, sample
):
    body = markers(client).content.decode()
    assert "Partner referral line" not in body
    assert "Women" not in body
    assert "Karabağlar" not in body
    assert "38.374" not in body
    assert "27.128," not in body


def test_the_map_data_says_nothing_the_service_page_does_not(client, sample):
    # Eight fields a place: no e-mail, no notes, no referral channel, no flags.
    assert {len(marker) for marker in markers(client).json()["markers"]} == {8}


def test_map_data_reads_the_same_few_queries_however_many_places(
    client, sample, django_assert_max_num_queries
):
    markers(client)
    with django_assert_max_num_queries(12):
        markers(client, "?province=izmir")


def test_the_legend_names_every_sector_in_the_visitors_language(client, sample):
    html = client.get("/en/services/").content.decode()
    legend = re.search(r'<div class="map-legend".*?</div>', html, re.S)[0]
    names = [
        re.sub(r"<[^>]+>|\s+", " ", item).strip()
        for item in re.findall(r"<li.*?</li>", legend, re.S)
    ]
    assert names == ["Education", "Health", "Protection", "Other services"]
    assert 'data-sector="protection"' in legend


def test_no_ordinary_sector_is_red():
    for style in SECTOR_STYLES.values():
        red, green, blue = (int(style.fill[i : i + 2], 16) for i in (1, 3, 5))
        assert not (red > 180 and green < 110 and blue < 110), style


def test_every_pin_of_the_legend_differs_in_symbol_as_well_as_colour():
    sectors = [{"slug": slug, "name": slug} for slug in (*SECTOR_STYLES, "shelter", "wash")]
    pins = sector_pins(sectors)
    assert len({pin.style.symbol for pin in pins}) == len(pins)
    assert len({pin.style.fill for pin in pins}) == len(pins)
    assert pins[-1].slug == OTHER


def test_a_service_in_several_sectors_is_pinned_by_most_of_its_categories():
    sector_of = {1: "health", 2: "protection", 3: "protection", 4: "education"}
    order = ["education", "health", "protection"]
    assert pin_sector([1, 2, 3], sector_of, order) == "protection"
    assert pin_sector([1, 4], sector_of, order) == "education"
    assert pin_sector([], sector_of, order) == OTHER


def test_the_footer_names_the_host_the_map_images_come_from(client, sample, settings):
    settings.MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    text = re.sub(r"\s+", " ", client.get("/en/services/").content.decode())
    assert (
        "It loads nothing from other websites, except the images of the map, from "
        "tile.openstreetmap.org, and only when you open the map." in text
    )


def test_the_footer_promises_nothing_from_other_websites_with_tiles_of_our_own(
    client, sample, settings
):
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    html = client.get("/en/services/").content.decode()
    assert "This site uses no tracking and loads nothing from other websites." in html


def test_map_json_is_plain_utf8(client, sample):
    response = markers(client)
    assert json.loads(response.content.decode("utf-8"))["markers"]
