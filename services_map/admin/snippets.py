"""The directory's snippets in the admin: places, taxonomy, languages and problem reports, with
their menus, filters and list columns (registered from wagtail_hooks.py)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from iswg_portal.core.choosers import SnippetChooserViewSetInRequestLanguage

from ..models import District, Language, ProblemReport, Province, ServiceCategory


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    list_display = ["name", "name_ar", "plate", "coastal"]
    ordering = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "pick"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    list_display = ["name", "name_ar", "province"]
    list_filter = ["province"]
    ordering = ["province__name", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Places")
    menu_icon = "site"
    items = (ProvinceViewSet, DistrictViewSet)


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    menu_label = _("Service categories")
    list_display = ["name", "parent", "slug", "locale"]
    list_filter = ["parent", "locale"]
    ordering = ["parent__name", "name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    menu_label = _("Languages")
    list_display = ["name", "native_name", "code"]
    ordering = ["name"]


class DirectoryTaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory taxonomy")
    menu_icon = "tag"
    items = (ServiceCategoryViewSet, LanguageViewSet)


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
        return report


class ProblemReportEditView(OwnReportMixin, snippet_views.EditView):
    pass


class ProblemReportInspectView(OwnReportMixin, snippet_views.InspectView):
    pass


class ProblemReportDeleteView(OwnReportMixin, snippet_views.DeleteView):
    instance_action = "delete"


class ProblemReportHistoryView(OwnReportMixin, snippet_views.HistoryView):
    pass


class ProblemReportUsageView(OwnReportMixin, snippet_views.UsageView):
    pass


class ProblemReportViewSet(SnippetViewSet):
    """Reports about listings; an agency editor sees only those about their agency's services."""

    model = ProblemReport
    icon = "warning"
    menu_label = _("Problem reports")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["service", "kind", "status", "created_at", "resolved_at"]
    filterset_class = ProblemReportFilterSet
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_view_class = ProblemReportEditView
    inspect_view_class = ProblemReportInspectView
    delete_view_class = ProblemReportDeleteView
    history_view_class = ProblemReportHistoryView
    usage_view_class = ProblemReportUsageView

    def get_queryset(self, request):
        return (
            self.permission_policy.instances_user_has_any_permission_for(
                request.user, ["view", "change"]
            )
            .select_related("service")
            .order_by("-created_at")
        )
