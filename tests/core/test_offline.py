"""Installable: the web app manifest and its icons."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

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


def test_every_page_links_the_manifest(client, home_page):
    html = client.get("/ar/").content.decode()
    assert '<link rel="manifest" href="/ar/manifest.webmanifest">' in html


def test_pages_may_load_the_manifest(client, home_page):
    policy = client.get("/en/")["Content-Security-Policy"]
    assert "manifest-src 'self'" in policy
