"""The directory's cache version: one token in the shared cache that every key of the
directory's cached data carries, so changing it forgets all of that data on every app server."""

import uuid

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "directory-taxonomy-version"


def _start_new_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def bump_version(**kwargs):
    """Forget everything the directory cached, on every app server (signal receiver: a
    vocabulary, a service or who may see a page changed).

    The version is part of every cache key of the directory and lives in the shared cache. It
    changes at once and again when the transaction commits: a search another server answered
    in between read the database as it was and cached that under the first new version."""
    _start_new_version()
    transaction.on_commit(_start_new_version)


def current_version():
    """The token that changes whenever a vocabulary, a published service or a restriction
    changes. A version the cache lost (evicted, flushed, unreachable) is replaced by a new one,
    never by an earlier one whose entries might still be cached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version or uuid.uuid4().hex
