"""The directory's filters on a phone with JavaScript: the panel opens over the results, a
ticked filter updates them in place without moving the visitor, the new count is read out,
and nothing on the page jumps while its scripts start."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Sums the layout shifts the visitor did not cause, as Lighthouse's CLS does.
MEASURE_LAYOUT_SHIFT = """
window.layoutShift = 0;
new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) {
        if (!entry.hadRecentInput) { window.layoutShift += entry.value; }
    });
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.fixture
def phone(chromium):
    """A 360×640 phone that refuses requests to other hosts."""
    context = chromium.new_context(viewport={"width": 360, "height": 640}, service_workers="block")
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://localhost", "http://127.0.0.1"))
            else route.abort()
        ),
    )
    page = context.new_page()
    yield page
    context.close()


def scroll_to_results(page):
    page.locator("#results-heading").evaluate(
        "heading => window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 8)"
    )
    return page.evaluate("window.scrollY")


@pytest.mark.parametrize("code", ["en", "ar"])
def test_ticking_a_filter_updates_the_results_in_place_and_reads_out_the_count(
    live_server, directory_site, phone, code
):
    page = phone
    page.goto(f"{live_server.url}/{code}/services/?province=izmir")
    expect(page.locator("#results-heading")).to_contain_text("2")
    page.locator("body").evaluate("body => { body.dataset.sameDocument = 'yes'; }")
    top = scroll_to_results(page)
    assert top > 0

    page.locator("a[data-filters-open]").click()
    panel = page.locator("#filters")
    expect(panel).to_be_visible()
    page.locator("#filters input[name=language][value=tr]").check()

    expect(page.locator("[data-results-announcer]")).to_have_text(re.compile("1"))
    expect(page).to_have_url(re.compile(r"language=tr"))
    expect(page.locator(".directory-result")).to_have_count(1)
    # Same page, same place, and the ticked box keeps the focus.
    assert page.locator("body").get_attribute("data-same-document") == "yes"
    assert abs(page.evaluate("window.scrollY") - top) < 50
    assert page.evaluate("document.activeElement.name + '=' + document.activeElement.value") == (
        "language=tr"
    )

    page.locator("#filters [data-filters-apply]").click()
    expect(panel).to_be_hidden()
    heading = page.locator("#results-heading").bounding_box()
    assert 0 <= heading["y"] < 640
    expect(page.locator(".directory__chips a.chip:not(.chip--clear)")).to_have_count(2)


def test_removing_a_chip_updates_the_results_without_leaving_the_page(
    live_server, directory_site, phone
):
    page = phone
    page.goto(f"{live_server.url}/en/services/?province=izmir&language=tr")
    expect(page.locator(".directory-result")).to_have_count(1)
    page.locator("body").evaluate("body => { body.dataset.sameDocument = 'yes'; }")
    page.locator(".directory__chips a.chip", has_text="Türkçe").click()
    expect(page.locator(".directory-result")).to_have_count(2)
    expect(page).not_to_have_url(re.compile(r"language=tr"))
    assert page.locator("body").get_attribute("data-same-document") == "yes"
    expect(page.locator("[data-results-announcer]")).to_have_text("2 services found")
    # The language links carry the new search, not the one the page was loaded with.
    assert page.locator('a[hreflang="ar"]').get_attribute("href") == "/ar/services/?province=izmir"
    page.go_back()
    expect(page.locator(".directory-result")).to_have_count(1)


def test_the_filter_panel_opens_and_closes_without_javascript(
    live_server, directory_site, chromium
):
    context = chromium.new_context(
        viewport={"width": 360, "height": 640}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/en/services/?province=izmir")
    panel = page.locator("#filters")
    expect(panel).to_be_hidden()
    page.locator("a[data-filters-open]").click()
    expect(panel).to_be_visible()
    page.locator("#filters input[name=language][value=tr]").check()
    page.locator("#filters [data-filters-apply]").click()
    expect(page).to_have_url(re.compile(r"language=tr"))
    expect(panel).to_be_hidden()
    expect(page.locator(".directory-result")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("code", ["en", "ar"])
def test_the_directory_does_not_shift_while_its_scripts_start(
    live_server, directory_site, phone, code
):
    page = phone
    page.add_init_script(MEASURE_LAYOUT_SHIFT)
    page.goto(f"{live_server.url}/{code}/services/?province=izmir", wait_until="load")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.layoutShift") <= 0.01
    expect(page.locator("[data-locate-button]")).to_be_visible()
    expect(page.locator("[data-map-toggle]")).to_be_visible()
