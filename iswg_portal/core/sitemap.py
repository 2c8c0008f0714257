"""The sitemap at /sitemap.xml: every live public page in every language, on the real host.

Each page is listed under its own language's address, with its translations as alternates.
What the public may not find stays out, by the same rules the pages themselves follow:
nothing below a view restriction, and nothing a page type says the public may not find
(its `hidden_from_public()`: internal, closed or ended services, members-only meetings).
"""

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, get_page_models


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


class PortalSitemap(Sitemap):
    """Wagtail's sitemap, for all languages and the real host, with hreflang alternates."""

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
        for item in pages:
            if item.pk not in addresses:
                continue
            alternates = [
                {"lang_code": other.locale.language_code, "location": addresses[other.pk]}
                for other in translations[item.translation_key]
            ]
            urls.append(
                {
                    "item": item,
                    "location": addresses[item.pk],
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates if len(alternates) > 1 else [],
                }
            )
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
