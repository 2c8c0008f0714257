"""Cross-cutting views: health check, the error page, the web app manifest, the service worker,
the list of pages kept offline, robots.txt and the icons browsers fetch from the site's root."""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from iswg_portal.core.dates import script_date_patterns
from iswg_portal.core.middleware import offer_offline_copy
from iswg_portal.core.templatetags.portal_tags import is_rtl
from iswg_portal.core.time import local_time_zone_name


def check_database():
    """True when the database answers a trivial query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def check_cache():
    """True when the cache stores and returns a value."""
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001 - any cache client error means the cache is down
        return False


@never_cache
def healthz(request):
    """Answer for load balancers and monitoring: 503 when the database is down (the server can
    serve nothing), 200 otherwise; a cache outage is named ("degraded: cache") but keeps the
    server in rotation, since every page still works from the database."""
    checks = {"database": check_database(), "cache": check_cache()}
    body = {name: "ok" if ok else "down" for name, ok in checks.items()}
    down = [name for name, ok in checks.items() if not ok]
    if not checks["database"]:
        body["status"] = "down: " + ", ".join(down)
        return JsonResponse(body, status=503)
    body["status"] = "degraded: " + ", ".join(down) if down else "ok"
    return JsonResponse(body, status=200)


@requires_csrf_token
def server_error(request):
    """The 500 page, with the request's id to quote. It is rendered without context processors,
    database or cache, any of which may be what failed; the error itself is already logged (to
    standard error, and to ADMINS and the error tracker where set)."""
    template = loader.get_template("500.html")
    body = template.render({"request_id": getattr(request, "request_id", "")})
    return HttpResponseServerError(body)


# What a page kept for offline reading needs besides its HTML; the worker stores it when it
# installs, so a copy read offline still looks like the site. Only the stylesheet: a kept copy
# needs no script (the worker shows its note) and the favicon is written in the page, so the
# install adds one request to a first visit.
OFFLINE_STATIC_FILES = ["css/portal.css"]
# The header colour of the site (--colour-brand in static/css/portal.css) and its background.
THEME_COLOUR = "#0b4f8a"
BACKGROUND_COLOUR = "#ffffff"


def web_app_manifest(request):
    """The web app manifest in the visitor's language: what a phone needs to install the site."""
    language = get_language()
    manifest = {
        "id": "/",
        "name": gettext("ISWG Portal"),
        "short_name": gettext("ISWG"),
        "description": gettext("Services, groups and meetings of the refugee response"),
        "lang": language,
        "dir": "rtl" if is_rtl(language) else "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icons/maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    response = JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


# The apps' own pages kept at install beside the home page and the list of saved pages, each
# as (language -> path or None, its name on that list). Registered from the apps' ready()
# (services_map: the directory's first page), so that core imports no app.
OFFLINE_START_PAGES = []


def register_offline_start_page(path_for_language, label):
    """Keep an app's page offline from the worker's install on (see OFFLINE_START_PAGES)."""
    OFFLINE_START_PAGES.append((path_for_language, label))


def offline_start_links(language):
    """(path, name) of the apps' start pages in the visitor's language."""
    with translation.override(language):
        links = [(path_for(language), str(label)) for path_for, label in OFFLINE_START_PAGES]
    return [(path, label) for path, label in links if path]


def offline_start_urls(language):
    """The pages the service worker keeps as soon as it installs, in the visitor's language: the
    home page (the installed app's start page), the directory's first page and the list of
    pages kept offline."""
    with translation.override(language):
        saved_list = reverse("offline_pages")
    apps = [path for path, _label in offline_start_links(language)]
    return [f"/{language}/", *apps, saved_list]


def service_worker(request):
    """The service worker that keeps offline copies, served from the root so its scope is the
    whole site. Browsers check it for updates on every visit: it must not be cached for long.

    `?lang=` names the visitor's language, whose start pages the worker keeps at install."""
    language = request.GET.get("lang", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    static_files = {settings.STATIC_URL + name: static(name) for name in OFFLINE_STATIC_FILES}
    offline_pages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            offline_pages[code] = reverse("offline_pages")
    start_urls = offline_start_urls(language)
    version = hashlib.sha256(
        json.dumps([static_files, start_urls], sort_keys=True).encode()
    ).hexdigest()[:12]
    response = render(
        request,
        "core/service_worker.js",
        {
            "static_files": json.dumps(static_files),
            "static_url": settings.STATIC_URL,
            "version": version,
            "language": language,
            "start_urls": json.dumps(start_urls),
            "offline_pages": json.dumps(offline_pages),
            "date_patterns": json.dumps(script_date_patterns(), ensure_ascii=False),
            "time_zone": local_time_zone_name(),
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def offline_pages(request):
    """The pages kept on this device for reading offline. The service worker keeps this page in
    the visitor's language and fills its lists from what it kept; offline, it shows it in place
    of a page that was not kept, saying so."""
    offer_offline_copy(request, "offline")
    language = get_language()
    return render(
        request,
        "core/offline.html",
        {"home_url": f"/{language}/", "start_links": offline_start_links(language)},
    )


# Addresses at the site's root that browsers, phones and crawlers ask for without reading any
# page: the file under static/img/ each one answers with, and its type.
ROOT_ICONS = {
    "favicon.ico": ("img/favicon.ico", "image/x-icon"),
    "apple-touch-icon.png": ("img/icons/apple-touch-icon.png", "image/png"),
    "apple-touch-icon-precomposed.png": ("img/icons/apple-touch-icon.png", "image/png"),
}


def root_icon(request, name):
    """The site's icon at one of the root addresses browsers and phones fetch by convention
    (a tab's icon, the home-screen icon of an iPhone), with a day's cache."""
    static_name, content_type = ROOT_ICONS[name]
    path = finders.find(static_name)
    if path:
        body = Path(path).read_bytes()
    else:
        # Without the project's static folder (a server given only collected files).
        with staticfiles_storage.open(static_name) as icon:
            body = icon.read()
    response = HttpResponse(body, content_type=content_type)
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response


# Private or endless addresses crawlers have nothing to find in: the admin, sign-in and account
# pages, report forms, a member's tracker and feed settings, and directory searches (every
# combination of words and filters; each service is listed in the sitemap instead).
ROBOTS_DISALLOW = [
    "/admin/",
    "/*/_util/",
    "/*/accounts/",
    "/*/services/?",
    "/*/services/map/",
    "/*/services/report/",
    "/*/meetings/action-points/",
    "/*/meetings/calendar-feed/",
]


def robots_txt(request):
    """robots.txt: where the sitemap is, on the site's public address, and what not to crawl."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), "Allow: /"]
    lines += ["", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    response = HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=60 * 60 * 24)
    return response
