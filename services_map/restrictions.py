"""Pages below a view restriction (login, password, groups): lists gathered from the whole site
leave them out, since a section's restriction is not checked there page by page."""

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageViewRestriction

from .cache_version import current_version

PRIVATE_PATHS_KEY = "directory-private-paths"
# Short, so that even a change the shared cache missed (it was unreachable) shows soon.
PRIVATE_PATHS_SECONDS = 5 * 60


def private_paths_key():
    """The cache key of the restricted paths: part of the directory's current version, which
    changes with any restriction, publication, unpublication, move or deletion of a page."""
    return f"{PRIVATE_PATHS_KEY}:{current_version()}"


def private_sections_q():
    """Pages below a view restriction (login, password, groups) never appear in the directory;
    the restricted paths are cached until a restriction or a page's place changes."""
    key = private_paths_key()
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, PRIVATE_PATHS_SECONDS)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition
