"""Offline that a person can rely on: the home page and the directory open without a connection
after the first visit, every service page opened, the last five searches and the print sheets
stay readable with the date they were saved, a page that was not saved says so in the visitor's
language, and nothing seen while signed in or marked private is ever kept."""

from datetime import datetime

import pytest
from django.conf import settings
from django.test import Client

from iswg_portal.accounts.roles import MEMBERS
from iswg_portal.core import dates
from iswg_portal.core.middleware import CachePolicyMiddleware
from tests.conftest import kept_data
from tests.factories import UserFactory
from tests.factories import services_map as build

from .conftest import guarded_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEPT_PAGES = """async () => {
    const cache = await caches.open("iswg-pages-v2");
    return (await cache.keys()).map((request) => request.url);
}"""


@pytest.fixture
def browser_page(chromium):
    """A phone browser that keeps offline copies, as a visitor's does."""
    yield from guarded_page(chromium)


@pytest.fixture
def service(home_page):
    return kept_data(f"{__name__}.service", build_service)


def build_service():
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


def wait_until_kept(page, *urls, timeout=10_000):
    """Until the worker has stored its copy of each of `urls` (it does so after answering)."""
    step = 200
    for _ in range(timeout // step):
        kept = page.evaluate(KEPT_PAGES)
        if all(url in kept for url in urls):
            return
        page.wait_for_timeout(step)
    raise AssertionError(f"{urls} were not all kept for offline reading")


def saved_dates_are_written_like_the_server(items, code):
    """Each listed date is local_datetime of its own moment, in the page's language."""
    for item in items:
        time = item.locator("time")
        moment = datetime.fromisoformat(time.get_attribute("datetime").replace("Z", "+00:00"))
        assert time.inner_text() == dates.local_datetime(moment, language=code)


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
    saved_dates_are_written_like_the_server([note], "en")
    assert note.get_by_role("link").get_attribute("href") == "/en/offline/"
    # The kept copy still has its stylesheet: the header is on the brand colour.
    background = browser_page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background == "rgb(11, 79, 138)"


def test_home_and_directory_open_offline_after_a_first_visit_elsewhere(
    live_server, service, browser_page
):
    # The first page seen is a service page: the worker keeps the Arabic start pages itself.
    browser_page.goto(live_server.url + service.url.replace("/en/", "/ar/", 1))
    wait_for_worker(browser_page)
    home, directory = f"{live_server.url}/ar/", f"{live_server.url}/ar/services/"
    wait_until_kept(browser_page, home, directory, f"{live_server.url}/ar/offline/")

    browser_page.context.set_offline(True)
    browser_page.goto(home)
    assert browser_page.locator("html").get_attribute("lang") == "ar"
    assert browser_page.locator("html").get_attribute("data-offline-copy")
    assert browser_page.locator("#main").is_visible()
    browser_page.goto(directory)
    assert browser_page.locator("html").get_attribute("data-offline-copy")
    assert browser_page.locator("#id_q").is_visible()


def test_a_page_not_saved_says_so_offline_in_the_visitors_language(
    live_server, service, browser_page
):
    browser_page.goto(f"{live_server.url}/ar/")
    wait_for_worker(browser_page)
    wait_until_kept(browser_page, f"{live_server.url}/ar/offline/")

    browser_page.context.set_offline(True)
    browser_page.goto(f"{live_server.url}/ar/meetings/never-opened/")
    assert browser_page.locator("html").get_attribute("lang") == "ar"
    message = browser_page.locator("[data-offline-unsaved]")
    assert message.is_visible()
    assert "لم تُحفظ هذه الصفحة على هذا الجهاز" in message.inner_text()
    assert message.get_by_role("link").get_attribute("href") == "/ar/offline/"
    # The saved pages are listed under it: the home page always.
    assert browser_page.get_by_role("link", name="الرئيسية").first.is_visible()


def test_the_last_five_searches_are_listed_newest_first_with_their_dates(
    live_server, service, browser_page
):
    browser_page.goto(f"{live_server.url}/ar/")
    wait_for_worker(browser_page)
    words = ["legal", "advice", "lawyers", "permits", "buca", "konak", "registration"]
    for word in words:
        browser_page.goto(f"{live_server.url}/ar/services/?q={word}")
    wait_until_kept(browser_page, f"{live_server.url}/ar/services/?q={words[-1]}")
    browser_page.goto(live_server.url + service.url.replace("/en/", "/ar/", 1))
    wait_until_kept(browser_page, live_server.url + service.url.replace("/en/", "/ar/", 1))

    browser_page.context.set_offline(True)
    browser_page.goto(f"{live_server.url}/ar/offline/")
    searches = browser_page.locator("[data-offline-list=search] > li")
    assert searches.count() == 5
    listed = [searches.nth(index).get_by_role("link").inner_text() for index in range(5)]
    assert [next(word for word in words if word in text) for text in listed] == (
        list(reversed(words))[:5]
    )
    assert browser_page.locator("[data-offline-empty=search]").is_hidden()
    saved_dates_are_written_like_the_server([searches.nth(index) for index in range(5)], "ar")
    assert "،" in searches.first.locator("time").inner_text()
    services = browser_page.locator("[data-offline-list=service] > li")
    assert services.count() == 1
    services.get_by_role("link").click()
    assert browser_page.locator("h1").inner_text() == "Legal counselling in Buca"


def test_searches_kept_at_the_same_moment_leave_only_the_newest_five(
    live_server, service, browser_page
):
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
    assert sorted(kept_searches) == sorted(searches[-5:])


def test_a_print_sheet_opened_is_kept_and_listed(live_server, service, browser_page):
    browser_page.goto(f"{live_server.url}/en/")
    wait_for_worker(browser_page)
    sheet = f"{live_server.url}/en/services/print/?province=izmir"
    browser_page.goto(sheet)
    wait_until_kept(browser_page, sheet)

    browser_page.context.set_offline(True)
    browser_page.goto(f"{live_server.url}/en/offline/")
    sheets = browser_page.locator("[data-offline-list=print] > li")
    assert sheets.count() == 1
    sheets.get_by_role("link").click()
    assert browser_page.locator("[data-offline-note]").is_visible()
    assert "Legal counselling in Buca" in browser_page.locator("#main").inner_text()


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
    assert url not in browser_page.evaluate(KEPT_PAGES)

    context.clear_cookies()
    context.set_offline(True)
    browser_page.goto(url)
    assert browser_page.locator("[data-offline-unsaved]").is_visible()


def test_start_pages_kept_at_install_are_the_publics_even_for_a_member(
    live_server, service, browser_page, member_session
):
    browser_page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": member_session, "url": live_server.url}]
    )
    browser_page.goto(live_server.url + service.url)
    wait_for_worker(browser_page)
    home = f"{live_server.url}/en/"
    wait_until_kept(browser_page, home)
    browser_page.goto(home)
    assert browser_page.get_by_role("link", name="Sign out").is_visible()

    browser_page.context.set_offline(True)
    browser_page.goto(home)
    assert browser_page.locator("html").get_attribute("data-offline-copy")
    assert browser_page.get_by_role("link", name="Sign out").count() == 0


@pytest.mark.parametrize("cache_control", ["private", "no-store", "private, max-age=60"])
def test_a_response_marked_private_is_never_kept_even_when_offered(
    live_server, service, browser_page, monkeypatch, cache_control
):
    """The worker's own check, behind the server's: a page offered for offline reading but
    marked private or no-store is not kept."""
    answer = CachePolicyMiddleware.__call__

    def marked(self, request):
        response = answer(self, request)
        if request.path == service.url:
            response["Cache-Control"] = cache_control
        return response

    monkeypatch.setattr(CachePolicyMiddleware, "__call__", marked)
    url = live_server.url + service.url
    browser_page.goto(f"{live_server.url}/en/")
    wait_for_worker(browser_page)
    browser_page.goto(url)
    assert browser_page.request.get(url).headers["x-offline-copy"] == "service"
    browser_page.goto(f"{live_server.url}/en/services/?q=legal")
    wait_until_kept(browser_page, f"{live_server.url}/en/services/?q=legal")
    assert url not in browser_page.evaluate(KEPT_PAGES)


def test_old_caches_are_cleaned_when_a_new_worker_takes_over(live_server, service, browser_page):
    browser_page.goto(f"{live_server.url}/en/")
    wait_for_worker(browser_page)
    browser_page.evaluate(
        """async () => {
            const old = await caches.open("iswg-pages-v1");
            await old.put("/en/old-copy/", new Response("old"));
        }"""
    )
    # The Turkish pages register the worker for Turkish: a new worker installs and activates.
    browser_page.goto(f"{live_server.url}/tr/")
    wait_until_kept(browser_page, f"{live_server.url}/tr/offline/")
    for _ in range(50):
        if "iswg-pages-v1" not in browser_page.evaluate("caches.keys()"):
            break
        browser_page.wait_for_timeout(200)
    assert browser_page.evaluate("caches.keys()").count("iswg-pages-v2") == 1
    assert "iswg-pages-v1" not in browser_page.evaluate("caches.keys()")
