"""The directory's snippets in the admin: places, taxonomy and languages, with their menus,
filters and list columns (registered from wagtail_hooks.py; problem reports are in
problem_reports.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from iswg_portal.core.choosers import SnippetChooserViewSetInRequestLanguage

from ..models import District, Language, Province, ServiceCategory


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
