"""The security headers Django 5.2 cannot send, on every response: a strict
Content-Security-Policy and a Permissions-Policy. Django's SecurityMiddleware sends the others
(X-Content-Type-Options, Referrer-Policy, Cross-Origin-Opener-Policy; see settings/base.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

PERMISSIONS_POLICY = ", ".join(
    [
        # The directory's "near me" may ask for the position; nothing else may.
        "geolocation=(self)",
        "camera=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "serial=()",
        "midi=()",
        "magnetometer=()",
        "gyroscope=()",
        "accelerometer=()",
    ]
)


def map_tile_origin():
    """scheme://host of settings.MAP_TILE_URL, or '' when tiles come from the site itself."""
    parts = urlsplit(settings.MAP_TILE_URL)
    if not parts.scheme or not parts.netloc:
        return ""
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(relaxed_for_admin=False):
    """The policy: no inline script anywhere on the site; the admin gets inline script and
    style because Wagtail's own inline panels and date pickers are written inline."""
    img_src = ["'self'", "data:"]
    if origin := map_tile_origin():
        img_src.append(origin)
    script_src = ["'self'"]
    style_src = ["'self'"]
    if relaxed_for_admin:
        script_src.append("'unsafe-inline'")
        style_src.append("'unsafe-inline'")
        img_src.append("blob:")
    directives = {
        "default-src": ["'self'"],
        "script-src": script_src,
        "style-src": style_src,
        "img-src": img_src,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


# Static files that no browser treats as a document or a worker: both policies rule documents
# and workers alone, so on these they would only add 600 bytes to each response (four or five of
# them on a first visit). The service worker (/sw.js) is no static file and keeps them.
UNGOVERNED_STATIC_TYPES = ("text/css", "text/javascript", "application/javascript")


def is_static_style_or_script(request, response):
    """True for a stylesheet or script served from STATIC_URL."""
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return request.path.startswith(settings.STATIC_URL) and content_type in UNGOVERNED_STATIC_TYPES


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = content_security_policy()
        self.admin_policy = content_security_policy(relaxed_for_admin=True)
        # The admin's address, looked up on the first request (the URLconf is not loaded yet).
        self.admin_prefix = None

    def __call__(self, request):
        response = self.get_response(request)
        if is_static_style_or_script(request, response):
            return response
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        is_admin = request.path.startswith(self.admin_prefix)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_policy if is_admin else self.public_policy
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
