"""The 404 page as a reader of the address's language meets it on a phone."""

import pytest

from .conftest import axe_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("code", ["ar", "tr"])
def test_not_found_page_has_no_accessibility_violations(live_server, home_page, browser_page, code):
    browser_page.set_viewport_size({"width": 360, "height": 640})
    response = browser_page.goto(f"{live_server.url}/{code}/services/no-such-agency/")
    assert response.status == 404
    results = axe_check(browser_page)
    assert results.violations_count == 0, results.generate_report()


def test_searching_from_the_arabic_not_found_page_stays_in_arabic(
    live_server, home_page, browser_page
):
    browser_page.set_viewport_size({"width": 360, "height": 640})
    browser_page.goto(f"{live_server.url}/ar/services/no-such-agency/")
    # The search box is in the first screen of a phone.
    box = browser_page.locator("#not-found-q").bounding_box()
    assert box["y"] + box["height"] <= 640
    browser_page.fill("#not-found-q", "طبيب")
    browser_page.locator("main button[type=submit]").click()
    browser_page.wait_for_load_state("load")
    assert browser_page.url.startswith(f"{live_server.url}/ar/services/?q=")
    assert browser_page.evaluate("document.documentElement.lang") == "ar"
