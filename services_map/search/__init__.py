"""The directory search: who may see which service, filters, facet counts, sorting, paging.

`search_services()` is the one entry point; the search page, the print sheet and the map data
all call it with the same parameters, so they always agree on what a visitor may see.
"""

import math

from ..models import ServiceLocation
from .directory import DirectorySearch
from .results import (
    BOOLEAN_FACETS,
    LIST_FACETS,
    PAGE_SIZE,
    SORTS,
    DirectoryResults,
    Facet,
    FacetOption,
    SearchParams,
)

__all__ = [
    "BOOLEAN_FACETS",
    "LIST_FACETS",
    "PAGE_SIZE",
    "SORTS",
    "DirectoryResults",
    "DirectorySearch",
    "Facet",
    "FacetOption",
    "SearchParams",
    "map_markers",
    "search_services",
]


def search_services(
    params, user, locale, *, now=None, page_size=PAGE_SIZE, paginate=True, cards=None
):
    """Search the directory as `user` would see it in `locale` (a wagtail Locale).

    `params` is a SearchParams, usually `DirectorySearchForm(request.GET).search_params()`.
    Returns DirectoryResults: `.services` holds the requested page (or, with paginate=False,
    every match) ready for display: each service carries `.agency`, `.visible_locations`
    (empty when its address must stay hidden), `.address_hidden`, `.provinces_shown`,
    `.category_labels` and `.distance` (km or None). `.facets` maps facet names to Facets.
    With `cards` (search/cards.py), a service whose card is cached carries it as `.card`
    instead of those fields of its own content (DirectorySearch.load).
    """
    search = DirectorySearch(params, user, locale, now)
    qs = search.filtered()
    sort = search.sort_name()
    point = search.reference_point()
    ordered = search.ordered(qs, sort, point)
    counts = search.cached_facet_counts()
    total = counts.get("total", {}).get("all", 0)
    num_pages = max(1, math.ceil(total / page_size))
    page_number = params.page
    out_of_range = page_number > num_pages
    page_number = min(max(page_number, 1), num_pages)
    if paginate:
        start = (page_number - 1) * page_size
        page = search.page_of(ordered, sort, point, start, page_size)
        services = search.load(page, cards) if total else []
    else:
        services = search.load(ordered) if total else []
    return DirectoryResults(
        params=params,
        total=total,
        page_number=page_number,
        num_pages=num_pages,
        services=services,
        facets=search.facets(counts),
        sort=sort,
        reference_point=point,
        page_out_of_range=out_of_range,
        suggestions=search.suggestions() if total == 0 else [],
        queryset=ordered,
        all_words_matched=search.match_all() if search.words else True,
        widened_places=search.widened_places() if total else [],
    )


def map_markers(params, user, locale, *, now=None, limit=2000):
    """Points for the map of the same search: one per location the visitor may see, as
    (latitude, longitude, service page id, title, url_path, locale id, status, street
    address, postal code, district, province); protection-sensitive places never appear for
    the public."""
    search = DirectorySearch(params, user, locale, now)
    locations = ServiceLocation.objects.filter(
        page__in=search.filtered().values("pk"), latitude__isnull=False, longitude__isnull=False
    )
    if search.hides_places():
        locations = locations.filter(page__is_protection_sensitive=False)
    return list(
        locations.order_by("page_id", "sort_order").values_list(
            "latitude",
            "longitude",
            "page_id",
            "page__title",
            "page__url_path",
            "page__locale_id",
            "page__status",
            "address_1",
            "postal_code",
            "district__name",
            "province__name",
        )[:limit]
    )
