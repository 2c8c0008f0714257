"""Read-side queries of the directory's pages and views, beside the search itself (search/):
a fixed number of queries whatever the length of the list."""

from urllib.parse import urlsplit, urlunsplit

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language, override

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.fragments import cached_fragment
from iswg_portal.core.translation import best_translation, best_translations, in_visitor_language

from .hours import compact_hours
from .models import (
    District,
    Province,
    ServiceDirectoryPage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)


def agency_services(agency, user, today=None):
    """Services listed for this person below any translation of the agency, one per service,
    each in the language the visitor reads best (see core/translation.py), in the alphabetical
    order of the visitor's language."""
    today = today or timezone.localdate()
    translations = list(agency.get_translations(inclusive=True).only("path", "depth", "locale"))
    children = Q()
    for translation in translations:
        children |= ServicePage.objects.child_of_q(translation)
    candidates = (
        ServicePage.objects.listed_for(user, today)
        .filter(children)
        .select_related("locale")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("province", "district"),
            )
        )
        .order_by("title")
    )
    return sorted_by_name(
        best_translations(candidates), get_language(), key=lambda service: service.title
    )


def service_url_prefixes(directory, request):
    """For each language tree: the directory page's url_path and its public URL under the
    visitor's language (where a service not translated into it is shown, see
    core/translation.py), so a service's URL is a string operation instead of a page lookup."""
    prefixes = {}
    for translation in directory.get_translations(inclusive=True).live():
        url = translation.get_url(request=request)
        if url:
            scheme, netloc, path, query, fragment = urlsplit(url)
            url = urlunsplit((scheme, netloc, in_visitor_language(path), query, fragment))
            prefixes[translation.locale_id] = (translation.url_path, url)
    return prefixes


def sheet_heading(params):
    """The place a printed sheet is for, e.g. 'Buca, İzmir', or '' for the whole region; kept
    until the next publication (places are snippets the content version follows)."""
    return cached_fragment(
        "sheet-heading", (params.districts, params.provinces), lambda: _sheet_heading(params)
    )


def _sheet_heading(params):
    if params.districts:
        districts = District.objects.select_related("province").filter(pk__in=params.districts)
        return " · ".join(f"{d.name}, {d.province.name}" for d in districts)
    if params.provinces:
        return " · ".join(
            Province.objects.filter(slug__in=params.provinces).values_list("name", flat=True)
        )
    return ""


def attach_schedules(services):
    """Each service's weekly hours, from what the search loaded with it or else in one query
    for the whole sheet: `print_hours` in the active language, and the rows themselves as
    `print_schedules`."""
    if all("schedules" in getattr(s, "_prefetched_objects_cache", {}) for s in services):
        by_service = {
            service.pk: sorted(service.schedules.all(), key=lambda row: (row.weekday, row.opens_at))
            for service in services
        }
    else:
        by_service = {service.pk: [] for service in services}
        for schedule in ServiceSchedule.objects.filter(page_id__in=by_service).order_by(
            "weekday", "opens_at"
        ):
            by_service[schedule.page_id].append(schedule)
    for service in services:
        service.print_schedules = by_service[service.pk]
        service.print_hours = compact_hours(by_service[service.pk])


def directory_path(language):
    """The path of the directory's first page for a reader of `language` (/ar/services/), or
    None while the site has no public directory."""
    directories = ServiceDirectoryPage.objects.live().public().select_related("locale")
    chosen = best_translation(directories, language)
    if chosen is None:
        return None
    with override(language):
        return in_visitor_language(chosen.get_url_parts()[2])
