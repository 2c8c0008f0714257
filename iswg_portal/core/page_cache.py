"""Whole public pages for visitors who are not signed in, kept in the shared cache.

A page is kept under its scheme, host, language-prefixed path and query, and under the site's
content version (content_version.py), which every publication, unpublication, move, deletion,
snippet, vocabulary, setting or restriction change replaces: one rule forgets every cached page
at once, on every app server. A page also lives no longer than the next moment that changes
what it shows without anyone editing anything: a service opening or closing, a meeting starting
or ending, midnight, and at most PAGE_CACHE_SECONDS.

Only a request without the session cookie (nobody signed in, nothing unlocked) nor a message
waiting is answered from the cache or stored; a response is stored only when it is a 200 with
no cookie, no `Vary: Cookie`, nothing private in its Cache-Control and nothing members-only in
it (middleware.mark_private). Cached or not, such a response tells proxies and CDNs how long
they may keep it (Cache-Control public, s-maxage), carries an ETag and answers 304 to a
matching If-None-Match. A cache that fails is a cache that misses: the page is built again.

Each process also keeps the pages it served last in its own memory (LocalPages), under the
same keys: a page asked for again costs one small read of the version from the shared cache,
not the transfer and unpickling of the whole page. The key holds the version, so a copy in
memory is never served once the content changed, on whichever server it changed.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_path

from .content_version import current_version
from .time import local_time_zone, to_local

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Cache"
# Sections under the language prefix that are never kept: sign-in and account pages, and
# Wagtail's front-end login redirect.
UNCACHED_SECTIONS = ("accounts/", "_util/")
# A longer query is a script, not a person; it is answered but not kept.
LONGEST_CACHED_QUERY = 1000
# How long a browser may keep a page without asking again; proxies are told the whole lifetime.
BROWSER_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30
# A page with a query (a directory search) cannot be purged from a proxy by its address: a proxy
# keeps it this long at most.
QUERY_SHARED_MAX_AGE = 60
# Headers the middleware writes afresh for every answer, never stored with the page.
HEADERS_NOT_STORED = {"cache-control", "etag", CACHE_HEADER.lower(), "set-cookie"}
NEXT_CHANGE_KEY = "page-cache-next-change"
# How many pages each process keeps in its own memory (about 30 to 800 KB each).
LOCAL_PAGES = 200

# Functions of the current moment that return the next moment (aware datetime) when a public
# page may change by the clock alone, or None; each app registers its own
# (register_next_change), so this module imports none of them.
_next_change_finders = []


def register_next_change(finder):
    """Add a function `finder(now) -> datetime | None` giving the next moment some public page
    changes by the clock (a service opens, a meeting starts); cached pages expire then."""
    if finder not in _next_change_finders:
        _next_change_finders.append(finder)


def next_midnight(now):
    """Midnight after `now` on the portal's calendar: "today", "tomorrow" and "N days ago"
    change then."""
    local = to_local(now)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, datetime.min.time(), tzinfo=local_time_zone())


def next_change(now):
    """The next moment any public page changes by the clock alone, at most PAGE_CACHE_SECONDS
    away. Worked out once per content version and until that moment, in the shared cache."""
    key = f"{NEXT_CHANGE_KEY}:{current_version()}"
    stored = _cache_get(key)
    if stored is not None and stored > now.timestamp():
        return stored
    moments = [next_midnight(now)]
    for finder in _next_change_finders:
        moment = finder(now)
        if moment is not None and moment > now:
            moments.append(moment)
    moment = min(moments).timestamp()
    _cache_set(key, moment, max(1, int(moment - now.timestamp())))
    return moment


def skip_page_cache(request):
    """Keep this request's response out of the page cache (it must reach the view every time,
    e.g. because the view records something about each request)."""
    request.skips_page_cache = True


def has_session_cookie(request):
    """True when the request carries the session cookie: someone may be signed in, or may have
    unlocked a protected page. Reading the cookie, unlike reading the session, adds no
    `Vary: Cookie` to the response."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def is_cacheable_request(request):
    """True for a GET or HEAD of a language-prefixed public path from a visitor with no session
    and no message waiting for them."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if has_session_cookie(request) or CookieStorage.cookie_name in request.COOKIES:
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if len(request.META.get("QUERY_STRING", "")) > LONGEST_CACHED_QUERY:
        return False
    language = get_language_from_path(request.path_info)
    if not language:
        return False
    rest = request.path_info[len(language) + 2 :]
    return not rest.startswith(UNCACHED_SECTIONS)


def is_cacheable_response(request, response):
    """True when the response may be kept and shared with every anonymous visitor."""
    from .middleware import is_private_request, is_private_response

    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "skips_page_cache", False):
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    if vary & {"cookie", "*"}:
        return False
    if is_private_response(response) or "no-cache" in response.get("Cache-Control", ""):
        return False
    return not is_private_request(request)


def cache_key(request):
    """The page's key: content version, scheme, host and full path with its query (the path
    holds the language)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page:{current_version()}:{digest}"


def _cache_get(key):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 - a failing cache is a cache that misses
        logger.warning("The page cache could not be read", exc_info=True)
        return None


def _cache_set(key, value, seconds):
    try:
        cache.set(key, value, seconds)
    except Exception:  # noqa: BLE001 - a failing cache keeps nothing, the page is still sent
        logger.warning("The page cache could not be written", exc_info=True)


class LocalPages:
    """The pages this process served last, by their page-cache key, least recently used first
    out. Safe to share between the threads of one process."""

    def __init__(self, size):
        self.size = size
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)


local_pages = LocalPages(LOCAL_PAGES)


def cached_entry(key):
    """The page kept under `key` while it has not expired: from this process's memory, else
    from the shared cache (and then kept in memory too); None when there is none."""
    now = time.time()
    entry = local_pages.get(key)
    if entry is None:
        entry = _cache_get(key)
        if entry is None:
            return None
        local_pages.put(key, entry)
    return entry if entry["expires_at"] > now else None


def entity_tag(content):
    """A strong ETag of the page's bytes."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def mark_public(request, response, expires_at, status):
    """Tell browsers and shared caches how long they may keep this page, and whether it came
    from the page cache."""
    remaining = max(0, int(expires_at - time.time()))
    shared = min(remaining, QUERY_SHARED_MAX_AGE) if request.META.get("QUERY_STRING") else remaining
    patch_cache_control(
        response,
        public=True,
        max_age=min(BROWSER_MAX_AGE, remaining),
        s_maxage=shared,
        stale_while_revalidate=STALE_WHILE_REVALIDATE,
    )
    response[CACHE_HEADER] = status


def revalidated(request, response, status):
    """304 Not Modified when the visitor's copy (If-None-Match) is this page, else the page."""
    answer = get_conditional_response(request, etag=response["ETag"], response=response)
    answer[CACHE_HEADER] = status
    return answer


class PageCacheMiddleware:
    """Answers anonymous visitors from the shared page cache and fills it.

    Listed after the gzip middleware (pages are kept uncompressed and compressed for each
    visitor who accepts it) and before the session middleware, so a page from the cache costs
    no session, no user and no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        entry = cached_entry(key)
        if entry is not None:
            return self.answer_from_cache(request, entry)
        response = self.get_response(request)
        if is_cacheable_response(request, response):
            return self.store(request, response, key)
        return response

    def answer_from_cache(self, request, entry):
        response = HttpResponse(entry["content"], status=200)
        for name, value in entry["headers"]:
            response[name] = value
        response["ETag"] = entry["etag"]
        mark_public(request, response, entry["expires_at"], "hit")
        return revalidated(request, response, "hit")

    def store(self, request, response, key):
        now = timezone.now()
        expires_at = min(next_change(now), now.timestamp() + settings.PAGE_CACHE_SECONDS)
        etag = entity_tag(response.content)
        entry = {
            "content": response.content,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in HEADERS_NOT_STORED
            ],
            "etag": etag,
            "expires_at": expires_at,
        }
        _cache_set(key, entry, max(1, int(expires_at - now.timestamp())))
        local_pages.put(key, entry)
        response["ETag"] = etag
        mark_public(request, response, expires_at, "miss")
        return revalidated(request, response, "miss")


def purge_from_frontend_cache(instance, **kwargs):
    """page_published / page_unpublished receiver: once the change is committed, purge the
    page and the pages that list it (its parents up to the home page), in every language, from
    the caching proxy in front (settings.WAGTAILFRONTENDCACHE, through Wagtail's
    frontend_cache). Pages with a query (directory searches) are kept by a proxy for
    QUERY_SHARED_MAX_AGE at most."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    pages = [instance, *instance.get_ancestors().filter(depth__gt=1)]
    transaction.on_commit(lambda: purge_pages(pages))


def purge_pages(pages):
    """Send the purge requests for these pages' addresses (each language's)."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(pages)
    try:
        batch.purge()
    except Exception:  # noqa: BLE001 - an unreachable proxy must not fail a publication
        logger.warning("The caching proxy could not be purged", exc_info=True)


def connect():
    """Wire the receivers; called once from the app config."""
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(purge_from_frontend_cache, dispatch_uid="frontend-purge-pub")
    page_unpublished.connect(purge_from_frontend_cache, dispatch_uid="frontend-purge-unpub")
