"""The public content's version: one token in the shared cache that every key of what the
portal caches from its pages and their snippets carries (the directory's facet counts and
vocabularies, the frame's navigation and language links, the home page's meeting lists), so
that changing it forgets all of that on every app server at once.

One rule says when it changes: a page is published, unpublished, moved or deleted; a view
restriction, a site or a locale is saved or deleted; a snippet that public pages show is saved
or deleted (each app names its own with `follow()`). What a visitor submits (problem reports,
access requests) is not followed, so nobody can empty the caches by writing to the portal."""

import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "directory-taxonomy-version"
# The version as this request first read it: the frame's fragments, the directory's caches and
# the locale look-ups of one page ask for it a dozen times, and each read is a round trip to
# Redis (or a query of the database cache). None outside a request: a worker or a command reads
# it afresh every time.
_request_version = ContextVar("request_version", default=None)


def _start_new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
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
    if memo and "version" in memo:
        return memo["version"]
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    version = version or uuid.uuid4().hex
    if memo is not None:
        memo["version"] = version
    return version


def _request_begins(**kwargs):
    _request_version.set({})


def _request_ends(**kwargs):
    _request_version.set(None)


def follow(*models):
    """Start a new version whenever one of these models is saved or deleted: the snippets and
    records that public pages show."""
    for model in models:
        label = model._meta.label_lower
        post_save.connect(bump_version, sender=model, dispatch_uid=f"content-version-save-{label}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"content-version-del-{label}")


def connect():
    """The pages' part of the rule, for every page type: publish, unpublish, move, delete;
    view restrictions, sites and locales. Called once from the core app's config."""
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_version, dispatch_uid="content-version-publish")
    page_unpublished.connect(bump_version, dispatch_uid="content-version-unpublish")
    post_page_move.connect(bump_version, dispatch_uid="content-version-move")
    post_delete.connect(bump_version, sender=Page, dispatch_uid="content-version-page-delete")
    follow(PageViewRestriction, Site, Locale)
    request_started.connect(_request_begins, dispatch_uid="content-version-request-begins")
    request_finished.connect(_request_ends, dispatch_uid="content-version-request-ends")
