"""Views of the directory page: the search page and the data behind its map. Thin: the work is
in search/, queries.py, forms.py and taxonomy.py."""

from dataclasses import replace

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from iswg_portal.core.middleware import offer_offline_copy

from ..map_pins import sector_pins
from ..queries import service_url_prefixes
from ..search import search_services
from ..search.cards import ResultCards
from ..search_misses import record_search_miss
from .filter_chips import filter_chips
from .forms import DirectorySearchForm, params_to_query
from .map_data import directory_markers
from .search_title import canonical_query, search_title
from .share import search_share

FILTER_LABELS = {
    "q": lambda: _("the search words"),
    "categories": lambda: _("the type of service"),
    "provinces": lambda: _("the province"),
    "districts": lambda: _("the district"),
    "languages": lambda: _("the language"),
    "groups": lambda: _("the group"),
    "free": lambda: _("free of charge"),
    "wheelchair": lambda: _("wheelchair accessible"),
    "open_now": lambda: _("open now"),
}


def page_locale(page):
    """The page's Locale, without a query when the page's language is the active one (as it is
    for every URL below /<lang>/)."""
    if "locale" not in page._state.fields_cache and page.locale_id:
        code = translation.get_language()
        if code in dict(settings.LANGUAGES):
            return Locale(pk=page.locale_id, language_code=code)
    return page.locale


def directory_search(request, page):
    """The search page: form, facets with counts, one page of results, next steps."""
    # The directory's first page is kept when the service worker installs; a visitor's last
    # searches stay readable offline too (see templates/core/service_worker.js).
    offer_offline_copy(request, "search" if request.GET else "start")
    locale = page_locale(page)
    form = DirectorySearchForm(request.GET or None, locale=locale)
    params = form.search_params()
    cards = ResultCards(request.get_host(), locale.language_code)
    results = search_services(params, request.user, locale, cards=cards)
    record_search_miss(request, params, results, locale.language_code, form.taxonomy)
    for idea in results.suggestions:
        idea["url"] = "?" + params_to_query(idea["params"])
        idea["label"] = FILTER_LABELS[idea["filter"]]() if idea["kind"] == "drop" else ""
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "results": results,
            "problems": form.problems(),
            "query_string": params_to_query(replace(params, page=1)),
            "previous_query": params_to_query(replace(params, page=results.page_number - 1)),
            "next_query": params_to_query(replace(params, page=results.page_number + 1)),
            "clear_query": params_to_query(
                replace(params.__class__(), q=params.q, lat=params.lat, lng=params.lng)
            ),
            "has_filters": bool(params.active_filters()),
            "filter_chips": filter_chips(params, form.taxonomy),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "map_pins": sector_pins(form.taxonomy.sectors),
            "share": search_share(
                page.title, params, form.taxonomy, shared_search_url(page, params, request)
            ),
            "document_title": search_title(params, form.taxonomy, page.title),
            "canonical_query": canonical_query(params),
        }
    )
    response = TemplateResponse(request, page.get_template(request), context)
    response.add_post_render_callback(cards.keep)
    return response


def shared_search_url(page, params, request):
    """The address of a search to pass on: its words and filters, from its first page, and
    never where the visitor is (their position, or "nearest first" from it)."""
    shared = replace(params, lat=None, lng=None, page=1)
    if shared.sort == "distance" and not shared.districts:
        shared = replace(shared, sort="")
    query = params_to_query(shared)
    return page.get_full_url(request) + (f"?{query}" if query else "")


def directory_map_data(request, page):
    """Markers of the same search as JSON, for the map the script draws on request."""
    locale = page_locale(page)
    form = DirectorySearchForm(request.GET or None, locale=locale)
    markers = directory_markers(
        form.search_params(),
        request.user,
        locale,
        form.taxonomy,
        sector_pins(form.taxonomy.sectors),
        service_url_prefixes(page, request),
    )
    response = JsonResponse({"markers": markers}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, max-age=60"
    return response
