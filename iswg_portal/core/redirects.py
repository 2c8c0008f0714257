"""Where a `next` parameter may send a person: only back into this site.

Every view that redirects to an address the request supplies asks `safe_next` first, so a link
crafted elsewhere cannot use the portal's sign-in or buttons to send someone to another site.
"""

from django.utils.http import url_has_allowed_host_and_scheme, urlencode


def safe_next(request, url, fallback):
    """`url` when it leads to this site (a path, or this host, never from https down to http),
    else `fallback`."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def with_next(url, next_url):
    """`url` carrying `next_url` as its `next` parameter, or `url` alone when there is none.
    Pass only what safe_next let through."""
    if not next_url:
        return url
    return f"{url}?{urlencode({'next': next_url})}"
