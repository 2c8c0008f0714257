"""URLs: language-prefixed public site, the Wagtail admin, health check."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import urlencode
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from iswg_portal.accounts.views import admin_logout, wagtail_login_redirect
from iswg_portal.core.media import image_file_urls
from iswg_portal.core.redirects import safe_next
from iswg_portal.core.sitemap import PortalSitemap
from iswg_portal.core.views import (
    ROOT_ICONS,
    healthz,
    offline_pages,
    robots_txt,
    root_icon,
    service_worker,
    web_app_manifest,
)


def admin_login_redirect(request):
    """Send Wagtail's own login URL to allauth's sign-in page, keeping where to go next."""
    next_url = safe_next(request, request.GET.get("next", ""), reverse("wagtailadmin_home"))
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


# allauth's rate limits answer with this view (it looks for `handler429` here).
handler429 = "iswg_portal.accounts.views.too_many_requests"
# The error page shows the request's id, which a person can quote.
handler500 = "iswg_portal.core.views.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # At the root, so the worker may look after every page of the site.
    path("sw.js", service_worker, name="service_worker"),
    path("admin/login/", admin_login_redirect, name="admin_login_redirect"),
    # Wagtail's logout would say "logged out" on a GET and leave the session valid.
    path("admin/logout/", admin_logout, name="admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PortalSitemap}}),
    path("robots.txt", robots_txt, name="robots_txt"),
    *(path(name, root_icon, {"name": name}) for name in ROOT_ICONS),
    path("", include("meetings.feed_urls")),
    # The directory as open data (Open Referral HSDS 3.0), the same in every language.
    path("api/hsds/", include("services_map.hsds.urls")),
]

if settings.DEBUG:
    # Images only: a document is served by Wagtail's view above, which checks who may read it.
    urlpatterns += image_file_urls()

urlpatterns += i18n_patterns(
    # Wagtail's own front-end login would skip allauth's two-factor step and rate limits.
    path("_util/login/", wagtail_login_redirect, name="wagtail_login_redirect"),
    path("manifest.webmanifest", web_app_manifest, name="web_app_manifest"),
    path("offline/", offline_pages, name="offline_pages"),
    path("accounts/", include("iswg_portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # Directory routes such as /<lang>/services/print/ come before Wagtail's page catch-all.
    path("", include("services_map.urls")),
    path("", include("meetings.urls")),
    path("", include(wagtail_urls)),
)
