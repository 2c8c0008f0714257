"""Problem reports in the admin: the list (each report once, the service named in the admin's
language), the report's page where its handler sets the status and adds a note, and its
history. Who sees which report is ProblemReportPermissionPolicy's to say (permissions.py)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.models import Locale, Page
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import ProblemReport
from ..problem_reports import NOTE_MAX_LENGTH, handle_report, language_name, report_history


class ProblemReportAdminForm(WagtailAdminModelForm):
    """The status, and a note that goes into the report's history rather than onto the report."""

    note = forms.CharField(
        label=_("Add a note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What you found or did. Only the agency's editors and the co-chairs see it, in the "
            "history below with your name and the time; the reporter never does."
        ),
    )


class ReportPanel(Panel):
    """A read-only part of the report's page: `template` drawn with what `describe(report)`
    gives."""

    def __init__(self, template, describe, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.describe = describe

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(template=self.template, describe=self.describe)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.panel.describe(self.instance))
            return context


def translation_for_admin(service):
    """The service's translation in the admin's language, else the page reported on."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    found = service.get_translation_or_none(locale) if locale else None
    return found or service


def describe_listing(report):
    """The listing the report is about, named in the admin's language, with the page the
    visitor reported from and where to correct the listing."""
    shown = translation_for_admin(report.service)
    return {
        "report": report,
        "title": shown.title,
        "agency_title": shown.get_parent().title,
        "public_url": report.service.get_url(),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[shown.pk]),
        "language_name": language_name(report.language, get_language()),
    }


def describe_history(report):
    return {"entries": report_history(report)}


PANELS = ObjectList(
    [
        ReportPanel(
            "services_map/admin/problem_report_listing.html",
            describe_listing,
            heading=_("Listing"),
        ),
        FieldPanel("kind", read_only=True),
        FieldPanel("details", read_only=True),
        FieldPanel("contact", read_only=True),
        FieldPanel("status", widget=forms.RadioSelect),
        FieldPanel("note"),
        ReportPanel(
            "services_map/admin/problem_report_history.html",
            describe_history,
            heading=_("History"),
        ),
    ],
    base_form_class=ProblemReportAdminForm,
)


class ProblemReportFilterSet(WagtailFilterSet):
    class Meta:
        model = ProblemReport
        fields = ["status", "kind"]


class OwnReportMixin:
    """Opening a report by its URL is checked against the agency too, not just the listing."""

    instance_action = "change"

    # Wagtail's edit and inspect views pass a queryset; its history and usage views pass none.
    def get_object(self, *args, **kwargs):
        report = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, [self.instance_action, "view"], report
        ):
            raise PermissionDenied
        # Headings and breadcrumbs name the service in the admin's language.
        report.title_in_admin_language = translation_for_admin(report.service).title
        return report


class ProblemReportEditView(OwnReportMixin, snippet_views.EditView):
    """Saving sets the status and adds the note through `handle_report`, which records both in
    the history and, on closing, tells the reporter and deletes their contact."""

    def save_instance(self):
        data = self.form.cleaned_data
        return handle_report(
            self.object, status=data["status"], note=data["note"], user=self.request.user
        )


class ProblemReportInspectView(OwnReportMixin, snippet_views.InspectView):
    pass


class ProblemReportDeleteView(OwnReportMixin, snippet_views.DeleteView):
    instance_action = "delete"


class ProblemReportHistoryView(OwnReportMixin, snippet_views.HistoryView):
    """Wagtail's history of the report, with each note under the step it was written with."""

    @cached_property
    def columns(self):
        columns = super().columns
        # Wagtail shows log comments only for models with revisions; a report's notes are its
        # log comments.
        columns[0].cell_template_name = "wagtailadmin/generic/history/action_cell.html"
        return columns


class ProblemReportUsageView(OwnReportMixin, snippet_views.UsageView):
    pass


class ProblemReportViewSet(SnippetViewSet):
    """Reports about listings; an agency editor sees only those about their agency's services.
    Each report is listed once, whichever translation's page it was sent from."""

    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["service_title", "kind", "status", "created_at"]
    filterset_class = ProblemReportFilterSet
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = PANELS
    edit_view_class = ProblemReportEditView
    inspect_view_class = ProblemReportInspectView
    delete_view_class = ProblemReportDeleteView
    history_view_class = ProblemReportHistoryView
    usage_view_class = ProblemReportUsageView

    def get_queryset(self, request):
        title_in_admin_language = Page.objects.filter(
            translation_key=OuterRef("service__translation_key"),
            locale__language_code=get_language(),
        ).values("title")[:1]
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                request.user, ["view", "change"]
            )
            .select_related("service")
            .annotate(title_in_admin_language=Subquery(title_in_admin_language))
            .order_by("-created_at")
        )
