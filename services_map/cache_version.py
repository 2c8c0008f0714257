"""The directory's cache version is the public content's version (iswg_portal/core/
content_version.py): one token, one rule for when it changes, which the page cache's keys carry
too. Kept under this name for the directory's modules that read it."""

from iswg_portal.core.content_version import VERSION_KEY, bump_version, current_version

__all__ = ["VERSION_KEY", "bump_version", "current_version"]
