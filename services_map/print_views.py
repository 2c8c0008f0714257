"""The printable sheet at /<lang>/services/print/: the directory's list for a district or a
filter, on A4, each service with a QR code of its page drawn on the server."""

from django import forms
from django.db.models import Prefetch, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from iswg_portal.core.text import fold_for_search

from .hours import compact_hours
from .models import (
    AgencyPage,
    District,
    Province,
    ServiceCategory,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
)
from .qr import qr_svg

# A sheet is for one place: past this many services, ask for a narrower choice.
MAX_SERVICES_PER_SHEET = 120


class PrintFilterForm(forms.Form):
    """The directory's filters, as the print sheet reads them from the URL."""

    q = forms.CharField(required=False, max_length=200)
    province = forms.SlugField(required=False, max_length=100)
    district = forms.SlugField(required=False, max_length=100)
    category = forms.SlugField(required=False, max_length=120)
    language = forms.CharField(required=False, max_length=8)
    free = forms.BooleanField(required=False)
    wheelchair = forms.BooleanField(required=False)

    def clean_q(self):
        return fold_for_search(self.cleaned_data["q"].replace("\x00", ""))

    def clean(self):
        cleaned = super().clean()
        province_slug = cleaned.get("province")
        cleaned["province_obj"] = None
        cleaned["district_obj"] = None
        if province_slug:
            cleaned["province_obj"] = Province.objects.filter(slug=province_slug).first()
            if cleaned["province_obj"] is None:
                self.add_error("province", _("There is no province called that."))
        district_slug = cleaned.get("district")
        if district_slug:
            districts = District.objects.select_related("province").filter(slug=district_slug)
            if cleaned["province_obj"] is not None:
                districts = districts.filter(province=cleaned["province_obj"])
            cleaned["district_obj"] = districts.first()
            if cleaned["district_obj"] is None:
                self.add_error("district", _("There is no district called that."))
            elif cleaned["province_obj"] is None:
                cleaned["province_obj"] = cleaned["district_obj"].province
        category = cleaned.get("category")
        if category and not ServiceCategory.objects.filter(slug=category).exists():
            self.add_error("category", _("There is no category called that."))
        return cleaned


def printable_services(filters, today=None):
    """Publicly listed services matching the filters, one per service, in the active language
    where a translation exists and in the original otherwise."""
    today = today or timezone.localdate()
    services = (
        ServicePage.objects.live()
        .filter(is_internal=False)
        .exclude(status=ServicePage.Status.CLOSED)
        .exclude(end_date__lt=today)
    )
    if filters.get("district_obj") is not None:
        services = services.filter(locations__district=filters["district_obj"])
    elif filters.get("province_obj") is not None:
        services = services.filter(locations__province=filters["province_obj"])
    if filters.get("category"):
        services = services.filter(
            Q(categories__slug=filters["category"])
            | Q(categories__parent__slug=filters["category"])
        )
    if filters.get("language"):
        services = services.filter(service_languages__language__code=filters["language"])
    if filters.get("free"):
        services = services.filter(fee_type=ServicePage.FeeType.FREE)
    if filters.get("wheelchair"):
        services = services.filter(locations__wheelchair_accessible=True)
    keys = services.values("translation_key")
    candidates = (
        ServicePage.objects.live()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .prefetch_related(
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("province", "district"),
            ),
            "schedules",
            "phones",
            Prefetch(
                "service_languages", queryset=ServiceLanguage.objects.select_related("language")
            ),
        )
    )
    active = Locale.get_active()
    chosen = {}
    for service in candidates:
        rank = 0 if service.locale_id == active.pk else 1 if service.locale.is_default else 2
        current = chosen.get(service.translation_key)
        if current is None or rank < current[0]:
            chosen[service.translation_key] = (rank, service)
    found = [service for _rank, service in chosen.values()]
    if filters.get("q"):
        words = filters["q"].split()
        found = [service for service in found if _matches(service, words)]
    return sorted(found, key=lambda service: service.title.casefold())


def _matches(service, words):
    text = fold_for_search(
        " ".join([service.title, service.summary, service.search_description or ""])
    )
    return all(word in text for word in words)


def sheet_heading(filters):
    """Where and what the sheet lists, for its title."""
    parts = []
    if filters.get("district_obj") is not None:
        district = filters["district_obj"]
        parts.append(f"{district.name}, {district.province.name}")
    elif filters.get("province_obj") is not None:
        parts.append(filters["province_obj"].name)
    return " · ".join(parts)


def print_sheet(request):
    """The print sheet: the same filters as the directory, a page to print on A4."""
    form = PrintFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        filters = form.cleaned_data
    services = printable_services(filters) if not form.errors else []
    too_many = len(services) > MAX_SERVICES_PER_SHEET
    services = services[:MAX_SERVICES_PER_SHEET]
    agencies = {
        agency.path: agency
        for agency in AgencyPage.objects.filter(
            path__in={service.path[: -AgencyPage.steplen] for service in services}
        )
    }
    entries = []
    for service in services:
        url = request.build_absolute_uri(service.get_url(request=request))
        entries.append(
            {
                "service": service,
                "agency": agencies.get(service.path[: -AgencyPage.steplen]),
                "url": url,
                "qr": qr_svg(url, _("QR code of the page of %(title)s") % {"title": service.title}),
                "hours": compact_hours(list(service.schedules.all())),
                "locations": list(service.locations.all()),
                "phones": list(service.phones.all()),
                "languages": [spoken.language for spoken in service.service_languages.all()],
                "show_address": not service.is_protection_sensitive,
            }
        )
    return TemplateResponse(
        request,
        "print/service_sheet.html",
        {
            "form": form,
            "entries": entries,
            "heading": sheet_heading(filters),
            "too_many": too_many,
            "max_services": MAX_SERVICES_PER_SHEET,
            "printed_on": timezone.localdate(),
            "language_code": get_language(),
        },
        status=400 if form.errors else 200,
    )
