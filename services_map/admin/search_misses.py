"""The co-chairs' report "What people looked for and did not find": the directory searches that
found nothing or one service (services_map/search_misses.py), by week, language and province,
with filters and a CSV or XLSX download. Registered from wagtail_hooks.py."""

import django_filters
from django.conf import settings
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.reports import ReportView

from iswg_portal.accounts.roles import CoChairsOnlyMixin, is_co_chair

from ..models import Province, SearchMiss
from ..models.forms import provinces_in_order
from ..search_misses import grouped_misses, iso_week, province_q, report_weeks, week_bounds

URL_NAME = "services_map_search_misses"
# The province filter's value for searches limited to no province.
NO_PROVINCE = "none"
RESULTS_URL_NAME = "services_map_search_misses_results"


def language_label(code):
    """A directory's language by its name in the admin's language ('Arabic' for ar)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_choices():
    return [(code, language_label(code)) for code, _name in settings.LANGUAGES]


def province_choices():
    """Each province as the editor reads its name, in their alphabetical order, then the
    searches limited to none."""
    language = get_language()
    return [
        *(
            (province.slug, province.label_in(language))
            for province in provinces_in_order(language)
        ),
        (NO_PROVINCE, _("No province chosen")),
    ]


def week_choices():
    return [
        (label, _("%(week)s, from %(monday)s") % {"week": label, "monday": date_format(monday)})
        for label, monday in report_weeks()
    ]


class SearchMissFilterSet(WagtailFilterSet):
    """Language, province and a range of ISO weeks."""

    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=language_choices, empty_label=_("All languages")
    )
    province = django_filters.ChoiceFilter(
        label=_("Province"),
        choices=province_choices,
        method="filter_province",
        empty_label=_("All provinces"),
    )
    week_from = django_filters.ChoiceFilter(
        label=_("From week"),
        choices=week_choices,
        method="filter_week_from",
        empty_label=_("The first week kept"),
    )
    week_to = django_filters.ChoiceFilter(
        label=_("To week"),
        choices=week_choices,
        method="filter_week_to",
        empty_label=_("This week"),
    )

    class Meta:
        model = SearchMiss
        fields = ["language"]

    def filter_province(self, queryset, name, value):
        if value == NO_PROVINCE:
            return queryset.filter(provinces="")
        return queryset.filter(province_q(value)) if value else queryset

    def filter_week_from(self, queryset, name, value):
        return queryset.filter(day__gte=week_bounds(value)[0]) if value else queryset

    def filter_week_to(self, queryset, name, value):
        return queryset.filter(day__lte=week_bounds(value)[1]) if value else queryset


class DifferentSearchesPaginator(WagtailPaginator):
    """Counts the report's lines: each is one search made one or more times."""

    @cached_property
    def items_count_label(self):
        return ngettext(
            "%(count)s different search", "%(count)s different searches", self.count
        ) % {"count": self.count}


class SearchMissReportView(CoChairsOnlyMixin, ReportView):
    """Searches counted by week, language and province, the most frequent first in each."""

    page_title = _("What people looked for and did not find")
    header_icon = "search"
    template_name = "services_map/admin/search_misses.html"
    results_template_name = "services_map/admin/search_misses_results.html"
    filterset_class = SearchMissFilterSet
    index_url_name = URL_NAME
    index_results_url_name = RESULTS_URL_NAME
    paginate_by = 100
    paginator_class = DifferentSearchesPaginator
    export_filename = "searches-without-results"
    list_export = [
        "week_label",
        "language_label",
        "province_label",
        "words",
        "filters",
        "result_count",
        "times",
    ]
    export_headings = {
        "week_label": _("Week"),
        "language_label": _("Language"),
        "province_label": _("Provinces"),
        "words": _("Words"),
        "filters": _("Filters"),
        "result_count": _("Services found"),
        "times": _("Times searched"),
    }

    def get_queryset(self):
        return grouped_misses(self.filter_queryset(SearchMiss.objects.all()))

    def get_filtered_queryset(self):
        # get_queryset() filters the rows before they are counted.
        return self.get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["retention_days"] = settings.SEARCH_MISS_RETENTION_DAYS
        return context

    def decorate_paginated_queryset(self, object_list):
        """Each row with the labels people read: the ISO week, the language's and provinces'
        names, and the group (week, language, provinces) it is shown under."""
        names = dict(Province.objects.values_list("slug", "name"))
        rows = []
        for row in object_list:
            provinces = [names.get(slug, slug) for slug in row["provinces"].split(",") if slug]
            row = dict(
                row,
                week_label=iso_week(row["week"]),
                language_label=language_label(row["language"]),
                province_label=", ".join(provinces) or str(_("No province chosen")),
            )
            row["group"] = (row["week_label"], row["language_label"], row["province_label"])
            rows.append(row)
        return rows


def register_search_miss_report_urls():
    return [
        path("reports/searches-not-found/", SearchMissReportView.as_view(), name=URL_NAME),
        path(
            "reports/searches-not-found/results/",
            SearchMissReportView.as_view(results_only=True),
            name=RESULTS_URL_NAME,
        ),
    ]


class CoChairsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_co_chair(request.user)


def search_miss_report_menu_item():
    return CoChairsMenuItem(
        _("What people looked for and did not find"),
        reverse(URL_NAME),
        name="searches-not-found",
        icon_name="search",
        order=1300,
    )
