"""The directory's snippets in the admin: places, taxonomy and languages, with their menus,
filters and list columns (registered from wagtail_hooks.py; problem reports are in
problem_reports.py)."""

import django_filters
from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from iswg_portal.core.choosers import SnippetChooserViewSetInRequestLanguage
from iswg_portal.core.translated_choices import TranslationChoiceField, TranslationKeyFilter

from ..models import District, Helpline, Language, Province, ServiceCategory
from ..models.forms import ProvinceSelect


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    list_display = ["name", "name_ar", "plate", "coastal"]
    ordering = ["name"]


def province_filter():
    """A filter by province, the provinces in the editor's alphabetical order."""
    return django_filters.ModelChoiceFilter(
        label=_("Province"), queryset=Province.objects.all(), widget=ProvinceSelect
    )


class DistrictFilterSet(WagtailFilterSet):
    """By province."""

    province = province_filter()

    class Meta:
        model = District
        fields = []


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "pick"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    list_display = ["name", "name_ar", "province"]
    filterset_class = DistrictFilterSet
    ordering = ["province__name", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Places")
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
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    menu_label = _("Service categories")
    list_display = ["name", "parent", "slug", "locale"]
    filterset_class = ServiceCategoryFilterSet
    ordering = ["parent__name", "name"]
    edit_handler = ObjectList(ServiceCategory.panels, base_form_class=ServiceCategoryForm)


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    chooser_viewset_class = SnippetChooserViewSetInRequestLanguage
    menu_label = _("Languages")
    list_display = ["name", "native_name", "code"]
    ordering = ["name"]


class HelplineFilterSet(WagtailFilterSet):
    """By province; Wagtail adds the language filter."""

    province = province_filter()

    class Meta:
        model = Helpline
        fields = []


class HelplineViewSet(SnippetViewSet):
    """The helplines of the home page and the print sheets, in each language."""

    model = Helpline
    icon = "mobile-alt"
    menu_label = _("Helplines")
    list_display = ["number", "name", "purpose", "province", "order", "locale"]
    filterset_class = HelplineFilterSet
    ordering = ["order", "number"]

    def get_queryset(self, request):
        return Helpline.objects.select_related("province", "locale")


class DirectoryTaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Directory taxonomy")
    menu_icon = "tag"
    items = (ServiceCategoryViewSet, LanguageViewSet, HelplineViewSet)
