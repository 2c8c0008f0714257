"""Public pages for visitors who are not signed in come from the shared cache, carry headers a
proxy or CDN can use, and change with the next request after a publication; nobody signed in
ever receives or fills a cached page."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from iswg_portal.accounts.roles import MEMBERS
from iswg_portal.core import content_version
from iswg_portal.core.content_version import VERSION_KEY
from iswg_portal.core.locales import site_home_page
from iswg_portal.core.page_cache import local_pages, next_change
from iswg_portal.core.time import to_local
from iswg_portal.settings.base import redis_cache
from meetings.models import MeetingPage
from services_map.models import SearchMiss
from tests.conftest import read_again
from tests.factories import UserFactory
from tests.factories import meetings as build_meetings
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def directives(response):
    """Cache-Control as {directive: value or True}."""
    found = {}
    for part in response.get("Cache-Control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name] = int(value) if value.isdigit() else True
    return found


def vary(response):
    return {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}


@pytest.fixture(scope="module")
def public_content(module_data):
    """The Refugee Rights Association with two published services, Legal counselling and Legal
    aid desk (a search for "legal" finds both: a search that finds one or none is counted, and
    never kept), and the Protection working group with a meeting in thirty days."""
    home = site_home_page()
    directory = build.directory_page()
    agency = build.agency(directory, title="Refugee Rights Association", acronym="RRA")
    service = build.service(agency, "Legal counselling")
    build.service(agency, "Legal aid desk")
    group = build_meetings.make_group(home, title="Protection working group")
    start = timezone.now() + datetime.timedelta(days=30)
    meeting = build_meetings.make_meeting(group, start=start, title="Protection coordination")
    return {"agency": agency, "service": service, "group": group, "meeting": meeting}


@pytest.fixture
def agency(public_content, db):
    """The Refugee Rights Association (see public_content), read anew."""
    return read_again(public_content["agency"])


@pytest.fixture
def service(public_content, db):
    """The Legal counselling service (see public_content), read anew."""
    return read_again(public_content["service"])


@pytest.fixture
def group(public_content, db):
    """The Protection working group (see public_content), read anew."""
    return read_again(public_content["group"])


@pytest.fixture
def meeting(public_content, db):
    """The Protection working group's meeting in thirty days (see public_content), read anew."""
    return read_again(public_content["meeting"])


@pytest.fixture
def public_urls(service, meeting):
    """Every kind of public page an anonymous visitor opens."""
    return {
        "home": "/en/",
        "directory": "/en/services/",
        "search": "/en/services/?q=legal",
        "service": service.get_url(),
        "agency": service.get_parent().get_url(),
        "meeting": meeting.get_url(),
        "print sheet": "/en/services/print/?province=izmir",
    }


def test_second_anonymous_visit_to_every_public_page_is_served_from_the_cache(client, public_urls):
    for name, url in public_urls.items():
        first = client.get(url)
        second = client.get(url)
        assert first.status_code == 200, name
        assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit"), name
        assert second.content == first.content, name


def test_anonymous_public_pages_set_no_cookie_and_do_not_vary_on_it(client, public_urls):
    for name, url in public_urls.items():
        for response in (client.get(url), client.get(url)):
            assert not response.cookies, name
            assert "cookie" not in vary(response), name


def test_service_page_with_its_report_form_sets_no_csrf_cookie(client, service):
    response = client.get(service.get_url())
    assert 'name="form_token"' in response.content.decode()
    assert "csrftoken" not in response.cookies


def test_anonymous_public_pages_tell_shared_caches_how_long_to_keep_them(client, service):
    response = client.get(service.get_url())
    cache_control = directives(response)
    assert cache_control["public"] is True
    assert 0 < cache_control["max-age"] <= cache_control["s-maxage"] <= 300
    assert "stale-while-revalidate" in cache_control
    assert response["ETag"]
    assert "accept-language" not in vary(response)


def test_a_cached_page_costs_at_most_two_queries(
    client, public_urls, django_assert_max_num_queries
):
    for url in public_urls.values():
        client.get(url)
        with django_assert_max_num_queries(2):
            assert client.get(url)["X-Cache"] == "hit"


@pytest.mark.parametrize("cached", [False, True])
def test_a_visitors_own_copy_is_confirmed_with_not_modified(client, service, cached):
    first = client.get(service.get_url())
    if not cached:
        cache.clear()
        local_pages.entries.clear()
        content_version.forget_process_version()
    again = client.get(service.get_url(), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again["X-Cache"] == ("hit" if cached else "miss")


def test_a_compressed_copy_is_confirmed_by_its_weak_tag(client, service):
    first = client.get(service.get_url(), headers={"accept-encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    again = client.get(
        service.get_url(), headers={"accept-encoding": "gzip", "if-none-match": first["ETag"]}
    )
    assert again.status_code == 304


def test_a_publication_shows_with_the_next_request(client, service):
    client.get(service.get_url())
    assert client.get(service.get_url())["X-Cache"] == "hit"
    service.title = "Legal counselling for families"
    service.save_revision().publish()
    response = client.get(service.get_url())
    assert response["X-Cache"] == "miss"
    assert "Legal counselling for families" in response.content.decode()


def test_a_page_another_server_kept_is_served_from_the_shared_cache(client, service):
    client.get(service.get_url())
    local_pages.entries.clear()  # this process has not served it: another one did
    assert client.get(service.get_url())["X-Cache"] == "hit"


class Clock:
    """time.monotonic() that moves only when told."""

    def __init__(self):
        self.now = time.monotonic()

    def monotonic(self):
        return self.now


def test_a_change_made_on_another_server_shows_here_within_half_a_second(
    client, service, monkeypatch
):
    clock = Clock()
    monkeypatch.setattr(content_version, "time", clock)
    client.get(service.get_url())
    assert client.get(service.get_url())["X-Cache"] == "hit"
    # Another server publishes: the database changes and the shared version with it, without
    # any signal in this process, which trusts the version it read for half a second.
    type(service).objects.filter(pk=service.pk).update(title="Legal help for families")
    cache.set(VERSION_KEY, "published-on-another-server", None)
    assert client.get(service.get_url())["X-Cache"] == "hit"
    clock.now += content_version.PROCESS_MEMO_SECONDS
    response = client.get(service.get_url())
    assert response["X-Cache"] == "miss"
    assert "Legal help for families" in response.content.decode()


def test_a_page_served_again_within_half_a_second_costs_no_query(
    client, service, settings, django_assert_num_queries
):
    # Production without Redis: the shared cache is a table of the database.
    settings.CACHES = {"default": settings.DATABASE_CACHE}
    call_command("createcachetable", verbosity=0)
    cache.clear()
    content_version.forget_process_version()
    client.get(service.get_url())
    with django_assert_num_queries(0):
        assert client.get(service.get_url())["X-Cache"] == "hit"


def test_a_publication_elsewhere_renews_the_home_page(client, service, meeting):
    client.get("/en/")
    meeting.title = "Protection coordination (moved)"
    build_meetings.publish(meeting)
    response = client.get("/en/")
    assert response["X-Cache"] == "miss"
    assert "Protection coordination (moved)" in response.content.decode()


def test_unpublishing_a_service_removes_its_cached_page(client, service):
    client.get(service.get_url())
    service.unpublish()
    assert client.get(service.get_url()).status_code == 404


def test_a_renamed_category_renews_the_directory(client, service):
    category = build.category("Legal aid")
    build.service(service.get_parent().specific, "Legal aid desk", categories=[category])
    client.get("/en/services/")
    category.name = "Legal help"
    category.save()
    response = client.get("/en/services/")
    assert response["X-Cache"] == "miss"
    assert "Legal help" in response.content.decode()


def test_signed_in_member_never_receives_a_cached_page(client, service):
    client.get(service.get_url())
    client.get(service.get_url())
    client.force_login(UserFactory(role=MEMBERS))
    response = client.get(service.get_url())
    assert "X-Cache" not in response
    assert {"private", "no-store"} <= set(directives(response))
    assert "Your account" in response.content.decode()


def test_signed_in_member_never_fills_the_cache(client, service):
    member = client.__class__()
    member.force_login(UserFactory(role=MEMBERS))
    member.get(service.get_url())
    member.get(service.get_url())
    response = client.get(service.get_url())
    assert response["X-Cache"] == "miss"
    assert "Your account" not in response.content.decode()


def test_members_only_meeting_is_never_cached(client, group):
    meeting = build_meetings.make_meeting(group, visibility=MeetingPage.Visibility.MEMBERS)
    for _ in range(2):
        response = client.get(meeting.get_url())
        assert "X-Cache" not in response
        assert {"private", "no-store"} <= set(directives(response))


def test_internal_service_is_never_cached_for_a_member(client, agency):
    internal = build.service(agency, "Referral line", is_internal=True)
    client.force_login(UserFactory(role=MEMBERS))
    client.get(internal.get_url())
    client.logout()
    assert client.get(internal.get_url()).status_code == 404


@pytest.mark.parametrize("url", ["/en/accounts/login/", "/admin/", "/api/hsds/services"])
def test_sign_in_admin_and_api_are_not_kept(client, home_page, url):
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_a_post_is_never_answered_from_the_cache(client, service):
    client.get(service.get_url())
    response = client.post(service.get_url())
    assert response.get("X-Cache") != "hit"


def test_a_missing_page_is_not_kept(client, home_page):
    client.get("/en/no-such-page/")
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_every_search_that_found_nothing_is_counted(client, service):
    for _ in range(2):
        response = client.get("/en/services/", {"q": "xylophone"})
        assert "X-Cache" not in response
    assert SearchMiss.objects.count() == 2


def test_page_is_served_uncached_while_redis_is_down(client, service, settings):
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}
    # Half a second on, this process no longer trusts the version it read before the outage.
    content_version.forget_process_version()
    for _ in range(2):
        response = client.get(service.get_url())
        assert response.status_code == 200
        assert response["X-Cache"] == "miss"
        assert "Legal counselling" in response.content.decode()


def test_cached_pages_expire_when_a_service_opens_or_closes(home_page):
    now = timezone.now()
    local = to_local(now)
    opening = (local + datetime.timedelta(minutes=20)).replace(second=0, microsecond=0)
    midnight = (local + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    directory = build.directory_page()
    build.service(
        build.agency(directory),
        "Evening clinic",
        schedules=[(local.isoweekday(), opening.time(), datetime.time(23, 59))]
        if opening.date() == local.date()
        else [],
    )
    assert next_change(now) == min(opening, midnight).timestamp()


def test_cached_pages_expire_when_a_meeting_starts(home_page):
    now = timezone.now()
    starts = (now + datetime.timedelta(minutes=7)).replace(microsecond=0)
    group = build_meetings.make_group(home_page)
    build_meetings.make_meeting(group, start=starts)
    midnight = (to_local(now) + datetime.timedelta(days=1)).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    assert next_change(now) == min(starts, midnight).timestamp()


def test_a_page_is_kept_no_longer_than_until_the_next_meeting_starts(client, home_page):
    group = build_meetings.make_group(home_page)
    build_meetings.make_meeting(group, start=timezone.now() + datetime.timedelta(minutes=3))
    response = client.get("/en/")
    assert directives(response)["s-maxage"] <= 180
