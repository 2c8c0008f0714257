"""The directory's snippets in the admin: places, taxonomy, languages and problem reports, with
their menus, filters and list columns (registered from wagtail_hooks.py)."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from iswg_portal.core.translated_choices import TranslationChoiceField, TranslationKeyFilter

from ..models import District, Language, ProblemReport, Province, ServiceCategory
from ..models.forms import ProvinceSelect


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "name_ar", "plate", "coastal"]
    ordering = ["name"]


class DistrictFilterSet(WagtailFilterSet):
    """By province, in the editor's alphabetical order."""

    province = django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.all(), widget=ProvinceSelect
    )

    class Meta:
        model = District
        fields = []


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "pick"
    list_display = ["name", "name_ar", "province"]
    filterset_class = DistrictFilterSet
    ordering = ["province__name", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    menu_label = "Places"
    menu_icon = "site"
    items = (ProvinceViewSet, DistrictViewSet)


def sectors():
    """Every translation of every sector (a category without a sector of its own)."""
    return ServiceCategory.objects.filter(parent__isnull=True)


class ServiceCategoryForm(WagtailAdminModelForm):
    """A category's sector is chosen among the sectors, each offered once in the editor's
    language, and stored as that sector's translation in the category's own language (a
    type of service and its sector are always in one language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("parent")
        if field is not None:
            choices = sectors()
            if self.instance.pk:
                choices = choices.exclude(translation_key=self.instance.translation_key)
            self.fields["parent"] = TranslationChoiceField(
                queryset=choices,
                required=False,
                label=field.label,
                help_text=field.help_text,
            )

    def clean_parent(self):
        sector = self.cleaned_data.get("parent")
        if sector is None or self.instance.locale_id is None:
            return sector
        in_this_language = ServiceCategory.objects.filter(
            translation_key=sector.translation_key, locale_id=self.instance.locale_id
        ).first()
        if in_this_language is None:
            language = get_language_info(self.instance.locale.language_code)["name_translated"]
            raise forms.ValidationError(
                _("“%(sector)s” has no %(language)s translation yet: translate the sector first.")
                % {"sector": sector.name, "language": language}
            )
        return in_this_language


class ServiceCategoryFilterSet(WagtailFilterSet):
    """By sector, each listed once; Wagtail adds the language filter."""

    parent = TranslationKeyFilter(
        label=_("Sector"), queryset=sectors(), empty_label=_("All sectors")
    )

    class Meta:
        model = ServiceCategory
        fields = []


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Service categories")
    list_display = ["name", "parent", "slug", "locale"]
    filterset_class = ServiceCategoryFilterSet
    ordering = ["parent__name", "name"]
    edit_handler = ObjectList(ServiceCategory.panels, base_form_class=ServiceCategoryForm)


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
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
