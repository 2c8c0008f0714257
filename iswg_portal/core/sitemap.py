"""The sitemap at /sitemap.xml: every live public page in every language, on the real host.

Each page is listed under every language's address (/<lang>/…): its translation there where it
has one, else the same page shown in the nearest language it has, with the interface in that
language. The addresses name each other as alternates, English as the default.
What the public may not find stays out, by the same rules the pages themselves follow:
nothing below a view restriction, and nothing a page type says the public may not find
(its `hidden_from_public()`: internal, closed or ended services, members-only meetings).
"""

from django.conf import settings
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models

from iswg_portal.core.translation import best_translation, in_visitor_language


def hidden_from_public():
    """Querysets of the live, unrestricted pages each page type keeps from the public, from
    the page types that define `hidden_from_public()` themselves (not inherited)."""
    return [
        model.hidden_from_public()
        for model in get_page_models()
        if "hidden_from_public" in vars(model)
    ]


def sitemap_pages(site):
    """The pages of the site that anyone may find, in every language, in tree order."""
    roots = list(site.root_page.get_translations(inclusive=True).only("path", "depth"))
    condition = Page.objects.none()
    for root in roots:
        condition = condition | Page.objects.descendant_of(root, inclusive=True)
    pages = condition.live().public()
    for hidden in hidden_from_public():
        pages = pages.exclude(pk__in=hidden.values("pk"))
    return pages.select_related("locale").order_by("path")


def public_address(page):
    """The page's address in its own language on the site's public host (SITE_URL), never
    the host name stored on Wagtail's Site record nor the language of the request."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    _site_id, _root_url, page_path = parts
    return settings.SITE_URL + page_path


def language_versions(translations, addresses):
    """{language: address} of one page in every public language: its translation's own address
    where it has one, else the address under that language's prefix where the fallback routing
    shows the translation its readers read best (core/translation.py), as the language
    switcher and the page's hreflang links do."""
    versions = {}
    by_language = {page.locale.language_code: page for page in translations}
    for code, _name in settings.LANGUAGES:
        own = by_language.get(code)
        if own is not None:
            versions[code] = addresses[own.pk]
            continue
        best = best_translation(translations, code)
        path = addresses[best.pk].removeprefix(settings.SITE_URL)
        with translation.override(code):
            versions[code] = settings.SITE_URL + in_visitor_language(path)
    return versions


class PortalSitemap(Sitemap):
    """Wagtail's sitemap, for all languages and the real host, with hreflang alternates: each
    page once under each language's address, naming the others and English as the default."""

    def items(self):
        return sitemap_pages(self.get_wagtail_site())

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        addresses = {}
        for item in pages:
            address = public_address(item)
            if address:
                addresses[item.pk] = address
        translations = {}
        for item in pages:
            if item.pk in addresses:
                translations.setdefault(item.translation_key, []).append(item)
        urls = []
        for group in translations.values():
            versions = language_versions(group, addresses)
            alternates = [
                {"lang_code": code, "location": location} for code, location in versions.items()
            ]
            if settings.LANGUAGE_CODE in versions:
                alternates.append(
                    {"lang_code": "x-default", "location": versions[settings.LANGUAGE_CODE]}
                )
            lastmods = [item.last_published_at or item.latest_revision_created_at for item in group]
            lastmod = None if None in lastmods else max(lastmods)
            urls += [
                {
                    "item": group[0],
                    "location": location,
                    "lastmod": lastmod,
                    "alternates": alternates,
                }
                for location in versions.values()
            ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
