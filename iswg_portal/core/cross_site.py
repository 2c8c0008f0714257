"""Public forms that need no CSRF cookie: the page that shows them is the same for every
anonymous visitor, so it can be cached whole (decision 0027).

A form posted to a view wrapped in `same_origin_post_only` is refused (403) unless the browser
says it comes from this site: `Sec-Fetch-Site: same-origin`, or else an `Origin` header naming
this site, or, from a client that sends neither, a `Referer` on this site when it sends one.
Every browser of the last years sends one of the first two with a POST, and a page on another
site cannot remove or forge them. On top of that, the form carries a signed token that is the
same for every visitor and valid for PUBLIC_FORM_TOKEN_DAYS: only a form the site handed out
lately is taken.
"""

import time
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils.encoding import force_str
from django.views.decorators.csrf import csrf_exempt

# A cached page, or an offline copy in the service worker, may be this old when it is sent.
PUBLIC_FORM_TOKEN_DAYS = 14
PUBLIC_FORM_TOKEN_FIELD = "form_token"  # noqa: S105 - a field name, not a secret


def site_origins(request):
    """This site's origin as the request reached it, and the trusted ones from settings."""
    return {f"{request.scheme}://{request.get_host()}".lower()} | {
        origin.lower() for origin in settings.CSRF_TRUSTED_ORIGINS
    }


def comes_from_this_site(request):
    """True when the browser says the request was made by a page of this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin.lower() in site_origins(request)
    referer = request.headers.get("Referer")
    if referer is None:
        # Neither header from a browser that sends them with every POST: not a browser (a
        # script can send anything anyway), or one too old to be led across sites by them.
        return True
    parts = urlsplit(referer)
    return f"{parts.scheme}://{parts.netloc}".lower() in site_origins(request)


def same_origin_post_only(view):
    """Let the view take a POST only from a page of this site (403 otherwise), in place of
    Django's CSRF cookie and token, which would make the page with the form uncacheable."""

    @csrf_exempt
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method == "POST" and not comes_from_this_site(request):
            raise PermissionDenied("Cross-site form post")
        return view(request, *args, **kwargs)

    return guarded


class HourlySigner(signing.TimestampSigner):
    """A TimestampSigner whose time is the start of the hour: a form shows the same token to
    everyone for an hour, so the page's bytes (and its ETag) stay the same while cached."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) // 3600 * 3600)


def public_form_token(purpose):
    """The token a public form carries for `purpose` (e.g. "problem-report:<service id>")."""
    return HourlySigner(salt="iswg.public-form").sign(purpose)


def is_valid_public_form_token(token, purpose):
    """True when `token` was handed out by this site for `purpose` within the last
    PUBLIC_FORM_TOKEN_DAYS days."""
    try:
        value = HourlySigner(salt="iswg.public-form").unsign(
            force_str(token or ""), max_age=PUBLIC_FORM_TOKEN_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return False
    return value == purpose
