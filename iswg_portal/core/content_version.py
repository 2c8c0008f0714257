"""The site's content version: one token in the shared cache that every key of cached public
content carries (directory vocabularies, facet counts, whole anonymous pages), so changing it
forgets all of that at once, on every app server."""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "directory-taxonomy-version"


def _start_new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_version(**kwargs):
    """Forget everything cached from the site's content, on every app server (signal
    receiver: a page was published, unpublished, moved or deleted, a vocabulary, snippet or
    setting changed, or who may see a page changed).

    The version changes at once and again when the transaction commits: a page another server
    built in between read the database as it was and cached it under the first new version."""
    _start_new_version()
    transaction.on_commit(_start_new_version)


def current_version():
    """The token that changes whenever anything a public page shows changes. A version the
    cache lost (evicted, flushed, unreachable) is replaced by a new one, never by an earlier
    one whose entries might still be cached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version or uuid.uuid4().hex


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


def connect():
    """Wire the receivers that start a new content version; called once from the app config."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(bump_version, dispatch_uid="content-version-publish")
    page_unpublished.connect(bump_version, dispatch_uid="content-version-unpublish")
    post_page_move.connect(bump_version, dispatch_uid="content-version-move")
    post_save.connect(content_saved, dispatch_uid="content-version-save")
    post_delete.connect(content_deleted, dispatch_uid="content-version-delete")
