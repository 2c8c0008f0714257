"""How responses leave the site: what one person may see stays out of every cache (the browser's,
a proxy's, the offline copies of the service worker), public pages say whether the service
worker may keep them for offline reading, and only pages that hold nothing secret are
compressed."""

import contextlib

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control
from django.utils.log import log_response

from .request_logging import REQUEST_ID_HEADER, enter_request, leave_request, request_id_for

# Wagtail remembers in the session which password-protected pages and collections a visitor
# has unlocked; what those show is as private as a member's page.
UNLOCKED_RESTRICTIONS_SESSION_KEYS = (
    "passed_page_view_restrictions",
    "passed_collection_view_restrictions",
)


# The kinds of text the site writes itself, which gzip shrinks well. Everything else (PDFs,
# office files, pictures, archives, plain downloads) is already compressed or must arrive with
# its exact length, so it is sent as it is.
COMPRESSIBLE_CONTENT_TYPES = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "text/xml",
    "image/svg+xml",
    "text/calendar",
}


# The header by which a public page tells the service worker it may keep an offline copy, and
# as what: "service" (every service page a visitor opens), "search" (their last searches),
# "print" (the print sheets they open), "start" (the home page and the directory's first page,
# kept when the worker installs) or "offline" (the page listing what is kept).
OFFLINE_COPY_HEADER = "X-Offline-Copy"
OFFLINE_COPY_KINDS = {"service", "search", "print", "start", "offline"}


def mark_private(request):
    """Note that this request's response shows members-only content, whoever asked for it."""
    request.shows_private_content = True


def offer_offline_copy(request, kind):
    """Let the service worker keep this page for offline reading, unless it is private."""
    if kind not in OFFLINE_COPY_KINDS:
        raise ValueError(f"Unknown kind of offline copy: {kind}")
    request.offline_copy = kind


def is_private_request(request):
    """True when the response is for one person: a signed-in visitor, one who unlocked a
    protected page, or members-only content.

    A visitor who came without the session cookie is the anonymous user until this request
    signs them in or starts their session: their session is not read, so the response does
    not vary on the cookie (CachePolicyMiddleware)."""
    if getattr(request, "shows_private_content", False):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not getattr(
        session, "modified", False
    ):
        return False
    return session is not None and any(
        session.get(key) for key in UNLOCKED_RESTRICTIONS_SESSION_KEYS
    )


def is_private_response(response):
    """True when the response's Cache-Control keeps it to one person (private or no-store)."""
    directives = {
        part.split("=", 1)[0].strip().lower()
        for part in response.get("Cache-Control", "").split(",")
    }
    return bool(directives & {"private", "no-store"})


def is_compressible_response(response):
    """True for a text response the site wrote (page, stylesheet, script, feed, JSON); false for
    a served file (documents, images, media), a download and every other content type."""
    if isinstance(response, FileResponse):
        return False
    if response.get("Content-Disposition", "").strip().lower().startswith("attachment"):
        return False
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type in COMPRESSIBLE_CONTENT_TYPES


async def anonymous_user():
    """request.auser() for a visitor without a session."""
    return AnonymousUser()


class CachePolicyMiddleware:
    """Sends `Cache-Control: private, no-store` with every response to a signed-in visitor and
    with members-only content, so no shared cache, back-button cache or offline copy keeps it;
    offers the other pages that asked for it to the service worker's offline copies.

    A visitor without the session cookie is anonymous: request.user is set to the anonymous
    user at once, so nothing that asks who the visitor is (this middleware, the request log,
    templates) opens the empty session, which would add `Vary: Cookie` and keep the page out of
    every shared cache.

    Must come after the authentication middleware (it reads request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()
            request.auser = anonymous_user
        response = self.get_response(request)
        if is_private_request(request):
            patch_cache_control(response, private=True, no_store=True)
        elif response.status_code == 200 and getattr(request, "offline_copy", None):
            response[OFFLINE_COPY_HEADER] = request.offline_copy
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip compression for the public pages only.

    BREACH reads a secret out of a compressed page by reflecting guesses into it and watching
    the length change. A public page holds no secret but the CSRF token, which Django masks
    afresh in every response, and Django pads every gzip body by a random length on top. Pages
    for one person (marked private or no-store: everything a signed-in visitor sees, the
    sign-in, two-factor and password pages) may hold recovery codes, TOTP secrets or
    members-only text next to a reflected search, so they are sent uncompressed. Files and
    downloads are sent as they are too (see is_compressible_response).

    Listed after WhiteNoise, which serves static files already compressed, and above the
    middleware that marks private responses, so it sees their final headers."""

    def process_response(self, request, response):
        # Wagtail's document view copies mimetypes' guess of the file's encoding into the
        # header, None for an ordinary file, and sends "Content-Encoding: None", which curl and
        # other clients that decompress refuse to read.
        if response.get("Content-Encoding") == "None":
            del response["Content-Encoding"]
        if is_private_response(response) or not is_compressible_response(response):
            return response
        return super().process_response(request, response)


class RequestIdMiddleware:
    """Gives each request an id that every log record written while answering it carries,
    sends it back as the X-Request-ID header and lets the error page show it, so a person can
    quote it and an operator find the request in the logs.

    First in MIDDLEWARE, so records written by any other middleware carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        token = enter_request(request)
        try:
            response = self.get_response(request)
            if response.status_code >= 400:
                # Django would log a 4xx or 5xx answer after the last middleware has returned,
                # without the request's id; logged here, it is marked and not logged twice.
                log_response(
                    "%s: %s",
                    response.reason_phrase,
                    request.path,
                    response=response,
                    request=request,
                )
        finally:
            leave_request(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Load the user the authentication middleware set, as the view is about to do anyway,
        # so every record the view writes can name the account.
        user = getattr(request, "user", None)
        if user is not None:
            # If loading fails, the view meets the same failure and reports it.
            with contextlib.suppress(Exception):
                user.is_authenticated  # noqa: B018 - evaluates the lazy user
