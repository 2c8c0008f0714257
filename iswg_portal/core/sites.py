"""The Wagtail site of each request, read from the shared cache until the next publication
instead of from the database on every request."""

from django.http.request import split_domain_port
from wagtail.models import Site

from .fragments import cached_fragment

ADMIN_PATH = "/admin/"
# The load balancer's health check answers for the database and the cache itself (core/views.py):
# a site looked up here would fail it with a 500 instead of its 503 naming what is down.
HEALTH_PATH = "/healthz"


class CachedSiteMiddleware:
    """Finds the request's Wagtail site (with its root page) in the shared cache, by host name
    and port, and hands it to Wagtail on the request, where Site.find_for_request keeps the
    site it found (`request._wagtail_site`, as its documentation says); a site saved or deleted
    starts a new content version (core/content_version.py).

    Comes after CommonMiddleware, which has checked the host against ALLOWED_HOSTS. Public
    requests only: the admin's are left to Wagtail as they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(ADMIN_PATH) or request.path_info == HEALTH_PATH:
            # Neither the admin nor the health check routes through the site: nothing to look up.
            return self.get_response(request)
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        request._wagtail_site = cached_fragment(
            "site", (hostname, port), lambda: Site.find_for_request(request)
        )
        return self.get_response(request)
