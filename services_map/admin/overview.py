"""The directory's part of the co-chairs' overview on their admin home: the coverage of live
public services by province (and, one province at a time, by district) and sector, empty
cells marked as gaps; stale listings, pending approvals and open problem reports as counts at
the top; the searches that found nothing by province and language. Each number links to the
list behind it (`CoverageServicesView`, the workflow report, problem reports, the report of
searches), each table downloads as CSV. Co-chairs only. Registered from wagtail_hooks.py."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, WorkflowState

from iswg_portal.accounts.roles import CoChairsOnlyMixin, is_co_chair
from iswg_portal.core.dashboard import (
    DeskCell,
    DeskCount,
    DeskRow,
    DeskTable,
    OverviewPageView,
    OverviewPanel,
    TableCsvView,
    desks_once,
    show_desk_counts,
)

from ..coverage import (
    ALL_SECTORS,
    coverage_matrix,
    listings,
    places_in_order,
    sector_keys_by_slug,
    sectors_in_order,
    services_behind,
)
from ..models import District, ProblemReport, Province, SearchMiss
from .dashboard import listing_counts
from .search_misses import NO_PROVINCE, language_label
from .search_misses import URL_NAME as SEARCH_MISSES_URL_NAME

COVERAGE_CSV = "services_map_coverage_csv"
PROVINCE_COVERAGE = "services_map_province_coverage"
PROVINCE_COVERAGE_CSV = "services_map_province_coverage_csv"
SERVICES_BEHIND = "services_map_coverage_services"
SEARCH_MISSES_CSV = "services_map_search_misses_by_place_csv"
WORKFLOW_REPORT = "wagtailadmin_reports:workflow"


def services_url(**params):
    """The list of live listings behind a count, filtered by these parameters."""
    query = urlencode({name: value for name, value in params.items() if value})
    return f"{reverse(SERVICES_BEHIND)}?{query}" if query else reverse(SERVICES_BEHIND)


def coverage_table(province=None):
    """The coverage matrix as a desk table: a row per province (each opening its districts) or
    per district of `province`, a column per sector and one for every sector; zero is a gap."""
    matrix = coverage_matrix(province)
    language = get_language()
    rows = []
    for place in matrix.places:
        if province is None:
            where = {"province": place.slug}
            heading_url = reverse(PROVINCE_COVERAGE, args=[place.slug])
        else:
            where = {"province": province.slug, "district": place.slug}
            heading_url = ""
        cells = []
        for sector in [*matrix.sectors, ALL_SECTORS]:
            count = matrix.count(place, sector)
            url = services_url(**where, sector=sector.slug if sector else "")
            cells.append(DeskCell(count, url, gap=count == 0))
        rows.append(DeskRow(DeskCell(place.label_in(language), heading_url), cells))
    if province is None:
        caption = gettext("Live public services by province and sector")
        csv_url = reverse(COVERAGE_CSV)
    else:
        caption = gettext("Live public services in %(province)s by district and sector") % {
            "province": province.label_in(language)
        }
        csv_url = reverse(PROVINCE_COVERAGE_CSV, args=[province.slug])
    return DeskTable(
        table_id="coverage" if province is None else f"coverage-{province.slug}",
        caption=caption,
        columns=[
            gettext("Province") if province is None else gettext("District"),
            *(sector.name for sector in matrix.sectors),
            gettext("All sectors"),
        ],
        rows=rows,
        csv_url=csv_url,
        note=gettext(
            "Each service once, in every place it is given; a service of several sectors "
            "counts in each. An empty cell is a gap: no live public service there."
        ),
    )


def search_misses_table():
    """The searches that found nothing or one service, by the province they were limited to
    (each of them, or none) and the directory's language, with totals."""
    language = get_language()
    provinces = places_in_order()
    languages = [code for code, _name in settings.LANGUAGES]
    counts = {}
    rows_by_choice = SearchMiss.objects.values_list("provinces", "language").annotate(
        times=Count("pk")
    )
    for chosen, code, times in rows_by_choice:
        for slug in chosen.split(",") if chosen else [NO_PROVINCE]:
            for column in (code, None):
                counts[(slug, column)] = counts.get((slug, column), 0) + times
    report = reverse(SEARCH_MISSES_URL_NAME)
    places = [(province.slug, province.label_in(language)) for province in provinces]
    places.append((NO_PROVINCE, gettext("No province chosen")))
    rows = []
    for slug, label in places:
        cells = []
        for code in [*languages, None]:
            query = urlencode({"province": slug, **({"language": code} if code else {})})
            cells.append(DeskCell(counts.get((slug, code), 0), f"{report}?{query}"))
        rows.append(DeskRow(DeskCell(label), cells))
    return DeskTable(
        table_id="searches-not-found",
        caption=gettext("Searches that found nothing, by province and language"),
        columns=[
            gettext("Province"),
            *(language_label(code) for code in languages),
            gettext("All languages"),
        ],
        rows=rows,
        csv_url=reverse(SEARCH_MISSES_CSV),
        note=gettext(
            "Searches of the public directory that found no service or one, over the days "
            "they are kept; a search limited to several provinces counts in each."
        ),
    )


def pending_approvals():
    """Changes waiting for a co-chair's approval: pages in a workflow, not yet reviewed (the
    workflow report filtered by "In progress" lists the same)."""
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Page),
    ).count()


def directory_overview(user):
    """The directory's figures for a co-chair's home, computed once per request; None for
    anybody else."""
    if not is_co_chair(user):
        return None
    every_listing = listings(user)
    return {
        "listed": len(every_listing),
        "stale": sum(1 for listing in every_listing if listing.stale),
        "pending": pending_approvals(),
        "reports": ProblemReport.objects.filter(status=ProblemReport.Status.RECEIVED).count(),
        "coverage": coverage_table(),
        "searches": search_misses_table(),
    }


def overview_for(request):
    return desks_once(request, "directory-overview", directory_overview)


def add_directory_overview(request, panels):
    """`construct_homepage_panels`: the coverage and the searches that found nothing."""
    overview = overview_for(request)
    if overview is None:
        return
    panels.append(
        OverviewPanel(
            name="directory-overview",
            heading=gettext("Where the directory covers the response"),
            tables=[overview["coverage"], overview["searches"]],
        )
    )


def add_directory_counts(request, summary_items):
    """`construct_homepage_summary_items`: the directory's numbers for co-chairs."""
    overview = overview_for(request)
    if overview is None:
        return
    listed, stale = overview["listed"], overview["stale"]
    pending, reports = overview["pending"], overview["reports"]
    show_desk_counts(
        summary_items,
        [
            DeskCount(
                request,
                text=ngettext("%(count)s live service", "%(count)s live services", listed),
                count=listed,
                url=services_url(audience="members"),
                icon="doc-full",
                order=10,
            ),
            *listing_counts(
                request,
                waiting=pending,
                waiting_url=f"{reverse(WORKFLOW_REPORT)}?{urlencode({'status': 'in_progress'})}",
                stale=stale,
                stale_url=services_url(audience="members", stale="1"),
                reports=reports,
            ),
        ],
    )


# --- The views behind the numbers -----------------------------------------------------------


class ProvinceCoverageView(CoChairsOnlyMixin, OverviewPageView):
    """One province's districts by sector: the drill-down of a coverage row."""

    template_name = "services_map/admin/province_coverage.html"

    def get_page_title(self):
        return self.province.label_in(get_language())

    def get(self, request, slug):
        self.province = get_object_or_404(Province, slug=slug)
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["table"] = coverage_table(self.province)
        context["all_services_url"] = services_url(province=self.province.slug)
        return context


class CoverageServicesView(CoChairsOnlyMixin, OverviewPageView):
    """The live listings behind a count of the overview: in a province (and district), a
    sector, stale or not, public only or with members-only ones (`audience=members`)."""

    template_name = "services_map/admin/coverage_services.html"
    page_title = _("Live services")

    def get(self, request):
        params = request.GET
        self.province = self.district = self.sector = None
        if params.get("province"):
            self.province = get_object_or_404(Province, slug=params["province"])
        if params.get("district"):
            if self.province is None:
                raise Http404
            self.district = get_object_or_404(
                District, province=self.province, slug=params["district"]
            )
        self.sector_keys = None
        if params.get("sector"):
            self.sector_keys = sector_keys_by_slug(params["sector"])
            if not self.sector_keys:
                raise Http404
            self.sector = next(
                (s for s in sectors_in_order() if s.translation_key in self.sector_keys), None
            )
        self.stale = True if params.get("stale") == "1" else None
        self.members = params.get("audience") == "members"
        return super().get(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        language = get_language()
        services = services_behind(
            province=self.province,
            district=self.district,
            sector_keys=self.sector_keys,
            stale=self.stale,
            member=self.request.user if self.members else None,
        )
        agencies = {
            page.path: page
            for page in Page.objects.filter(
                path__in={service.path[: -service.steplen] for service in services}
            )
        }
        for service in services:
            service.agency_title = agencies[service.path[: -service.steplen]].title
            service.place_labels = sorted(
                {
                    f"{location.district.label_in(language)}, "
                    f"{location.province.label_in(language)}"
                    for location in service.locations.all()
                }
            )
        context.update(
            services=services,
            province=self.province.label_in(language) if self.province else "",
            district=self.district.label_in(language) if self.district else "",
            sector=self.sector.name if self.sector else "",
            stale=self.stale,
            members=self.members,
        )
        return context


class CoverageCsvView(CoChairsOnlyMixin, TableCsvView):
    filename = "coverage-by-province"

    def table(self):
        return coverage_table()


class ProvinceCoverageCsvView(CoChairsOnlyMixin, TableCsvView):
    def table(self, slug):
        province = get_object_or_404(Province, slug=slug)
        self.filename = f"coverage-{province.slug}"
        return coverage_table(province)


class SearchMissesCsvView(CoChairsOnlyMixin, TableCsvView):
    filename = "searches-not-found-by-province"

    def table(self):
        return search_misses_table()


def register_overview_urls():
    return [
        path("overview/coverage.csv", CoverageCsvView.as_view(), name=COVERAGE_CSV),
        path(
            "overview/coverage/<slug:slug>/",
            ProvinceCoverageView.as_view(),
            name=PROVINCE_COVERAGE,
        ),
        path(
            "overview/coverage/<slug:slug>.csv",
            ProvinceCoverageCsvView.as_view(),
            name=PROVINCE_COVERAGE_CSV,
        ),
        path("overview/services/", CoverageServicesView.as_view(), name=SERVICES_BEHIND),
        path(
            "overview/searches-not-found.csv",
            SearchMissesCsvView.as_view(),
            name=SEARCH_MISSES_CSV,
        ),
    ]
