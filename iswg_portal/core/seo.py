"""What a public page tells search engines and link previews (WhatsApp, Facebook, Telegram)
about itself: its description, its image, its one address and its versions in the other
languages, all in the visitor's language and on the site's public address (SITE_URL).

Every page of the portal answers in all six languages at /<lang>/…: in a translation where it
has one, otherwise in the nearest language it has, with the interface in the visitor's
language (core/translation.py). Each of those addresses is a language version; they name each
other as alternates (hreflang), and English is the default for other languages (x-default).
"""

import logging
import re

from django.conf import settings
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy
from wagtail.images.models import SourceImageIOError

from iswg_portal.core.locales import language_of
from iswg_portal.core.translation import in_visitor_language

logger = logging.getLogger(__name__)

# Open Graph wants language_TERRITORY; these are the territories the portal's readers come from
# or live in, as Facebook names them (Kurmanji is "ku_TR" there).
OPEN_GRAPH_LOCALES = {
    "en": "en_GB",
    "tr": "tr_TR",
    "ar": "ar_AR",
    "fa": "fa_IR",
    "ps": "ps_AF",
    "kmr": "ku_TR",
}
# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
# The page's own words that describe it, best first; the first one filled in is used.
DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "description", "terms_of_reference")
SITE_DESCRIPTION = gettext_lazy(
    "Find services for refugees and asylum-seekers in the Aegean region of Türkiye, and the "
    "meetings of the Inter-Sector Working Group."
)
# The icon a link preview shows for a page without an image of its own.
SITE_IMAGE = "img/icons/icon-512.png"


def absolute_url(url):
    """A site address (or one already absolute) on the site's public address."""
    if not url or re.match(r"^[a-z][a-z0-9+.-]*://", url):
        return url
    return settings.SITE_URL + url


def shorten(text, length=DESCRIPTION_LENGTH):
    """Plain text of a field (rich text stripped, spaces collapsed), cut at a word to fit."""
    plain = " ".join(strip_tags(str(text or "")).split())
    return Truncator(plain).chars(length)


def page_description(page, language):
    """A sentence or two about the page in the visitor's language: the page's own words where
    the page is written in that language, else (the page is read in a fallback language) what
    the page type says of it in the interface's words, else the site's description."""
    if page is not None and language_of(page.locale_id) == language:
        for field in DESCRIPTION_FIELDS:
            value = getattr(page, field, None)
            if isinstance(value, str) and value.strip():
                return shorten(value)
    sharing_summary = getattr(page, "sharing_summary", None)
    if sharing_summary is not None:
        return shorten(sharing_summary())
    return str(SITE_DESCRIPTION)


def page_image(page):
    """The image a link preview shows: the agency's logo for an agency or one of its services
    (which say so with `sharing_image()`), else the site's icon. (url, alt text)."""
    sharing_image = getattr(page, "sharing_image", None)
    logo = sharing_image() if sharing_image is not None else None
    if logo is not None:
        try:
            rendition = logo.get_rendition("max-1200x630|format-png")
        except SourceImageIOError:
            # The uploaded file is gone from storage: the page still answers, with the icon.
            logger.warning("The logo %s has no file; previews show the site's icon.", logo.pk)
        else:
            return absolute_url(rendition.url), logo.title
    return absolute_url(static(SITE_IMAGE)), gettext("ISWG Portal")


def with_query(url, query):
    """The address with the search's query string, unless it has one already."""
    if not query or "?" in url:
        return url
    return f"{url}?{query}"


def alternate_links(language_links, query=""):
    """hreflang alternates from the language switcher's links (one per language, keeping the
    visitor on the same page), absolute, with English as the default (x-default)."""
    alternates = []
    for link in language_links:
        url = link["url"]
        if url.startswith("/"):
            # A page with no translation in this language is linked at its own language's
            # address; the version in this language is the same path under this prefix.
            with translation.override(link["code"]):
                url = in_visitor_language(url)
        alternates.append({"hreflang": link["code"], "href": absolute_url(with_query(url, query))})
    default = next(
        (item for item in alternates if item["hreflang"] == settings.LANGUAGE_CODE), None
    )
    if default is not None:
        alternates.append({"hreflang": "x-default", "href": default["href"]})
    return alternates


def canonical_url(request, query=""):
    """The page's one address: this language's, without tracking or other parameters, except
    the normalised query of a search (the results are the page)."""
    return absolute_url(with_query(request.path, query))


def open_graph_locales(language):
    """og:locale of the visitor's language and og:locale:alternate of the others."""
    own = OPEN_GRAPH_LOCALES.get(language, language)
    others = [locale for code, locale in OPEN_GRAPH_LOCALES.items() if code != language]
    return own, others
