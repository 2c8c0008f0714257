"""Admin registration of the directory's taxonomy snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Province


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "plate", "coastal"]
    search_fields = ["name"]
    ordering = ["name"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "pick"
    list_display = ["name", "province"]
    list_filter = ["province"]
    search_fields = ["name"]
    ordering = ["province__name", "name"]


class PlacesViewSetGroup(SnippetViewSetGroup):
    menu_label = "Places"
    menu_icon = "site"
    items = (ProvinceViewSet, DistrictViewSet)


register_snippet(PlacesViewSetGroup)
