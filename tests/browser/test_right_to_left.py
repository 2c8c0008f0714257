"""What only a browser shows of right-to-left pages: mirrored layout, numbers and addresses kept
left to right inside Arabic text, arrows and map controls on the reading side."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def direction_of(page, selector):
    return page.locator(selector).first.evaluate("element => getComputedStyle(element).direction")


@pytest.mark.parametrize("code", ["ar", "fa", "ps"])
def test_a_service_page_is_mirrored_with_its_numbers_left_to_right(
    live_server, directory_site, browser_page, code
):
    page = browser_page
    page.goto(live_server.url + directory_site["ar"]["legal"].url.replace("/ar/", f"/{code}/", 1))
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    title = page.locator("h1").bounding_box()
    # The title starts at the right edge of the screen.
    assert title["x"] + title["width"] > 390 - 40
    assert direction_of(page, ".service__actions a[href^='tel:'] bdi") == "ltr"
    assert direction_of(page, ".opening-hours bdi, table bdi") == "ltr"
    assert direction_of(page, "address bdi") == "ltr"


def test_breadcrumb_arrows_point_the_reading_way(live_server, directory_site, browser_page):
    page = browser_page
    arrow = "element => getComputedStyle(element, '::before').content"
    page.goto(live_server.url + directory_site["en"]["legal"].url)
    assert page.locator(".breadcrumbs li + li").first.evaluate(arrow) == '"›"'
    page.goto(live_server.url + directory_site["ar"]["legal"].url)
    assert page.locator(".breadcrumbs li + li").first.evaluate(arrow) == '"‹"'


def test_directory_results_keep_phone_numbers_and_addresses_left_to_right(
    live_server, directory_site, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/ar/services/?province=izmir")
    assert direction_of(page, ".directory-result__phone a") == "ltr"
    assert direction_of(page, ".directory-result__address bdi") == "ltr"
    # The filters read after the results and are reached by a link from the top of them.
    assert page.locator("a[data-filters-open]").get_attribute("href") == "#filters"


@pytest.mark.parametrize(("code", "zoom_side"), [("en", "left"), ("ar", "right")])
def test_map_controls_sit_on_the_reading_side(
    live_server, directory_site, browser_page, code, zoom_side
):
    page = browser_page
    page.goto(f"{live_server.url}/{code}/services/?province=izmir")
    page.locator(".directory__map-toggle").click()
    page.wait_for_selector(".leaflet-control-zoom")
    canvas = page.locator(".directory__map-canvas").bounding_box()
    zoom = page.locator(".leaflet-control-zoom").bounding_box()
    middle = canvas["x"] + canvas["width"] / 2
    assert (zoom["x"] > middle) == (zoom_side == "right")
    zoom_in = page.locator(".leaflet-control-zoom-in")
    assert zoom_in.get_attribute("title") == {"en": "Zoom in", "ar": "تكبير"}[code]


def test_the_arabic_print_sheet_is_right_to_left_with_numbers_left_to_right(
    live_server, directory_site, browser_page
):
    page = browser_page
    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/ar/services/print/?province=izmir")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert direction_of(page, ".print-entry__facts bdi.print-number") == "ltr"
    assert direction_of(page, ".print-entry__qr figcaption") == "ltr"
    heading = page.locator(".print-entry__title").first.bounding_box()
    entry = page.locator(".print-entry").first.bounding_box()
    assert heading["x"] + heading["width"] > entry["x"] + entry["width"] / 2


def test_an_e_mail_address_is_typed_left_to_right_on_an_arabic_form(
    live_server, home_page, browser_page
):
    page = browser_page
    page.goto(f"{live_server.url}/ar/accounts/request-access/")
    field = page.locator("input[type=email]").first
    assert field.evaluate("element => getComputedStyle(element).direction") == "ltr"
    label = page.locator(f"label[for={field.get_attribute('id')}]").bounding_box()
    assert label["x"] + label["width"] > 390 / 2
