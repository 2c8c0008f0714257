"""The Wagtail admin's side of the spreadsheet: "Download my listings as a spreadsheet" and
"Import services" with its dry-run report and its "Apply" button. Co-chairs work on any
agency, agency editors on their own; anyone else gets 403. The uploaded file waits in the
shared cache between the dry run and "Apply" (every app server sees it, nobody else may use
it), and the dry run is made again on applying."""

import hashlib
import secrets

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from iswg_portal.core.collation import sorted_by_name

from ...models import AgencyPage
from .applying import ImportBlocked, apply_import
from .hsds_files import read_upload
from .planning import plan_import
from .reading import MAX_BYTES, ImportRefused
from .rows import ImportOptions, importable_agency_keys
from .template import listing_rows, write_workbook

IMPORT_URL_NAME = "services_map_import_services"
APPLY_URL_NAME = "services_map_apply_import"
DOWNLOAD_URL_NAME = "services_map_download_listings"
# How long an uploaded file waits for "Apply".
KEPT_FOR_SECONDS = 2 * 60 * 60
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def agency_sources(keys=None):
    """Each agency once (its first page), optionally only those of `keys`, in the admin's
    alphabetical order."""
    pages = AgencyPage.objects.filter(alias_of__isnull=True).order_by("pk")
    if keys is not None:
        pages = pages.filter(translation_key__in=keys)
    first = {}
    for page in pages:
        first.setdefault(page.translation_key, page)
    return sorted_by_name(first.values(), get_language(), key=lambda page: page.title)


def may_import(user):
    """Co-chairs, and agency editors of an agency."""
    keys = importable_agency_keys(user)
    return keys is None or bool(keys)


def _refused(request):
    return permission_denied(request, PermissionDenied())


def _chosen_agencies(request, value):
    """The agencies a request is about: the one chosen (its translation key), else all this
    person may work on. None when the choice is not theirs to make."""
    allowed = importable_agency_keys(request.user)
    if value:
        chosen = [page for page in agency_sources() if str(page.translation_key) == value]
        if not chosen or (allowed is not None and chosen[0].translation_key not in allowed):
            return None
        return chosen
    return agency_sources(allowed)


def download_listings(request):
    """The agency's services in the template's columns, one row per service and place."""
    if not may_import(request.user):
        return _refused(request)
    agencies = _chosen_agencies(request, request.GET.get("agency", ""))
    if agencies is None:
        return _refused(request)
    language = get_language()
    response = HttpResponse(content_type=XLSX_TYPE)
    name = agencies[0].slug if len(agencies) == 1 else "all-agencies"
    response["Content-Disposition"] = (
        f'attachment; filename="listings-{name}-{timezone.localdate():%Y-%m-%d}.xlsx"'
    )
    write_workbook(response, listing_rows(agencies, language), language)
    return response


class ImportForm(forms.Form):
    """The file and, for co-chairs, the agency it is for."""

    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "The service-mapping template as .xlsx or .csv, an HSDS tabular package (.zip) or "
            "the HSDS JSON export (.json), at most 10 MB."
        ),
    )
    agency = forms.ChoiceField(label=_("Agency"), required=False)

    def __init__(self, *args, agencies, any_agency, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(page.translation_key), page.title) for page in agencies]
        if any_agency:
            choices.insert(0, ("", _("The agencies named in the file")))
        self.fields["agency"].choices = choices


def _options(request, agencies_value):
    agencies = _chosen_agencies(request, agencies_value)
    if agencies is None:
        return None
    allowed = importable_agency_keys(request.user)
    return ImportOptions(
        language=get_language(),
        agency=agencies[0] if agencies_value else None,
        user=request.user,
        allowed_agency_keys=allowed,
    )


def _report(request, plan, *, token="", agency="", applied=None, error="", status=200):
    return TemplateResponse(
        request,
        "services_map/admin/import_services.html",
        {
            "header_title": _("Import services"),
            "page_title": _("Import services"),
            "header_icon": "upload",
            "plan": plan,
            "report_text": plan.as_text(applied=applied is not None) if plan else "",
            "token": token,
            "agency": agency,
            "applied": applied,
            "error": error,
            "apply_url": reverse(APPLY_URL_NAME),
            "import_url": reverse(IMPORT_URL_NAME),
        },
        status=status,
    )


def import_services(request):
    """GET: the form; POST: the dry run of the uploaded file, with "Apply" when it is clean."""
    if not may_import(request.user):
        return _refused(request)
    allowed = importable_agency_keys(request.user)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        agencies=agency_sources(allowed),
        any_agency=allowed is None,
    )
    context = {
        "header_title": _("Import services"),
        "page_title": _("Import services"),
        "header_icon": "upload",
        "form": form,
        "download_url": reverse(DOWNLOAD_URL_NAME),
        "agencies": agency_sources(allowed),
        "max_megabytes": MAX_BYTES // (1024 * 1024),
    }
    if request.method != "POST":
        return TemplateResponse(request, "services_map/admin/import_services.html", context)
    agency_value = request.POST.get("agency", "")
    if agency_value and _chosen_agencies(request, agency_value) is None:
        return _refused(request)
    if not form.is_valid():
        return TemplateResponse(
            request, "services_map/admin/import_services.html", context, status=400
        )
    upload = form.cleaned_data["file"]
    if upload.size > MAX_BYTES:
        context["error"] = _("The file is larger than 10 MB. Split it into smaller files.")
        return TemplateResponse(
            request, "services_map/admin/import_services.html", context, status=400
        )
    content = upload.read()
    try:
        sheet = read_upload(upload.name, content, get_language())
    except ImportRefused as refused:
        context["error"] = str(refused)
        return TemplateResponse(
            request, "services_map/admin/import_services.html", context, status=400
        )
    plan = plan_import(sheet, _options(request, agency_value))
    token = _keep_for_apply(request, plan, upload.name, content, agency_value)
    return _report(request, plan, token=token, agency=agency_value)


def _digest(plan):
    return hashlib.sha256(plan.as_text().encode()).hexdigest()


def _keep_for_apply(request, plan, name, content, agency_value):
    """Keep a clean file for "Apply" with what its dry run said; return the token that finds
    it, or "" when there is nothing to apply."""
    if not plan.can_apply:
        return ""
    token = secrets.token_urlsafe(24)
    cache.set(
        f"services_map:import:{token}",
        {
            "user": request.user.pk,
            "name": name,
            "content": content,
            "agency": agency_value,
            "report": _digest(plan),
        },
        KEPT_FOR_SECONDS,
    )
    return token


def apply_import_view(request):
    """POST from the dry-run report: apply the kept file all or nothing."""
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    if not may_import(request.user):
        return _refused(request)
    key = f"services_map:import:{request.POST.get('token', '')}"
    kept = cache.get(key)
    if kept is None or kept["user"] != request.user.pk:
        return _report(
            request,
            None,
            error=_("The uploaded file is no longer kept. Upload it again for a new dry run."),
            status=400,
        )
    options = _options(request, kept["agency"])
    if options is None:
        return _refused(request)
    try:
        sheet = read_upload(kept["name"], kept["content"], options.language)
    except ImportRefused as refused:
        return _report(request, None, error=str(refused), status=400)
    cache.delete(key)
    plan = plan_import(sheet, options)
    if _digest(plan) != kept["report"]:
        # The directory changed since the dry run: apply only what the person has seen.
        token = _keep_for_apply(request, plan, kept["name"], kept["content"], kept["agency"])
        return _report(
            request,
            plan,
            token=token,
            error=_(
                "The listings changed since your dry run. Check this new report and apply it "
                "again if it is right."
            ),
            status=409,
        )
    try:
        outcome = apply_import(sheet, options)
    except ImportBlocked as blocked:
        return _report(request, blocked.plan, error=blocked.plan.summary(), status=400)
    messages.success(
        request,
        _(
            "Import applied: %(published)s versions published, %(submitted)s sent to the "
            "co-chairs for approval."
        )
        % {"published": outcome.published, "submitted": outcome.submitted},
    )
    return _report(request, outcome.plan, applied=outcome)


def register_import_urls():
    return [
        path("services/import/", import_services, name=IMPORT_URL_NAME),
        path("services/import/apply/", apply_import_view, name=APPLY_URL_NAME),
        path("services/listings.xlsx", download_listings, name=DOWNLOAD_URL_NAME),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_import(request.user)


def import_menu_item():
    return ImportMenuItem(
        _("Import services"),
        reverse(IMPORT_URL_NAME),
        name="import-services",
        icon_name="upload",
        order=1250,
    )
