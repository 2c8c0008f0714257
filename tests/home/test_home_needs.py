"""The home page for a person looking for help: needs as tiles into the directory, the place
they are in carried into every link, helplines in their language, and the working group's
meetings below, under their own heading."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from services_map.models import District, ServiceCategory
from tests.factories import meetings as meetings_build
from tests.factories import services_map as build

LANGUAGES = ["en", "tr", "ar", "fa", "ps", "kmr"]


@pytest.fixture(scope="module")
def directory(module_data):
    """Health (a sector) and legal counselling (a type of service of Protection), named in
    Turkish too; a clinic in Konak and one in Bodrum, a legal desk in Buca; two helplines, one
    of İzmir only; and an upcoming meeting written in English only."""
    page = build.directory_page()
    agency = build.agency(page)
    health = build.category("Health", slug="health")
    protection = build.category("Protection", slug="protection")
    legal = build.category("Legal counselling", parent=protection, slug="legal-counselling")
    turkish = Locale.objects.get(language_code="tr")
    for english, name in ((health, "Sağlık"), (protection, "Koruma")):
        ServiceCategory.objects.create(
            locale=turkish, slug=english.slug, name=name, translation_key=english.translation_key
        )
    build.service(agency, "Konak clinic", place=("izmir", "Konak"), categories=[health])
    build.service(agency, "Bodrum clinic", place=("mugla", "Bodrum"), categories=[health])
    build.service(
        agency, "Buca legal desk", place=("izmir", "Buca"), categories=[protection, legal]
    )
    build.helpline("112", {"en": "Emergency", "tr": "Acil Çağrı", "fa": "اورژانس"}, order=10)
    build.helpline("153", {"en": "İzmir municipality"}, order=50, province=build.province("izmir"))
    home = page.get_parent()
    group = meetings_build.make_group(home, title="Protection working group")
    meetings_build.make_meeting(group, title="Monthly protection meeting")
    return page


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def tiles(page_html):
    """The need tiles' links and names."""
    found = re.findall(
        r'<a class="need-tile" href="([^"]+)">.*?<span>([^<]+)</span></a>', page_html, re.S
    )
    return {name: html.unescape(href) for href, name in found}


def result_titles(page_html):
    return set(
        re.findall(r'class="directory-result__title"[^>]*><a href="[^"]+">([^<]+)</a>', page_html)
    )


def district_id(name):
    return District.objects.get(name=name).pk


@pytest.mark.django_db
def test_each_sector_and_type_of_service_has_a_tile_into_the_directory(client, directory):
    links = tiles(get(client, "/en/"))
    assert links["Health"] == "/en/services/?category=health"
    assert links["Protection"] == "/en/services/?category=protection"
    assert links["Legal counselling"] == "/en/services/?category=legal-counselling"


@pytest.mark.django_db
def test_a_tile_leads_to_the_services_of_its_need(client, directory):
    links = tiles(get(client, "/en/"))
    assert result_titles(get(client, links["Health"])) == {"Konak clinic", "Bodrum clinic"}
    assert result_titles(get(client, links["Legal counselling"])) == {"Buca legal desk"}


@pytest.mark.django_db
def test_tiles_are_named_in_the_readers_language(client, directory):
    links = tiles(get(client, "/tr/"))
    assert links["Sağlık"] == "/tr/services/?category=health"
    # Not named in Kurmanji: the Turkish name, its nearest language.
    assert "Sağlık" in tiles(get(client, "/kmr/"))


@pytest.mark.django_db
def test_the_chosen_place_is_carried_into_every_tile_and_the_search(client, directory):
    konak = district_id("Konak")
    page_html = get(client, f"/en/?province=izmir&district={konak}")
    assert tiles(page_html)["Health"] == f"/en/services/?district={konak}&category=health"
    assert f'<input type="hidden" name="district" value="{konak}">' in page_html
    assert f'href="/en/services/?district={konak}&amp;open_now=1"' in page_html
    assert f'<option value="{konak}" data-province="izmir" selected>' in page_html


@pytest.mark.django_db
def test_a_tap_on_a_need_at_a_place_finds_the_services_there(client, directory):
    page_html = get(client, f"/en/?district={district_id('Konak')}")
    assert result_titles(get(client, tiles(page_html)["Health"])) == {"Konak clinic"}


@pytest.mark.django_db
def test_a_province_alone_is_carried_into_the_directory(client, directory):
    page_html = get(client, "/en/?province=mugla&district=")
    assert tiles(page_html)["Health"] == "/en/services/?province=mugla&category=health"
    all_here = re.search(r'<a href="([^"]+)">All services in Muğla</a>', page_html)
    assert result_titles(get(client, html.unescape(all_here.group(1)))) == {"Bodrum clinic"}


@pytest.mark.django_db
def test_a_district_of_another_province_than_the_one_given_brings_its_own(client, directory):
    page_html = get(client, f"/ar/?province=mugla&district={district_id('Buca')}")
    assert '<option value="izmir" selected>' in page_html
    assert '<option value="mugla" selected>' not in page_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["province=nowhere", "district=abc", "district=999999", "district=-1&province="]
)
def test_an_unknown_place_is_left_out(client, directory, query):
    page_html = get(client, f"/en/?{query}")
    assert tiles(page_html)["Health"] == "/en/services/?category=health"
    assert "All services in" not in page_html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "name"),
    [("en", "Emergency"), ("tr", "Acil Çağrı"), ("kmr", "Acil Çağrı"), ("ps", "اورژانس")],
)
def test_helplines_are_shown_in_the_readers_language_or_the_nearest(client, directory, code, name):
    page_html = get(client, f"/{code}/")
    section = page_html[page_html.index('aria-labelledby="helplines-heading"') :]
    assert re.search(
        rf'href="tel:112"><bdi class="helpline__number" dir="ltr">112</bdi> '
        rf'<span class="helpline__name">{name}</span>',
        section,
    )


@pytest.mark.django_db
def test_a_provinces_own_helpline_is_shown_once_the_visitor_is_there(client, directory):
    assert "İzmir municipality" not in get(client, "/en/")
    assert "İzmir municipality" in get(client, f"/en/?district={district_id('Buca')}")


@pytest.mark.django_db
def test_the_working_groups_meetings_come_last_under_their_own_heading(client, directory):
    page_html = get(client, "/en/")
    order = [
        page_html.index(marker)
        for marker in (
            'id="search-heading"',
            'id="place-heading"',
            'id="needs-heading"',
            'id="helplines-heading"',
            'id="working-group-heading"',
            'id="upcoming-heading"',
            'id="minutes-heading"',
        )
    ]
    assert order == sorted(order)
    assert '<h2 id="working-group-heading">The working group\'s meetings</h2>' in page_html


@pytest.mark.django_db
def test_a_meeting_in_another_language_says_which(client, directory):
    page_html = get(client, "/ar/")
    card = page_html[page_html.index("Monthly protection meeting") :][:200]
    assert '<span class="badge badge--language">English</span>' in card
    assert 'lang="en" dir="ltr">Monthly protection meeting' in page_html
    assert "badge--language" not in get(client, "/en/")


@pytest.mark.django_db
def test_the_home_page_asks_the_same_number_of_queries_whatever_it_lists(client, directory):
    url = f"/en/?district={district_id('Buca')}"

    def queries():
        client.get(url)  # the directory's vocabularies are cached on the first visit
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    before = queries()
    for number in range(5):
        build.helpline(f"18{number}", {"en": f"Line {number}", "ar": f"خط {number}"})
    build.category("Education", slug="education")
    home = directory.get_parent()
    group = meetings_build.make_group(home, title="Education working group")
    for day in range(1, 4):
        meetings_build.make_meeting(group, start=meetings_build.istanbul(2031, 2, day))
    assert queries() == before


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGES)
def test_the_header_offers_the_languages_behind_one_control_and_no_sign_in(client, home_page, code):
    page_html = get(client, f"/{code}/")
    header = page_html[page_html.index("<header") : page_html.index("</header>")]
    switcher = header[header.index('<details class="language-switcher">') :]
    assert "<summary>" in switcher
    assert len(re.findall(r'<a href="[^"]+" lang="[^"]+" dir="[^"]+" hreflang=', switcher)) == 6
    assert "/accounts/login/" not in header
    footer = page_html[page_html.index("<footer") :]
    assert f'href="/{code}/accounts/login/"' in footer


@pytest.mark.django_db
def test_a_signed_in_person_keeps_a_compact_account_link_in_the_header(client, home_page):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role="Members"))
    page_html = get(client, "/en/")
    header = page_html[page_html.index("<header") : page_html.index("</header>")]
    assert 'class="site-header__account" href="/en/accounts/profile/"' in header
    assert "Sign out" in page_html[page_html.index("<footer") :]
