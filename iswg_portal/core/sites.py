"""The Wagtail site of each request, read from the shared cache until the next publication
instead of from the database on every request."""

from django.http.request import split_domain_port
from wagtail.models import Site

from .fragments import cached_fragment


class CachedSiteMiddleware:
    """Finds the request's Wagtail site (with its root page) in the shared cache, by host name
    and port, and hands it to Wagtail on the request, where Site.find_for_request keeps the
    site it found (`request._wagtail_site`, as its documentation says); a site saved or deleted
    starts a new content version (core/content_version.py).

    Comes after CommonMiddleware, which has checked the host against ALLOWED_HOSTS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        request._wagtail_site = cached_fragment(
            "site", (hostname, port), lambda: Site.find_for_request(request)
        )
        return self.get_response(request)
