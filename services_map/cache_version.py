"""The directory's cache version is the site's content version (iswg_portal/core/
content_version.py): every key of the directory's cached data carries it, so a change anywhere
on the site forgets that data on every app server, as it forgets the cached pages."""

from iswg_portal.core.content_version import VERSION_KEY, bump_version, current_version

__all__ = ["VERSION_KEY", "bump_version", "current_version"]
