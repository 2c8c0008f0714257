"""The home page and the site's frame, in every interface language."""

import re

import pytest
from django.conf import settings

from home.demo import HOME_TEXT

LANGUAGE_DIRECTIONS = [
    ("en", "ltr"),
    ("tr", "ltr"),
    ("ar", "rtl"),
    ("fa", "rtl"),
    ("ps", "rtl"),
    ("kmr", "ltr"),
]
ALL_CODES = [code for code, _name in LANGUAGE_DIRECTIONS]


@pytest.mark.parametrize(("code", "direction"), LANGUAGE_DIRECTIONS)
def test_home_page_renders_with_language_and_direction(client, home_page, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode()


@pytest.mark.parametrize(
    ("code", "heading"),
    [("ps", "خپل ځان ته نږدې یو خدمت ومومئ"), ("kmr", "Xizmetekê li nêzî xwe bibîne")],
)
def test_pashto_and_kurmanji_home_pages_speak_their_own_language(client, home_page, code, heading):
    html = client.get(f"/{code}/").content.decode()
    assert f'<h1 id="search-heading">{heading}</h1>' in html
    assert "Find a service near you" not in html


def test_home_page_puts_the_service_search_first(client, home_page):
    html = client.get("/tr/").content.decode()
    main = html[html.index('<main id="main"') :]
    first_form = re.search(r"<form[^>]*>", main).group(0)
    assert 'action="/tr/services/"' in first_form
    assert main.index("search-box") < main.index("upcoming-heading")


def test_home_page_shows_human_empty_states(client, home_page):
    html = client.get("/en/").content.decode()
    assert "No meetings are scheduled yet." in html
    assert "No minutes have been published yet." in html
    assert "TODO" not in html


def test_home_page_frame_has_skip_link_navigation_and_footer(client, home_page):
    html = client.get("/en/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    for label in ("Services", "Thematic groups", "Meetings", "Sign in"):
        assert f">{label}</a>" in html
    assert "<footer" in html


def test_the_portal_speaks_exactly_these_six_languages():
    assert [code for code, _name in settings.LANGUAGES] == ALL_CODES


def test_each_language_shows_its_own_home_page_text(client, home_page):
    assert "Ege bölgesinin on ilindeki" in client.get("/tr/").content.decode()
    assert "خدمات للاجئين في المحافظات العشر" in client.get("/ar/").content.decode()


@pytest.mark.parametrize("code", ALL_CODES)
def test_home_page_renders_its_own_introduction_in_every_language(client, home_page, code):
    _title, intro = HOME_TEXT[code]
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<p class="lead">{intro}</p>' in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("tr-TR,tr;q=0.9", "/tr/"),
        ("ar", "/ar/"),
        ("fa-IR", "/fa/"),
        ("ps-AF,ps;q=0.9,fa;q=0.5", "/ps/"),
        ("kmr", "/kmr/"),
        ("ku", "/kmr/"),
        ("de-DE", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(client, home_page, accept, expected):
    response = client.get("/", headers={"accept-language": accept} if accept else {})
    assert response.status_code == 302
    assert response.url == expected


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, home_page):
    html = client.get("/ar/accounts/login/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for code in ALL_CODES:
        assert f'href="/{code}/accounts/login/"' in switcher
    assert 'aria-current="true"' in switcher


def test_language_switcher_lists_six_languages_each_named_in_itself(client, home_page):
    html = client.get("/kmr/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)" lang="([^"]+)" dir="([^"]+)"[^>]*>([^<]+)</a>', switcher)
    assert [(code, direction) for _href, code, direction, _name in links] == LANGUAGE_DIRECTIONS
    names = [name for *_rest, name in links]
    assert names == ["English", "Türkçe", "العربية", "فارسی", "پښتو", "Kurmancî"]
    assert switcher.count('aria-current="true"') == 1
    assert 'lang="kmr" dir="ltr" hreflang="kmr" aria-current="true"' in switcher


def test_language_switcher_on_a_page_links_to_its_translations(client, home_page):
    html = client.get("/tr/").content.decode()
    switcher = html[html.index('class="language-switcher"') :]
    for code in ALL_CODES:
        assert f'href="/{code}/"' in switcher


def test_unknown_page_is_a_friendly_404(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "role, shown", [("Members", False), ("Agency editors", True), ("Co-chairs", True)]
)
def test_the_admin_link_is_shown_to_those_who_may_use_the_admin(client, home_page, role, shown):
    from tests.factories import UserFactory

    client.force_login(UserFactory(role=role))
    html = client.get("/en/").content.decode()
    assert ('href="/admin/"' in html) is shown
