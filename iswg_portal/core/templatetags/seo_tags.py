"""The head tags that describe a public page to search engines and link previews
(templates/components/meta_tags.html); the rules are in iswg_portal/core/seo.py."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Page

from iswg_portal.core import seo
from iswg_portal.core.templatetags.portal_tags import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, image, address, language versions and Open Graph locales of the page
    being shown, in the visitor's language. A view that is not a Wagtail page may give its own
    `document_title` (and a search its normalised `canonical_query`); any other view (an error
    page, an account form) gets the site's description only."""
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    language = get_language()
    title = context.get("document_title") or (page and (page.seo_title or page.title))
    meta = {
        "description": seo.page_description(page, language),
        "shared": bool(title and request is not None),
    }
    if not meta["shared"]:
        return meta
    query = context.get("canonical_query", "")
    locale, other_locales = seo.open_graph_locales(language)
    image, image_alt = seo.page_image(page)
    meta.update(
        {
            "title": title,
            "url": seo.canonical_url(request, query),
            "alternates": seo.alternate_links(language_links(context), query),
            "image": image,
            "image_alt": image_alt,
            "locale": locale,
            "other_locales": other_locales,
        }
    )
    return meta
