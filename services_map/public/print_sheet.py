"""The printable sheet at /<lang>/services/print/: the directory's list for a province or a
district (with any other filters), on A4 for a mukhtar's wall. Each service has a QR code of its
page drawn on the server; a district's sheet lists after its own services the province-wide
ones that serve it; the sheet carries the helplines, the portal's address and a QR code of the
live search, and may be printed in two languages (`?also=ar`). Without a place it asks for one:
a sheet of the whole region would be long to draw and of little use on paper."""

from dataclasses import replace

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from iswg_portal.core.fragments import cached_fragment
from iswg_portal.core.locales import active_locale
from iswg_portal.core.middleware import offer_offline_copy
from iswg_portal.core.translation import in_visitor_language

from ..hours import compact_hours
from ..models import AgencyPage, ServiceDirectoryPage, ServicePage, helplines_for
from ..queries import attach_schedules, sheet_heading
from ..search import DirectorySearch, search_services
from .forms import DirectorySearchForm, params_to_query
from .qr import qr_paths, qr_svg

# A sheet is for one place: past this many services, ask for a narrower choice.
MAX_SERVICES_PER_SHEET = 120
# The languages a sheet's second language may be: the portal's own.
SECOND_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def print_sheet(request):
    """The same search as the directory page, laid out to print; always as the public sees it,
    since a printed sheet is handed on: no members-only services, no hidden addresses."""
    locale = active_locale()
    form = DirectorySearchForm(request.GET or None, locale=locale)
    params = replace(form.search_params(), page=1)
    if not (params.provinces or params.districts):
        return choose_province(request, form, params)
    also = second_language(request.GET.get("also"), locale)
    public = AnonymousUser()
    # One page of the search's size: only the services the sheet shows are loaded.
    results = search_services(
        params, public, locale, page_size=MAX_SERVICES_PER_SHEET, paginate=True
    )
    located = results.services
    serving = province_wide_services(params, public, locale, located) if params.districts else []
    services = [*located, *serving]
    attach_schedules(services)
    # A sheet a visitor opened stays readable offline (see templates/core/service_worker.js).
    offer_offline_copy(request, "print")
    second = second_language_texts(services, also) if also else {}
    urls = [request.build_absolute_uri(service.get_url(request=request)) for service in services]
    search_url = live_search_url(request, locale, params)
    codes = qr_paths([*urls, search_url])
    entries = []
    for service, url in zip(services, urls, strict=True):
        label = _("QR code of the page of %(title)s") % {"title": service.title}
        entries.append(
            {
                "service": service,
                "url": url,
                "qr": qr_svg(url, label, path=codes[url]),
                # The public view already hides these; print hides them for everyone.
                "show_address": not service.is_protection_sensitive,
                "also": second.get(service.translation_key),
                "hours": hours_in_both(service, second.get(service.translation_key)),
            }
        )
        for location in service.visible_locations:
            location.print_parts = address_parts(location)
    province = single_province(located, serving)
    return TemplateResponse(
        request,
        "print/service_sheet.html",
        {
            "problems": form.problems(),
            "entries": entries[: len(located)],
            "service_count": len(entries),
            "province_wide": entries[len(located) :],
            "heading": sheet_heading(params),
            "too_many": results.total > MAX_SERVICES_PER_SHEET,
            "max_services": MAX_SERVICES_PER_SHEET,
            "printed_on": timezone.localdate(),
            "also": also,
            "helplines": helplines_in_both(locale, also, province),
            "two_language_choices": [
                code for code in ("tr", "ar", "fa") if code != locale.language_code
            ],
            "query_string": request.GET.urlencode(),
            "search_url": search_url,
            "search_qr": qr_svg(
                search_url, _("QR code of this list on the portal"), path=codes[search_url]
            ),
            "portal_address": request.build_absolute_uri("/").rstrip("/"),
            "page_style_url": f"{reverse('services_map:print_page_style')}?"
            + request.GET.urlencode(),
        },
    )


def second_language(code, locale):
    """The sheet's second language from `?also=`: a language of the portal other than the
    sheet's own, else None (anything else is left out)."""
    if code in SECOND_LANGUAGES and code != locale.language_code:
        return code
    return None


def province_wide_services(params, user, locale, located):
    """For a district's sheet: the services of its province that serve the whole province
    (`serves_whole_province`), with the sheet's other filters, other than those already listed
    as located in the district, in alphabetical order."""
    search = DirectorySearch(params, user, locale)
    taxonomy = search.taxonomy
    province_ids = {
        taxonomy.district_by_id[pk]["province_id"]
        for pk in params.districts
        if pk in taxonomy.district_by_id
    }
    provinces = tuple(row["slug"] for row in taxonomy.provinces if row["id"] in province_ids)
    if not provinces:
        return []
    wider = DirectorySearch(replace(params, districts=(), provinces=provinces), user, locale)
    candidates = (
        wider.filtered()
        .filter(serves_whole_province=True)
        .exclude(pk__in=[service.pk for service in located])
    )
    return wider.load(wider.ordered(candidates, "name", None)[:MAX_SERVICES_PER_SHEET])


def second_language_texts(services, language):
    """Each service's words in the sheet's second language, by translation key: its title,
    summary, agency and weekly hours as readers of that language write them. A service not
    translated into it has none: its facts are printed once for both languages anyway."""
    keys = [service.translation_key for service in services]
    agency = AgencyPage.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ServicePage.steplen)
    )
    translations = (
        ServicePage.objects.live()
        .filter(translation_key__in=keys, locale__language_code=language)
        .annotate(agency_title=Subquery(agency.values("title")[:1]))
        .values("translation_key", "title", "summary", "agency_title")
    )
    texts = {row["translation_key"]: row for row in translations}
    with translation.override(language):
        for service in services:
            if service.translation_key in texts:
                texts[service.translation_key]["hours"] = compact_hours(service.print_schedules)
    return texts


def hours_in_both(service, second):
    """The service's week as (days, the days in the second language or '', hours) rows."""
    also_days = [days for days, _hours in second["hours"]] if second else []
    return [
        (days, also_days[n] if n < len(also_days) else "", hours)
        for n, (days, hours) in enumerate(service.print_hours)
    ]


def address_parts(location):
    """A place's address in the parts a printed line may break between ('Menderes Cad.
    No: 89', 'Kuruçeşme Mah.', 'Buca', 'İzmir'), never inside one."""
    parts = []
    for part in location.address_1.split(","):
        part = part.strip()
        # "..., Bayraklı" already written in the address is not repeated.
        if part and part.casefold() not in {seen.casefold() for seen in parts}:
            parts.append(part)
    for place in (location.district, location.province):
        if place and place.name.casefold() not in {seen.casefold() for seen in parts}:
            parts.append(place.name)
    return parts


def helplines_in_both(locale, also, province):
    """The helplines for the sheet as (helpline, its row in the second language or None)."""
    helplines = helplines_for(locale, province)
    if not also:
        return [(helpline, None) for helpline in helplines]
    others = {row.translation_key: row for row in helplines_for(also, province)}
    return [(helpline, others.get(helpline.translation_key)) for helpline in helplines]


def single_province(*lists):
    """The province of the sheet's services when they are all in one (its helplines are then
    listed too), else None."""
    provinces = {
        location.province_id
        for services in lists
        for service in services
        for location in service.locations.all()
    }
    return provinces.pop() if len(provinces) == 1 else None


def live_search_url(request, locale, params):
    """The address of the same search on the directory page, for the sheet's QR code: the
    reader sees today's list, not the printed day's."""
    path = cached_fragment(
        "directory-address",
        (locale.pk, translation.get_language(), request.get_host()),
        lambda: directory_address(request, locale),
    )
    query = params_to_query(params)
    return request.build_absolute_uri(f"{path}?{query}" if query else path)


def directory_address(request, locale):
    """The directory page's address in `locale` (else the first directory), under the
    visitor's language prefix; "/" without a directory."""
    directory = (
        ServiceDirectoryPage.objects.live().filter(locale=locale).first()
        or ServiceDirectoryPage.objects.live().order_by("pk").first()
    )
    return in_visitor_language(directory.get_url(request=request)) if directory else "/"


def print_page_style(request):
    """The sheet's page margins as a small stylesheet of its own: the running header with the
    place and the day and the page numbers in the reader's language, which CSS paged media
    only takes as strings (an inline style would break the site's Content-Security-Policy)."""
    locale = active_locale()
    form = DirectorySearchForm(request.GET or None, locale=locale)
    params = form.search_params()
    heading = sheet_heading(params) or gettext("Services for refugees in the Aegean region")
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    # "Page 2 of 4": the numbers are counters, the words around them are the translation's.
    before, _page, rest = gettext("Page %(page)s of %(pages)s").partition("%(page)s")
    between, _pages, after = rest.partition("%(pages)s")
    numbers = " ".join(
        [css_string(before), "counter(page)", css_string(between), "counter(pages)"]
        + [css_string(after)]
    )
    # Each part isolated, so a Latin place name and an Arabic date keep their own order.
    header = css_string(f"\u2068{heading}\u2069 · \u2068{today}\u2069")
    css = (
        "@page {\n"
        "  margin: 11mm 9mm;\n"
        f"  @top-center {{ content: {header}; }}\n"
        f"  @bottom-center {{ content: {numbers}; }}\n"
        "}\n"
    )
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=3600"
    return response


def css_string(text):
    """`text` as a CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(
        f"\\{ord(character):x} " if character in '"\\\n\r' or ord(character) < 32 else character
        for character in str(text)
    )
    return f'"{escaped}"'


def choose_province(request, form, params):
    """A short page asking which province to print, keeping the visitor's other filters."""
    others = QueryDict(params_to_query(replace(params, provinces=(), districts=())))
    return TemplateResponse(
        request,
        "print/choose_province.html",
        {
            "problems": form.problems(),
            "provinces": form.fields["province"].choices,
            "kept_filters": [(name, value) for name, values in others.lists() for value in values],
        },
    )
