"""What search engines and link previews read of a public page: its description, Open Graph,
canonical address and language versions, in the page's language and on the public host; the
directory search's title; robots.txt; the icons at the site's root; the 404 page."""

import io
import re
import urllib.parse
import urllib.robotparser
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Locale

from iswg_portal.core.locales import site_home_page
from tests.conftest import read_again
from tests.factories import services_map as build
from tests.factories.meetings import (
    groups_index,
    istanbul,
    make_group,
    make_meeting,
    meetings_index,
    publish,
)

pytestmark = pytest.mark.django_db

HOST = "https://iswg.example.org"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


class HeadTags(HTMLParser):
    """The <title>, <meta> and <link> tags of a page's <head>."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.links, self.title, self._in_title = {}, [], "", False
        self.html_lang = None
        self.feed(html.split("</head>")[0])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs.get("property")
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def canonical(self):
        hrefs = [link["href"] for link in self.links if link.get("rel") == "canonical"]
        assert len(hrefs) == 1, hrefs
        return hrefs[0]

    def alternates(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }


def translate(page, language, **fields):
    """A published translation of the page (its parent translated already), with new words."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    for name, value in fields.items():
        setattr(copy, name, value)
    return publish(copy)


def logo():
    """A real PNG uploaded as an agency's logo."""
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#0b4f8a").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Open Door logo", file=ImageFile(buffer, name="open-door.png")
    )


@pytest.fixture(scope="module")
def pages_for_module(module_data):
    """One public page of each kind, some translated into Turkish, built once for the module
    (see module_data in tests/conftest.py)."""
    home = site_home_page()
    directory = build.directory_page()
    agency = build.agency(directory, "Open Door Association", "ODA")
    agency.logo = logo()
    publish(agency)
    plain_agency = build.agency(directory, "Neighbours Aid", "NA")
    service = build.service(
        agency, "Open legal desk", summary="Free legal advice for refugees in Konak."
    )
    group = make_group(home, title="Protection Working Group", slug="protection")
    pages = {
        "home": home,
        "directory": directory,
        "agency": agency,
        "service": service,
        "plain_service": build.service(plain_agency, "Neighbours kitchen"),
        "groups": groups_index(home),
        "group": group,
        "meetings": meetings_index(home),
        "meeting": make_meeting(group, start=istanbul(2031, 1, 8), title="January meeting"),
    }
    pages["agency_tr"] = translate(agency, "tr")
    pages["service_tr"] = translate(
        service, "tr", summary="Konak'ta mültecilere ücretsiz hukuki danışmanlık."
    )
    return pages


@pytest.fixture
def site_pages(pages_for_module, db):
    """The module's public pages (see pages_for_module), read anew for the test."""
    return read_again(pages_for_module)


@pytest.fixture
def public_host(settings):
    settings.SITE_URL = HOST


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return HeadTags(response.content.decode())


def in_language(page, language):
    """The page's path under a language's prefix, as the language switcher links it."""
    path = page.get_url_parts()[2]
    return f"/{language}/" + path.split("/", 2)[2]


PAGE_KINDS = ["home", "directory", "agency", "service", "groups", "group", "meetings", "meeting"]


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("name", PAGE_KINDS)
def test_public_page_describes_itself_for_search_and_sharing(
    site_pages, client, public_host, name, language
):
    path = in_language(site_pages[name], language)
    tags = head(client, path)
    description = tags.one("description")
    assert description.strip()
    assert tags.one("og:description") == description
    assert tags.one("og:title").strip()
    assert tags.one("og:url") == tags.canonical() == HOST + path
    assert tags.one("og:image").startswith(f"{HOST}/")
    assert tags.one("og:locale") == {"en": "en_GB", "ar": "ar_AR"}[language]


@pytest.mark.parametrize("name", PAGE_KINDS)
def test_public_page_names_its_version_in_every_language(site_pages, client, public_host, name):
    path = in_language(site_pages[name], "ar")
    alternates = head(client, path).alternates()
    assert set(alternates) == {*LANGUAGES, "x-default"}
    assert alternates["ar"] == HOST + path
    assert alternates["x-default"] == alternates["en"]
    for language in LANGUAGES:
        assert alternates[language] == HOST + in_language(site_pages[name], language)


def test_every_language_version_named_as_alternate_answers(site_pages, client, public_host):
    alternates = head(client, in_language(site_pages["service"], "ps")).alternates()
    for href in alternates.values():
        assert client.get(href.removeprefix(HOST)).status_code == 200, href


def test_page_in_the_visitors_language_is_described_in_its_own_words(
    site_pages, client, public_host
):
    tags = head(client, site_pages["service_tr"].get_url_parts()[2])
    assert tags.one("description") == "Konak'ta mültecilere ücretsiz hukuki danışmanlık."
    assert tags.html_lang == "tr"


def test_page_read_in_a_fallback_language_is_described_in_the_visitors_language(
    site_pages, client, public_host
):
    service = site_pages["service"]
    with translation.override("ar"):
        arabic = service.sharing_summary()
    with translation.override("en"):
        english = service.sharing_summary()
    assert arabic != english
    tags = head(client, in_language(service, "ar"))
    assert tags.one("description") == arabic
    assert "Open legal desk" in arabic and "Open Door Association" in arabic
    assert "Free legal advice" not in tags.one("description")


def test_meeting_is_described_by_its_group_and_day_in_the_visitors_language(
    site_pages, client, public_host
):
    description = head(client, in_language(site_pages["meeting"], "tr")).one("description")
    assert "Protection Working Group" in description
    assert "2031" in description
    assert "Ocak" in description  # January, in Turkish


def test_service_preview_shows_its_agencys_logo(site_pages, client, public_host):
    tags = head(client, in_language(site_pages["service"], "ar"))
    image = tags.one("og:image")
    assert re.match(rf"{HOST}/media/images/open-door[^/]*\.png$", image), image
    assert tags.one("og:image:alt") == "Open Door logo"


def test_logo_whose_file_is_gone_leaves_the_page_answering_with_the_site_icon(
    site_pages, client, public_host
):
    agency = build.agency(site_pages["directory"], "Lost Files Association", "LFA")
    agency.logo = logo()
    publish(agency)
    agency.logo.file.storage.delete(agency.logo.file.name)
    image = head(client, in_language(agency, "en")).one("og:image")
    assert image == f"{HOST}/static/img/icons/icon-512.png"


def test_page_without_a_logo_shows_the_site_icon_in_previews(site_pages, client, public_host):
    for name in ("plain_service", "home", "meeting"):
        image = head(client, in_language(site_pages[name], "en")).one("og:image")
        assert image == f"{HOST}/static/img/icons/icon-512.png"
    assert finders.find("img/icons/icon-512.png")


def test_canonical_address_leaves_out_tracking_parameters(site_pages, client, public_host):
    path = in_language(site_pages["service"], "en")
    tags = head(client, path + "?utm_source=whatsapp")
    assert tags.canonical() == HOST + path


# --- The directory search ----------------------------------------------------------------------


@pytest.fixture
def buca(site_pages):
    return build.district("izmir", "Buca")


def test_search_page_is_titled_with_its_words_and_place(site_pages, client, buca):
    directory_tr = site_pages["directory"].get_translation(Locale.objects.get(language_code="tr"))
    tags = head(client, f"/tr/services/?q=psikolojik+destek&district={buca.pk}")
    assert tags.title == f"psikolojik destek — Buca — {directory_tr.title} · ISWG Portalı"
    assert tags.one("og:title") == f"psikolojik destek — Buca — {directory_tr.title}"


def test_search_by_type_and_province_is_titled_with_them(site_pages, client):
    build.province("izmir")
    health = build.category("Health", slug="health")
    with translation.override("en"):
        tags = head(client, f"/en/services/?category={health.slug}&province=izmir")
    assert tags.title.startswith(f"{health.name} — İzmir — ")


def test_directory_without_a_search_keeps_its_own_title(site_pages, client):
    title = site_pages["directory"].title
    assert head(client, "/en/services/").title == f"{title} · ISWG Portal"


def test_search_address_keeps_its_words_not_the_visitors_location(
    site_pages, client, public_host, buca
):
    tags = head(client, f"/ar/services/?q=doctor&district={buca.pk}&lat=38.41&lng=27.13")
    canonical = tags.canonical()
    assert canonical.startswith(f"{HOST}/ar/services/?")
    assert "q=doctor" in canonical and f"district={buca.pk}" in canonical
    assert "lat=" not in canonical and "lng=" not in canonical
    assert tags.alternates()["tr"].startswith(f"{HOST}/tr/services/?")
    assert "q=doctor" in tags.alternates()["tr"]


# --- robots.txt and the icons at the root ---------------------------------------------------


def robots(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_robots_txt_points_to_the_sitemap_on_the_public_host(client, public_host):
    assert f"Sitemap: {HOST}/sitemap.xml" in robots(client).splitlines()


def test_robots_txt_lets_crawlers_read_public_pages_not_the_admin(site_pages, client):
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(robots(client).splitlines())
    for path in ("/en/", "/ar/services/", site_pages["service"].get_url_parts()[2]):
        assert parser.can_fetch("Googlebot", path), path
    assert not parser.can_fetch("Googlebot", "/admin/pages/")


def test_robots_txt_keeps_crawlers_out_of_accounts_and_endless_searches(client):
    disallowed = {
        line.split(":", 1)[1].strip()
        for line in robots(client).splitlines()
        if line.startswith("Disallow:")
    }
    assert {"/admin/", "/*/accounts/", "/*/services/?"} <= disallowed


def test_favicon_ico_is_a_real_icon_in_three_sizes(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = Image.open(io.BytesIO(response.content))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]


@pytest.mark.parametrize("path", ["/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"])
def test_apple_touch_icon_is_an_opaque_180_pixel_png(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.size == (180, 180)
    # iOS paints transparent corners black: the icon fills its square.
    assert image.convert("RGBA").getextrema()[3] == (255, 255)


def test_pages_name_the_apple_touch_icon(site_pages, client):
    links = head(client, "/ar/").links
    assert {"rel": "apple-touch-icon", "href": "/apple-touch-icon.png"} in links


def test_pages_carry_the_favicon_itself_so_no_request_goes_for_it(site_pages, client):
    icon = next(link for link in head(client, "/ar/").links if link.get("rel") == "icon")
    assert icon["type"] == "image/svg+xml"
    assert icon["href"].startswith("data:image/svg+xml,")
    drawn = urllib.parse.unquote(icon["href"].split(",", 1)[1])
    source = Path(finders.find("img/favicon.svg")).read_text()
    # The same drawing: every shape of the file, in the same colours.
    for shape in re.findall(r"<(rect|circle|polygon)\b", source):
        assert f"<{shape} " in drawn
    assert drawn.count("#0b4f8a") == source.count("#0b4f8a")
    assert drawn.count("<") == source.count("<") - source.count("<!--")


def test_app_icons_are_drawn_from_the_favicon():
    """The committed PNG and ICO files are what make_app_icons draws from favicon.svg now."""
    from iswg_portal.core.management.commands import make_app_icons

    shapes = make_app_icons.read_favicon(finders.find("img/favicon.svg"))
    for name, (size, full_bleed) in make_app_icons.PNG_ICONS.items():
        drawn = make_app_icons.draw_icon(shapes, size, full_bleed).convert("RGBA")
        committed = Image.open(finders.find(f"img/{name}")).convert("RGBA")
        assert committed.tobytes() == drawn.tobytes(), name


# --- The 404 page -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "tr"])
def test_not_found_page_speaks_the_addresss_language_and_keeps_the_reader_in_it(
    site_pages, client, language
):
    response = client.get(f"/{language}/services/no-such-agency/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    with translation.override(language):
        assert translation.gettext("Page not found") in html
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert f'action="/{language}/services/"' in main
    assert 'name="q"' in main
    links = re.findall(r'href="([^"]*)"', main)
    assert len(links) >= 4
    assert all(link.startswith(f"/{language}/") for link in links), links
