"""Where the admin's page explorer opens for a person.

An agency editor or a group lead holds page rights on their organisation's page in every
language tree (organisations.PAGE_RIGHTS). Wagtail opens the explorer at the first common
ancestor of the pages someone has rights on, which for them is the root of all the trees: a
list of six home pages headed "Pages created here will not be accessible". The "Pages" menu
opens at their own page instead, in the language they work in. Wagtail's explorable root is left
as it is: it still bounds what they may browse, so their page's other translations stay one
click away (the language switcher of the page's listing, or the breadcrumbs)."""

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import PageExplorerMenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from iswg_portal.core.translation import fallback_languages

_NOT_CHOSEN = object()


def explorer_start_page(user):
    """The page the person's explorer opens at: Wagtail's choice, unless that is the root of
    every language tree only because their rights lie in several trees; then their own pages
    in the language they work in (see `same_pages_in_one_language`). Read once per request's
    user."""
    cached = getattr(user, "_portal_explorer_start_page", _NOT_CHOSEN)
    if cached is not _NOT_CHOSEN:
        return cached
    policy = policy_registry.get_by_type(Page)
    start = policy.explorable_root_instance(user)
    if start is not None and start.is_root():
        own_pages = list(policy.instances_with_direct_explore_permission(user))
        if not any(page.is_root() for page in own_pages):
            in_one_language = same_pages_in_one_language(own_pages)
            if len(in_one_language) == 1:
                start = in_one_language[0]
            elif in_one_language:
                # An agency editor who also leads a group: the home page of that language.
                start = Page.objects.first_common_ancestor_of(in_one_language, include_self=True)
    user._portal_explorer_start_page = start
    return start


def same_pages_in_one_language(pages, language=None):
    """Of pages that stand for a few pages in several languages (an agency's page in each
    tree), the translations in the first language that has all of them: the reader's own,
    then its fallbacks and the default language (core/translation.py), then any other. Empty
    when no language has them all."""
    pages = Page.objects.filter(pk__in=[page.pk for page in pages]).select_related("locale")
    by_language = {}
    for page in pages:
        by_language.setdefault(page.locale.language_code, {})[page.translation_key] = page
    wanted = {key for in_language in by_language.values() for key in in_language}
    for code in [*fallback_languages(language), *sorted(by_language)]:
        in_language = by_language.get(code, {})
        if wanted and set(in_language) == wanted:
            return list(in_language.values())
    return []


class OwnPageExplorerMenuItem(MenuItem):
    """Wagtail's "Pages" menu item, opening the explorer at `explorer_start_page`."""

    @classmethod
    def replacing(cls, item):
        return cls(
            item.label,
            item.url,
            name=item.name,
            classname=item.classname,
            icon_name=item.icon_name,
            attrs=item.attrs,
            order=item.order,
        )

    def render_component(self, request):
        start = explorer_start_page(request.user)
        if start is None:
            return super().render_component(request)
        return PageExplorerMenuItem(
            self.name,
            self.label,
            self.url,
            start.pk,
            icon_name=self.icon_name,
            classname=self.classname,
        )


def open_explorer_at_own_page(request, menu_items):
    """`construct_main_menu`: the "Pages" item opens at the person's own page."""
    for position, item in enumerate(menu_items):
        if item.name == "explorer":
            menu_items[position] = OwnPageExplorerMenuItem.replacing(item)
