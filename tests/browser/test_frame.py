"""What only a browser shows of the site's frame: layout at phone width, focus, accessibility."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("code", ["en", "ar", "ps", "kmr"])
def test_home_page_fits_a_320_pixel_screen(live_server, home_page, browser_page, code):
    browser_page.set_viewport_size({"width": 320, "height": 640})
    browser_page.goto(f"{live_server.url}/{code}/")
    overflow = browser_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert browser_page.foreign_requests == []


def test_arabic_home_page_is_laid_out_right_to_left(live_server, home_page, browser_page):
    browser_page.goto(f"{live_server.url}/ar/")
    direction = browser_page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    search_label = browser_page.locator("label[for=home-q]").bounding_box()
    # In right-to-left text the label starts at the right edge of the page.
    assert search_label["x"] + search_label["width"] > 390 / 2


def test_skip_link_appears_on_first_tab_and_focus_is_visible(live_server, home_page, browser_page):
    browser_page.goto(f"{live_server.url}/en/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = browser_page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0
    outline = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


@pytest.mark.parametrize("code", ["en", "ar"])
def test_home_page_has_no_accessibility_violations(live_server, home_page, browser_page, code):
    browser_page.goto(f"{live_server.url}/{code}/")
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_sign_in_page_has_no_accessibility_violations(live_server, home_page, browser_page):
    browser_page.goto(f"{live_server.url}/ar/accounts/login/")
    results = Axe().run(browser_page)
    assert results.violations_count == 0, results.generate_report()
