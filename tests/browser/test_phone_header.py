"""On a 360 × 640 phone: a header of at most 96 px in every language, a service page's Call
button in the first screen, and the languages behind one control that works without
JavaScript."""

import pytest

from services_map.models import ServicePage
from tests.conftest import DEMO_GROUP, demo_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.xdist_group(DEMO_GROUP),
]

PHONE = {"width": 360, "height": 640}
LANGUAGES = ["en", "ar", "fa", "ps", "tr", "kmr"]
MAX_HEADER_HEIGHT = 96
# A demo service with a long name, a summary of four lines, and translations into Arabic,
# Persian and Turkish: Pashto readers get the Persian page and Kurmanji readers the Turkish
# one, each with the note that says so above it.
SERVICE_SLUG = "legal-counselling-izmir-konak"


@pytest.fixture
def demo_service():
    demo_site()
    return ServicePage.objects.get(slug=SERVICE_SLUG, locale__language_code="en")


@pytest.fixture
def phone(chromium):
    """A phone that keeps no offline copies: the header's layout is all these tests look at,
    and the offline worker installing anew for each language only adds requests."""
    context = chromium.new_context(viewport=PHONE, service_workers="block")
    yield context.new_page()
    context.close()


def header_height(page):
    return page.locator(".site-header").bounding_box()["height"]


def test_the_header_is_compact_and_the_call_button_in_the_first_screen_in_every_language(
    live_server, demo_service, phone
):
    english_path = demo_service.url
    found = {}
    for code in LANGUAGES:
        phone.goto(live_server.url + english_path.replace("/en/", f"/{code}/", 1))
        call = phone.locator(".service__actions a[href^='tel:']").first.bounding_box()
        found[code] = {
            "header": header_height(phone),
            "call bottom": call["y"] + call["height"],
            "wider than the screen": phone.evaluate("document.documentElement.scrollWidth") > 360,
        }
    too_big = {
        code: figures
        for code, figures in found.items()
        if figures["header"] > MAX_HEADER_HEIGHT
        or figures["call bottom"] > PHONE["height"]
        or figures["wider than the screen"]
    }
    assert too_big == {}, found


def test_the_main_links_fit_the_header_without_scrolling_in_every_language(
    live_server, home_page, phone
):
    overflowing = {}
    for code in LANGUAGES:
        phone.goto(f"{live_server.url}/{code}/")
        widths = phone.locator(".site-nav ul").evaluate(
            "list => [list.scrollWidth, list.clientWidth]"
        )
        if widths[0] > widths[1] or header_height(phone) > MAX_HEADER_HEIGHT:
            overflowing[code] = (widths, header_height(phone))
    assert overflowing == {}


def test_the_language_control_opens_and_switches_language_without_javascript(
    live_server, home_page, chromium
):
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/")
    turkish = page.get_by_role("link", name="Türkçe")
    assert not turkish.is_visible()
    page.locator(".language-switcher summary").click()
    assert turkish.is_visible()
    # The open list lies over the page, inside the screen.
    box = turkish.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert header_height(page) <= MAX_HEADER_HEIGHT
    turkish.click()
    page.wait_for_url(f"{live_server.url}/tr/")
    assert page.locator("html").get_attribute("lang") == "tr"
    assert page.locator(".language-switcher summary [lang]").inner_text() == "Türkçe"
    context.close()
