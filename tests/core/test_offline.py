"""Installable and readable offline: the web app manifest, its icons and the service worker."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from iswg_portal.accounts.roles import MEMBERS
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db

REQUIRED_MEMBERS = {
    "name",
    "short_name",
    "icons",
    "start_url",
    "display",
    "theme_color",
    "background_color",
    "lang",
    "dir",
}


def manifest_of(client, code):
    response = client.get(f"/{code}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    return json.loads(response.content)


def static_file(url):
    """The file behind a static URL, found the way collectstatic finds it."""
    assert url.startswith(settings.STATIC_URL)
    return finders.find(url[len(settings.STATIC_URL) :])


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ar", "rtl"), ("fa", "rtl")])
def test_manifest_is_json_with_what_a_phone_needs_to_install_the_site(
    client, home_page, code, direction
):
    manifest = manifest_of(client, code)
    assert manifest.keys() >= REQUIRED_MEMBERS
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == f"/{code}/"
    assert manifest["scope"] == "/"
    assert manifest["lang"] == code
    assert manifest["dir"] == direction
    assert len(manifest["short_name"]) <= 12


def test_manifest_names_the_site_in_the_visitors_language(client, home_page):
    assert manifest_of(client, "en")["name"] == "ISWG Portal"
    assert manifest_of(client, "ar")["name"] != "ISWG Portal"


def test_manifest_theme_colour_is_the_header_colour_of_the_stylesheet(client, home_page):
    stylesheet = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    brand = re.search(r"--colour-brand:\s*(#[0-9a-fA-F]{6})", stylesheet).group(1)
    assert manifest_of(client, "en")["theme_color"].lower() == brand.lower()


def test_manifest_icons_exist_at_their_declared_sizes(client, home_page):
    icons = manifest_of(client, "en")["icons"]
    for icon in icons:
        path = static_file(icon["src"])
        assert path, icon["src"]
        if icon["type"] == "image/png":
            width, height = (int(side) for side in icon["sizes"].split("x"))
            with Image.open(path) as image:
                assert image.format == "PNG"
                assert image.size == (width, height)
    sizes = {icon["sizes"] for icon in icons if icon.get("purpose", "any") == "any"}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in icons)


def test_maskable_icon_fills_its_square(client, home_page):
    maskable = next(
        icon for icon in manifest_of(client, "en")["icons"] if icon.get("purpose") == "maskable"
    )
    with Image.open(static_file(maskable["src"])) as image:
        corners = [(0, 0), (image.width - 1, 0), (0, image.height - 1)]
        rgba = image.convert("RGBA")
        assert all(rgba.getpixel(corner)[3] == 255 for corner in corners)


def test_every_page_links_the_manifest_and_the_offline_script(client, home_page):
    html = client.get("/ar/").content.decode()
    assert '<link rel="manifest" href="/ar/manifest.webmanifest">' in html
    assert re.search(
        r'<script src="/static/js/offline-copies\.js" data-worker="/sw.js" defer>', html
    )


def test_offline_note_is_written_in_the_page_hidden(client, home_page):
    html = client.get("/en/").content.decode()
    note = re.search(r"<p [^>]*data-offline-note hidden>(.*?)</p>", html, re.S).group(1)
    assert "Offline copy from <time></time>." in note


def test_service_worker_is_served_from_the_root_for_the_whole_site(client, home_page):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "max-age=0"} <= directives


def test_service_worker_stores_the_stylesheet_a_kept_page_needs(client, home_page):
    script = client.get("/sw.js").content.decode()
    assert f'"{settings.STATIC_URL}css/portal.css"' in script
    # Nothing else: each file more is one request more on a visitor's first visit.
    assert "offline-copies.js" not in script
    assert "favicon.svg" not in script


def test_pages_may_register_the_worker_and_the_manifest(client, home_page):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy
    assert "manifest-src 'self'" in policy
    assert "'unsafe-inline'" not in policy


@pytest.fixture
def service(home_page):
    directory = build.directory_page()
    return build.service(build.agency(directory), "Legal counselling")


def test_public_service_page_and_search_are_offered_for_offline_reading(client, service):
    assert client.get(service.get_url())["X-Offline-Copy"] == "service"
    assert client.get("/en/services/?q=legal")["X-Offline-Copy"] == "search"


def test_home_and_the_directorys_first_page_are_offered_as_start_pages(client, service):
    assert client.get("/ar/")["X-Offline-Copy"] == "start"
    assert client.get("/en/services/")["X-Offline-Copy"] == "start"


def test_a_print_sheet_is_offered_for_offline_reading(client, service):
    assert client.get("/en/services/print/?province=izmir")["X-Offline-Copy"] == "print"


def test_other_pages_are_not_offered_for_offline_reading(client, service):
    for url in [service.get_parent().get_url(), "/en/accounts/login/", "/sw.js"]:
        assert "X-Offline-Copy" not in client.get(url), url


def test_nothing_a_signed_in_visitor_sees_is_offered_for_offline_reading(client, service):
    client.force_login(UserFactory(role=MEMBERS))
    for url in [service.get_url(), "/en/services/?q=legal", "/en/", "/en/offline/"]:
        response = client.get(url)
        assert "X-Offline-Copy" not in response
        assert "no-store" in response["Cache-Control"]


def test_the_worker_keeps_the_start_pages_of_the_visitors_language(client, service):
    script = client.get("/sw.js?lang=ar").content.decode()
    start_urls = json.loads(re.search(r"var START_URLS = (\[.*?\]);", script).group(1))
    assert start_urls == ["/ar/", "/ar/services/", "/ar/offline/"]
    assert 'var LANGUAGE = "ar";' in script


def test_the_worker_for_an_unknown_language_keeps_the_english_start_pages(client, service):
    script = client.get("/sw.js?lang=<script>").content.decode()
    assert '["/en/", "/en/services/", "/en/offline/"]' in script
    assert "<script>" not in script


def test_the_worker_version_changes_with_the_language(client, service):
    def version(code):
        script = client.get(f"/sw.js?lang={code}").content.decode()
        return re.search(r'var VERSION = "([0-9a-f]+)";', script).group(1)

    assert version("ar") != version("tr")


def test_the_saved_pages_list_is_in_the_visitors_language_and_kept(client, service):
    response = client.get("/fa/offline/")
    assert response.status_code == 200
    assert response["X-Offline-Copy"] == "offline"
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert "پنج جست‌وجوی آخر شما" in html
    assert re.search(r"<div [^>]*data-offline-unsaved hidden>", html)
    for kind in ["service", "search", "print"]:
        assert f'<ul class="offline-list" data-offline-list="{kind}"></ul>' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<template data-offline-item><li><a href=""></a>' in html
