"""How responses leave the site: what one person may see stays out of every cache (the browser's,
a proxy's, the offline copies of the service worker), and only pages that hold nothing secret
are compressed."""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control

# Wagtail remembers in the session which password-protected pages and collections a visitor
# has unlocked; what those show is as private as a member's page.
UNLOCKED_RESTRICTIONS_SESSION_KEYS = (
    "passed_page_view_restrictions",
    "passed_collection_view_restrictions",
)


def mark_private(request):
    """Note that this request's response shows members-only content, whoever asked for it."""
    request.shows_private_content = True


def is_private_request(request):
    """True when the response is for one person: a signed-in visitor, one who unlocked a
    protected page, or members-only content."""
    if getattr(request, "shows_private_content", False):
        return True
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    session = getattr(request, "session", None)
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


class PrivateResponsesMiddleware:
    """Sends `Cache-Control: private, no-store` with every response to a signed-in visitor and
    with members-only content, so no shared cache, back-button cache or offline copy keeps it.

    Must come after the authentication middleware (it reads request.user)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_private_request(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """Django's gzip compression for the public pages only.

    BREACH reads a secret out of a compressed page by reflecting guesses into it and watching
    the length change. A public page holds no secret but the CSRF token, which Django masks
    afresh in every response, and Django pads every gzip body by a random length on top. Pages
    for one person (marked private or no-store: everything a signed-in visitor sees, the
    sign-in, two-factor and password pages) may hold recovery codes, TOTP secrets or
    members-only text next to a reflected search, so they are sent uncompressed.

    Listed after WhiteNoise, which serves static files already compressed, and above the
    middleware that marks private responses, so it sees their final headers."""

    def process_response(self, request, response):
        if is_private_response(response):
            return response
        return super().process_response(request, response)
