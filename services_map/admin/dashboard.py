"""An agency editor's desk on the admin home: their agency's services, each once, in the
language they work in, with what needs doing (waiting for approval, changes requested, not
confirmed for 180 days, open problem reports) and a button to add a service. Co-chairs keep
their own home (docs/architecture.md, Roles). A fixed number of queries, whatever the number of
services."""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, ngettext
from wagtail.models import Page, WorkflowState

from iswg_portal.accounts.models import Organisation
from iswg_portal.accounts.roles import AGENCY_EDITORS, is_co_chair, role_names
from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.dashboard import DeskCount, DeskPanel, desks_once, show_desk_counts
from iswg_portal.core.translation import best_translations

from ..freshness import can_confirm
from ..models import AgencyPage, ProblemReport, ServicePage


@dataclass
class ServiceListing:
    """One service of the agency, in all its languages, as its editors see it."""

    page: ServicePage  # the translation in the editor's language, or the nearest one
    translations: list
    waiting: list = field(default_factory=list)  # translations waiting for approval
    changes_requested: list = field(default_factory=list)  # sent back by the approver
    listed: bool = False
    stale: bool = False
    open_reports: int = 0
    can_confirm: bool = False

    @property
    def needs_action(self):
        """Something the agency itself must do: answer the approver, confirm the listing,
        deal with a report, or submit saved changes."""
        return bool(
            self.changes_requested or self.stale or self.open_reports or self.unsubmitted_changes
        )

    @property
    def unsubmitted_changes(self):
        """Saved after its last publication and not sent for approval."""
        return (
            self.page.live
            and self.page.has_unpublished_changes
            and self.page not in self.waiting
            and self.page not in self.changes_requested
        )


@dataclass
class AgencyDesk:
    """An agency's services for one of its editors."""

    agency: AgencyPage  # in the editor's language, or the nearest one
    listings: list
    can_add: bool

    @property
    def panel_id(self):
        return f"agency-{self.agency.pk}"

    @property
    def waiting_count(self):
        return sum(1 for listing in self.listings if listing.waiting)

    @property
    def stale_count(self):
        return sum(1 for listing in self.listings if listing.stale)

    @property
    def open_report_count(self):
        return sum(listing.open_reports for listing in self.listings)


def edited_agency_keys(user):
    """Translation keys of the agencies whose listings this person keeps: an agency editor in
    the agency's own group (accounts/organisations.py). None for co-chairs, whose home is the
    whole response's."""
    if is_co_chair(user) or AGENCY_EDITORS not in role_names(user):
        return []
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.AGENCY, group__user=user)
        .order_by("pk")
        .values_list("translation_key", flat=True)
    )


def agency_desks(user, today=None, language=None):
    """Each agency this person edits, with its services (see `ServiceListing`)."""
    keys = edited_agency_keys(user)
    if not keys:
        return []
    today = today or timezone.localdate()
    language = language or get_language()
    agency_translations = list(
        AgencyPage.objects.filter(translation_key__in=keys).select_related("locale")
    )
    if not agency_translations:
        return []
    agency_key_by_path = {page.path: page.translation_key for page in agency_translations}
    below_agencies = Q()
    for agency in agency_translations:
        below_agencies |= ServicePage.objects.child_of_q(agency)
    services = list(ServicePage.objects.filter(below_agencies).select_related("locale"))
    workflow = workflow_states([service.pk for service in services])
    reports = open_reports_by_service(services)

    translations_of = {}
    for service in services:
        translations_of.setdefault(service.translation_key, []).append(service)
    listings_by_agency = {}
    for page in best_translations(services, language):
        translations = sorted(translations_of[page.translation_key], key=language_order)
        listed = page.is_listed_for(user, today)
        listing = ServiceListing(
            page=page,
            translations=translations,
            waiting=[
                t for t in translations if workflow.get(t.pk) == WorkflowState.STATUS_IN_PROGRESS
            ],
            changes_requested=[
                t for t in translations if workflow.get(t.pk) == WorkflowState.STATUS_NEEDS_CHANGES
            ],
            listed=listed,
            stale=listed and page.is_stale(today),
            open_reports=sum(reports.get(t.pk, 0) for t in translations),
            can_confirm=listed and can_confirm(page, user),
        )
        agency_key = agency_key_by_path[page.path[: -page.steplen]]
        listings_by_agency.setdefault(agency_key, []).append(listing)

    desks = []
    for agency in best_translations(agency_translations, language):
        listings = sorted_by_name(
            listings_by_agency.get(agency.translation_key, []),
            language,
            key=lambda item: item.page.get_admin_display_title(),
        )
        desks.append(
            AgencyDesk(
                agency=agency,
                # What the agency must act on first, each part in alphabetical order.
                listings=sorted(listings, key=lambda item: not item.needs_action),
                can_add=agency.permissions_for_user(user).can_add_subpage(),
            )
        )
    return desks


def language_order(page):
    """Translations in the order of the portal's languages (English, Turkish, Arabic, …)."""
    codes = [code for code, _name in settings.LANGUAGES]
    code = page.locale.language_code
    return codes.index(code) if code in codes else len(codes)


def workflow_states(page_ids):
    """Of these pages, those in a moderation workflow: page id → the workflow's status
    (waiting for approval, or changes requested)."""
    if not page_ids:
        return {}
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page_id) for page_id in page_ids],
    )
    return {
        int(object_id): status for object_id, status in states.values_list("object_id", "status")
    }


def open_reports_by_service(services):
    """Page id → the number of problem reports about it nobody has dealt with yet."""
    counts = (
        ProblemReport.objects.filter(
            service_id__in=[service.pk for service in services],
            status=ProblemReport.Status.RECEIVED,
        )
        .values("service_id")
        .annotate(count=Count("pk"))
    )
    return {row["service_id"]: row["count"] for row in counts}


def desks_for(request):
    """The agency desks of the person signed in."""
    return desks_once(request, "agency", agency_desks)


class AgencyServicesPanel(DeskPanel):
    """The panel of one agency's services on its editor's admin home."""

    template_name = "services_map/admin/agency_desk.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["reports_url"] = open_reports_url()
        context["home_url"] = reverse("wagtailadmin_home")
        return context


def open_reports_url():
    """The problem reports an agency editor may open, those not yet dealt with."""
    listing = reverse("wagtailsnippets_services_map_problemreport:list")
    return f"{listing}?{urlencode({'status': ProblemReport.Status.RECEIVED})}"


def add_agency_panels(request, panels):
    """`construct_homepage_panels`: an agency editor's services, first on their home."""
    panels.extend(AgencyServicesPanel(request, desk) for desk in desks_for(request))


def add_agency_counts(request, summary_items):
    """`construct_homepage_summary_items`: an agency editor's numbers instead of Wagtail's."""
    desks = desks_for(request)
    if not desks:
        return
    first = desks[0]
    listings = sum(len(desk.listings) for desk in desks)
    waiting = sum(desk.waiting_count for desk in desks)
    stale = sum(desk.stale_count for desk in desks)
    reports = sum(desk.open_report_count for desk in desks)
    panel = f"#{first.panel_id}-section"
    show_desk_counts(
        summary_items,
        [
            DeskCount(
                request,
                text=ngettext("%(count)s service", "%(count)s services", listings),
                count=listings,
                url=reverse("wagtailadmin_explore", args=[first.agency.pk]),
                icon="doc-full",
                order=10,
            ),
            *listing_counts(
                request,
                waiting=waiting,
                waiting_url=panel,
                stale=stale,
                stale_url=panel,
                reports=reports,
            ),
        ],
    )


def listing_counts(request, *, waiting, waiting_url, stale, stale_url, reports):
    """The counts at the top of a desk of listings (an agency's or the whole directory's):
    waiting for approval, not confirmed for 180 days, open problem reports."""
    return [
        DeskCount(
            request,
            text=ngettext(
                "%(count)s waiting for approval", "%(count)s waiting for approval", waiting
            ),
            count=waiting,
            url=waiting_url,
            icon="time",
            order=11,
        ),
        DeskCount(
            request,
            text=ngettext(
                "%(count)s not confirmed for 180 days",
                "%(count)s not confirmed for 180 days",
                stale,
            ),
            count=stale,
            url=stale_url,
            icon="history",
            order=12,
        ),
        DeskCount(
            request,
            text=ngettext(
                "%(count)s open problem report", "%(count)s open problem reports", reports
            ),
            count=reports,
            url=open_reports_url(),
            icon="warning",
            order=13,
        ),
    ]
