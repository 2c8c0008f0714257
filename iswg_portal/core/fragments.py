"""Parts of public pages kept in the shared cache until the next publication: what the frame
of every page looks up (the language links, the home link, the site, the locales) and what a
page type chooses to keep (the home page's meeting lists). Each key carries the public
content's version (core/content_version.py), so a publication, a move, a deletion or a change
of a snippet that pages show is seen on every app server at the next request."""

import contextlib
import hashlib

from django.core.cache import cache

from .content_version import current_version

# Unchanged content is kept a day at most; a new version makes it unreachable long before.
FRAGMENT_SECONDS = 60 * 60 * 24
# None cannot be told from a miss in Django's cache API: kept as this instead.
_NOTHING = "__nothing__"


def fragment_key(name, *parts):
    """The shared cache's key of a fragment: its name, the content version and what else it
    depends on (language, host, page), hashed to a short key any cache backend accepts."""
    digest = hashlib.sha256(repr((current_version(), *parts)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{digest}"


def cached_fragment(name, parts, build, timeout=FRAGMENT_SECONDS):
    """The fragment `name` for `parts` from the shared cache, else `build()` kept there.
    `timeout` may be a number of seconds or a function of the built value giving one (a list
    that changes when a meeting starts keeps until then)."""
    key = fragment_key(name, *parts)
    try:
        value = cache.get(key)
    except Exception:  # noqa: BLE001 - a failing cache is a cache that misses
        value = None
    if value is None:
        value = build()
        seconds = timeout(value) if callable(timeout) else timeout
        # A failing cache keeps nothing; the page is still built.
        with contextlib.suppress(Exception):
            cache.set(key, _NOTHING if value is None else value, seconds)
        return value
    return None if value == _NOTHING else value
