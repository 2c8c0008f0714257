"""The printable sheet at /<lang>/services/print/: the directory's list for a province or a
district (with any other filters), on A4, each service with a QR code of its page drawn on the
server. Without a place it asks for one: a sheet of the whole region would be long to draw and
of little use on paper."""

from dataclasses import replace

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from iswg_portal.core.middleware import offer_offline_copy

from ..queries import attach_schedules, sheet_heading
from ..search import search_services
from .forms import DirectorySearchForm, params_to_query
from .qr import qr_paths, qr_svg

# A sheet is for one place: past this many services, ask for a narrower choice.
MAX_SERVICES_PER_SHEET = 120


def print_sheet(request):
    """The same search as the directory page, laid out to print; always as the public sees it,
    since a printed sheet is handed on: no members-only services, no hidden addresses."""
    locale = Locale.get_active()
    form = DirectorySearchForm(request.GET or None, locale=locale)
    params = replace(form.search_params(), page=1)
    if not (params.provinces or params.districts):
        return choose_province(request, form, params)
    # One page of the search's size: only the services the sheet shows are loaded.
    results = search_services(
        params, AnonymousUser(), locale, page_size=MAX_SERVICES_PER_SHEET, paginate=True
    )
    services = results.services
    attach_schedules(services)
    # A sheet a visitor opened stays readable offline (see templates/core/service_worker.js).
    offer_offline_copy(request, "print")
    urls = [request.build_absolute_uri(service.get_url(request=request)) for service in services]
    codes = qr_paths(urls)
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
            }
        )
    return TemplateResponse(
        request,
        "print/service_sheet.html",
        {
            "problems": form.problems(),
            "entries": entries,
            "heading": sheet_heading(params),
            "too_many": results.total > MAX_SERVICES_PER_SHEET,
            "max_services": MAX_SERVICES_PER_SHEET,
            "printed_on": timezone.localdate(),
        },
    )


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
