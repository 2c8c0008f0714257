"""What only a browser shows of directions, "Share" and the map: the link each phone's own map
app opens, the share sheet or its fallback, and the map's legend and popups."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0 Mobile Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
    "Safari/537.36"
)


@pytest.fixture
def phone_page(chromium, user_agent):
    """A page at phone width with this browser's user agent, refusing every other host."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 640}, user_agent=user_agent, service_workers="block"
    )
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://localhost", "http://127.0.0.1"))
            else route.abort()
        ),
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("user_agent", "opens"),
    [
        (ANDROID, "geo:38.38810,27.17530?q=38.38810,27.17530("),
        (IPHONE, "https://maps.apple.com/?daddr=38.38810,27.17530"),
        (DESKTOP, "https://www.openstreetmap.org/directions?to=38.38810,27.17530"),
    ],
)
def test_directions_open_the_map_app_of_the_visitors_phone(
    live_server, directory_site, phone_page, opens
):
    page = phone_page
    page.goto(live_server.url + directory_site["ar"]["legal"].url)
    links = page.locator("a[data-directions]")
    assert links.count() == 2
    for index in range(2):
        assert links.nth(index).get_attribute("href").startswith(opens)
    # The second link for Android's map apps is needed only without JavaScript.
    assert not page.locator("[data-directions-app]").is_visible()


def test_without_a_share_sheet_the_links_and_a_copy_button_are_offered(
    live_server, directory_site, browser_page
):
    page = browser_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    service = directory_site["ar"]["legal"]
    page.goto(live_server.url + service.url)
    page.locator(".share > summary").click()
    assert page.locator(".share a[href^='https://wa.me/?text=']").is_visible()
    assert page.locator(".share a[href^='sms:?&body=']").is_visible()
    page.locator("[data-share-copy] button").click()
    # Waited for with expect, not wait_for_function: a condition polled inside the page runs
    # through eval, which the portal's Content-Security-Policy refuses whenever the first check
    # is not already true (the copy can take a moment).
    expect(page.locator("[data-share-status]")).to_have_text(re.compile(r"\S"))
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate(
        "document.querySelector('[data-share]').dataset.shareUrl"
    )
    assert page.evaluate("navigator.clipboard.readText()").endswith(service.url)


def test_where_the_phone_has_a_share_sheet_one_button_opens_it(
    live_server, directory_site, browser_page
):
    page = browser_page
    page.add_init_script(
        "navigator.share = function (data) { window.sharedWith = data; return Promise.resolve(); };"
    )
    page.goto(live_server.url + directory_site["en"]["legal"].url)
    assert not page.locator(".share").is_visible()
    page.locator(".share__button").click()
    shared = page.evaluate("window.sharedWith")
    assert shared["title"] == "Legal counselling in Buca"
    assert shared["text"].splitlines()[1:] == [
        "Phone: +90 232 449 44 30",
        "Address: Atatürk Caddesi No: 1, Buca, İzmir",
    ]
    assert shared["url"].endswith(directory_site["en"]["legal"].url)


def test_the_map_draws_pins_by_sector_with_a_legend_and_popups(
    live_server, directory_site, browser_page
):
    page = browser_page
    page.goto(live_server.url + "/ar/services/?province=izmir")
    page.locator(".directory__map-toggle").click()
    page.wait_for_selector(".leaflet-marker-icon")
    legend = page.locator(".map-legend")
    assert legend.is_visible()
    assert legend.locator("li").all_inner_texts() == ["Legal aid", "خدمات أخرى"]
    # The pin is the legend's own drawing of the service's sector.
    pin = page.locator(".map-pin-icon svg path").first.get_attribute("fill")
    assert pin == legend.locator("[data-sector='legal-aid'] svg path").first.get_attribute("fill")
    page.locator(".map-pin-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Atatürk Caddesi No: 1, Buca, İzmir" in popup.inner_text()
    assert popup.locator("a[href='tel:+902324494430']").count() == 1
    # No protection-sensitive place reaches the public map.
    assert page.locator(".map-pin-icon").count() == 1
    attribution = page.locator(".leaflet-control-attribution")
    assert attribution.locator("svg").count() == 0
    assert attribution.inner_text().startswith("Leaflet")
