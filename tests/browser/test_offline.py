"""Offline copies: a service page a visitor opened stays readable without a connection, marked
as a copy; nothing seen while signed in is kept."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from iswg_portal.accounts.roles import MEMBERS
from tests.factories import UserFactory
from tests.factories import services_map as build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEPT_PAGES = """async () => {
    const cache = await caches.open("iswg-pages-v1");
    return (await cache.keys()).map((request) => request.url);
}"""


@pytest.fixture
def service(home_page):
    directory = build.directory_page()
    return build.service(
        build.agency(directory, "Association for Solidarity", "ASAM"),
        "Legal counselling in Buca",
        summary="Free advice from lawyers on registration and residence permits.",
    )


@pytest.fixture
def member_session(home_page):
    client = Client()
    client.force_login(UserFactory(role=MEMBERS))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def wait_for_worker(page, timeout=10_000):
    """Until the service worker is active and looks after this page. Asked from here, not with
    wait_for_function: a condition polled inside the page runs through eval, which the portal's
    Content-Security-Policy refuses whenever the first check is not already true."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    step = 100
    for _ in range(timeout // step):
        if page.evaluate("navigator.serviceWorker.controller !== null"):
            return
        page.wait_for_timeout(step)
    raise AssertionError("the service worker never took charge of the page")


def wait_until_kept(page, url, timeout=10_000):
    """Until the worker has stored its copy of `url` (it does so after answering the page)."""
    step = 200
    for _ in range(timeout // step):
        if url in page.evaluate(KEPT_PAGES):
            return
        page.wait_for_timeout(step)
    raise AssertionError(f"{url} was not kept for offline reading")


def test_service_page_opened_before_is_readable_offline_with_a_note(
    live_server, service, browser_page
):
    url = live_server.url + service.url
    browser_page.goto(url)
    wait_for_worker(browser_page)
    wait_until_kept(browser_page, url)
    assert browser_page.locator("[data-offline-note]").is_hidden()

    browser_page.context.set_offline(True)
    browser_page.reload()
    assert browser_page.locator("h1").inner_text() == "Legal counselling in Buca"
    note = browser_page.locator("[data-offline-note]")
    assert note.is_visible()
    assert note.inner_text().startswith("Offline copy from ")
    assert note.locator("time").get_attribute("datetime")
    # The kept copy still has its stylesheet: the header is on the brand colour.
    background = browser_page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(11, 79, 138)"


def test_last_search_is_readable_offline(live_server, service, browser_page):
    search = f"{live_server.url}/en/services/?q=legal"
    browser_page.goto(f"{live_server.url}/en/services/?q=advice")
    wait_for_worker(browser_page)
    browser_page.goto(search)
    wait_until_kept(browser_page, search)
    assert f"{live_server.url}/en/services/?q=advice" not in browser_page.evaluate(KEPT_PAGES)

    browser_page.context.set_offline(True)
    browser_page.goto(f"{live_server.url}/en/services/?q=shelter")
    assert browser_page.locator("[data-offline-note]").is_visible()
    assert browser_page.locator("#id_q").input_value() == "legal"
    assert browser_page.get_by_role("link", name="Legal counselling in Buca").is_visible()


def test_searches_kept_at_the_same_moment_leave_only_the_newest(live_server, service, browser_page):
    browser_page.goto(live_server.url + service.url)
    wait_for_worker(browser_page)
    words = ("legal", "advice", "lawyers", "permits", "buca", "konak", "women", "health")
    searches = [f"{live_server.url}/en/services/?q={word}" for word in words]
    # Each search is in the browser's cache first, so the worker's copies all arrive at once.
    browser_page.evaluate(
        """async (urls) => {
            await Promise.all(urls.map((url) => fetch(url)));
            const worker = (await navigator.serviceWorker.ready).active;
            const now = Date.now();
            urls.forEach((url, index) => worker.postMessage({keep: url, opened: now + index}));
        }""",
        searches,
    )
    wait_until_kept(browser_page, searches[-1])
    browser_page.wait_for_timeout(1000)
    kept_searches = [url for url in browser_page.evaluate(KEPT_PAGES) if "?q=" in url]
    assert kept_searches == [searches[-1]]


def test_page_seen_while_signed_in_is_not_served_offline_afterwards(
    live_server, service, browser_page, member_session
):
    context = browser_page.context
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": member_session, "url": live_server.url}]
    )
    url = live_server.url + service.url
    browser_page.goto(url)
    wait_for_worker(browser_page)
    browser_page.goto(url)
    assert browser_page.get_by_role("link", name="Sign out").is_visible()
    browser_page.wait_for_timeout(1000)
    assert browser_page.evaluate(KEPT_PAGES) == []

    context.clear_cookies()
    context.set_offline(True)
    with pytest.raises(PlaywrightError):
        browser_page.goto(url)
