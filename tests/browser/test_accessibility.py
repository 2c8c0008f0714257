"""axe-core finds no WCAG 2.2 AA violation on any public page type, in English and in Arabic."""

import pytest

from .conftest import axe_check, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def directory(query):
    """A directory search: the page at /<lang>/services/ with this query string."""

    def visit(request, page, base, code):
        request.getfixturevalue("directory_site")
        page.goto(f"{base}/{code}/services/?{query}")

    return visit


def directory_with_the_map_open(request, page, base, code):
    """A directory search with its map shown (tiles from another host are refused, as in every
    browser test; the controls, markers and clusters are the portal's)."""
    directory("province=izmir")(request, page, base, code)
    page.locator(".directory__map-toggle").click()
    page.wait_for_selector(".leaflet-marker-icon")


def directory_page(key, open_report_form=False):
    """A page of the directory site (agency or service) in the visited language."""

    def visit(request, page, base, code):
        site = request.getfixturevalue("directory_site")
        page.goto(base + site[code][key].url)
        if open_report_form:
            page.locator(".report-problem summary").click()

    return visit


def report_with_an_error(request, page, base, code):
    """The report form sent without saying what is wrong: the page that asks again."""
    directory_page("legal", open_report_form=True)(request, page, base, code)
    with page.expect_navigation(wait_until="load"):
        page.locator(".report-form button[type=submit]").click()
    page.wait_for_selector(".report-form .errorlist")


def meetings_page(key):
    def visit(request, page, base, code):
        site = request.getfixturevalue("meetings_site")
        page.goto(base + site[code][key].url)

    return visit


def path(url_path, fixture="home_page", as_member=False):
    """A page at /<lang><url_path>, seen by the public or by a signed-in member."""

    def visit(request, page, base, code):
        site = request.getfixturevalue(fixture)
        if as_member:
            sign_in(page, base, site["member"])
        page.goto(f"{base}/{code}{url_path}")

    return visit


def access_request_with_errors(request, page, base, code):
    request.getfixturevalue("home_page")
    page.goto(f"{base}/{code}/accounts/request-access/")
    page.locator("#id_email").fill("not an address")
    with page.expect_navigation(wait_until="load"):
        page.locator("form[action$='request-access/'] button[type=submit]").click()
    page.wait_for_selector(".errorlist")


PAGE_TYPES = {
    "home": path("/"),
    "directory-with-results-and-facets": directory("province=izmir&free=1"),
    "directory-with-zero-results": directory("q=zzqqxx"),
    "directory-with-the-map-open": directory_with_the_map_open,
    "service": directory_page("legal", open_report_form=True),
    "service-protection-sensitive": directory_page("shelter"),
    "agency": directory_page("agency"),
    "print-sheet": path("/services/print/?province=izmir", fixture="directory_site"),
    "report-a-problem-with-an-error": report_with_an_error,
    "thematic-groups": path("/groups/", fixture="meetings_site"),
    "thematic-group": meetings_page("group"),
    "meetings-calendar": path("/meetings/", fixture="meetings_site"),
    "meeting-public": meetings_page("meeting"),
    "meeting-members-only-seen-by-the-public": meetings_page("members_meeting"),
    "action-point-tracker-as-member": path(
        "/meetings/action-points/", fixture="meetings_site", as_member=True
    ),
    "sign-in": path("/accounts/login/"),
    "password-reset": path("/accounts/password/reset/"),
    "access-request": path("/accounts/request-access/"),
    "access-request-with-errors": access_request_with_errors,
    "profile": path("/accounts/profile/", fixture="meetings_site", as_member=True),
    "not-found": path("/no-such-page/"),
}


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_accessibility_violations(
    request, live_server, browser_page, page_type, code
):
    PAGE_TYPES[page_type](request, browser_page, live_server.url, code)
    assert browser_page.locator("html").get_attribute("lang") == code
    results = axe_check(browser_page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("code", ["ps", "kmr"])
@pytest.mark.parametrize("page_type", ["home", "directory-with-results-and-facets"])
def test_pashto_and_kurmanji_pages_have_no_accessibility_violations(
    request, live_server, browser_page, page_type, code
):
    PAGE_TYPES[page_type](request, browser_page, live_server.url, code)
    assert browser_page.locator("html").get_attribute("dir") == ("rtl" if code == "ps" else "ltr")
    results = axe_check(browser_page)
    assert results.violations_count == 0, results.generate_report()
