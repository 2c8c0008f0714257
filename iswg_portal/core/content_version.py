"""The public content's version: one token in the shared cache that every key of what the
portal caches from its pages and their snippets carries (whole anonymous pages, the directory's
facet counts and vocabularies, the frame's navigation and language links, the home page's
meeting lists, the HSDS exports), so that changing it forgets all of that on every app server
at once.

One rule says when it changes: a page is published, unpublished, moved or deleted; a snippet,
a site setting, a site, a locale or a view restriction is saved or deleted (a snippet class
that no public page shows says `shown_on_public_pages = False`); other records public pages
show are named by their app with `follow()`. What a visitor submits (problem reports, access
requests) is not followed, so nobody can empty the caches by writing to the portal."""

import time
import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "directory-taxonomy-version"
# The version as this request first read it: the page cache, the frame's fragments, the
# directory's caches and the locale look-ups of one page ask for it a dozen times, and each
# read is a round trip to Redis (or a query of the database cache). None outside a request: a
# worker or a command reads it afresh every time.
_request_version = ContextVar("request_version", default=None)
# The version as this process last read it, and when: a request within this many seconds of
# that read takes it from memory, so a page from the cache costs no round trip at all. Another
# server's publication shows here within this time; this process's own, at once.
PROCESS_MEMO_SECONDS = 0.5
_process_version = (None, 0.0)


def _remember(version):
    global _process_version  # noqa: PLW0603 - one memo per process, replaced whole
    _process_version = (version, time.monotonic())


def forget_process_version():
    """Read the version from the shared cache at the next request (after the cache was
    emptied, as the tests do)."""
    global _process_version  # noqa: PLW0603
    _process_version = (None, 0.0)


def _start_new_version():
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    _remember(version)
    if _request_version.get() is not None:
        _request_version.set({})


def bump_version(**kwargs):
    """Forget everything cached from the public content, on every app server (signal
    receiver: a page, a restriction or a snippet that public pages show changed).

    The version is part of every such cache key and lives in the shared cache. It changes at
    once and again when the transaction commits: a page another server built in between read
    the database as it was and cached that under the first new version."""
    _start_new_version()
    transaction.on_commit(_start_new_version)


def current_version():
    """The token that changes whenever the public content changes. A version the cache lost
    (evicted, flushed, unreachable) is replaced by a new one, never by an earlier one whose
    entries might still be cached."""
    memo = _request_version.get()
    if memo is None:
        return _read_version() or uuid.uuid4().hex
    if "version" not in memo:
        version, read_at = _process_version
        if version is None or time.monotonic() - read_at >= PROCESS_MEMO_SECONDS:
            version = _read_version()
            if version is not None:  # an unreachable cache leaves nothing to remember
                _remember(version)
        memo["version"] = version or uuid.uuid4().hex
    return memo["version"]


def _read_version():
    """The version in the shared cache, a new one if it had none; None if it cannot be read."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def shows_on_public_pages(model):
    """True for the models whose rows public pages show besides pages: snippets (unless their
    class says `shown_on_public_pages = False`), site settings, sites, locales and view
    restrictions. A page's own saves are drafts until published (page_published)."""
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import BaseViewRestriction, Locale, Page, Site
    from wagtail.snippets.models import get_snippet_models

    if not getattr(model, "shown_on_public_pages", True) or issubclass(model, Page):
        return False
    shown = (BaseGenericSetting, BaseSiteSetting, BaseViewRestriction, Locale, Site)
    return issubclass(model, shown) or model in get_snippet_models()


def content_saved(sender, raw=False, **kwargs):
    """post_save receiver: a change to something public pages show starts a new version."""
    if not raw and shows_on_public_pages(sender):
        bump_version()


def content_deleted(sender, **kwargs):
    """post_delete receiver: a deleted page, snippet, setting or restriction."""
    from wagtail.models import Page

    if issubclass(sender, Page) or shows_on_public_pages(sender):
        bump_version()


def follow(*models):
    """Start a new version whenever one of these models is saved or deleted: the records that
    public pages show and that are neither pages nor snippets."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(bump_version, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"content-version-del-{label}")


def _request_begins(**kwargs):
    _request_version.set({})


def _request_ends(**kwargs):
    _request_version.set(None)


def connect():
    """Wire the receivers that start a new content version and the per-request memo; called
    once from the core app's config."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_version, dispatch_uid="content-version-publish")
    page_unpublished.connect(bump_version, dispatch_uid="content-version-unpublish")
    post_page_move.connect(bump_version, dispatch_uid="content-version-move")
    post_save.connect(content_saved, dispatch_uid="content-version-save")
    post_delete.connect(content_deleted, dispatch_uid="content-version-delete")
    request_started.connect(_request_begins, dispatch_uid="content-version-request-begins")
    request_finished.connect(_request_ends, dispatch_uid="content-version-request-ends")
