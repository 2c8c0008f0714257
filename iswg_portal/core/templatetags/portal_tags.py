"""Template tags used by the site's frame on every page."""

import functools
import re
from pathlib import Path
from urllib.parse import quote

from django import template
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, get_language_info, pgettext
from wagtail.models import Page, Site

from iswg_portal.core.fragments import cached_fragment
from iswg_portal.core.locales import active_locale, language_of
from iswg_portal.core.translation import best_translation

register = template.Library()


def is_rtl(language_code):
    """True when the language is written right to left (settings.LANGUAGES_BIDI, which Django's
    own get_language_bidi and Wagtail's admin read too)."""
    return language_code.split("-")[0] in settings.LANGUAGES_BIDI


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per interface language that keeps the visitor on the same page.

    For a Wagtail page the link goes to its translation or, where it has none in a language,
    to the same page at that language's address, which shows the translation a reader of that
    language reads best (core/translation.py: Persian for Pashto, Turkish for Kurmanji); for any
    other view the URL's language prefix is swapped. The query string goes along, so a search
    and its filters are the same search in the other language.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    # The header's switcher and the head's hreflang links ask for the same links: made once.
    memo = request.__dict__.setdefault("_language_links", {}) if request is not None else {}
    key = (getattr(page, "pk", None), current)
    if key not in memo:
        memo[key] = _language_links(request, page, current)
    return memo[key]


def _language_links(request, page, current):
    if not (isinstance(page, Page) and page.pk):
        return _links_by_address(request, page, current)
    # A page's links depend on its translations only: kept until the next publication, and
    # the visitor's query string added to them afterwards.
    host = request.get_host() if request is not None else ""
    links = cached_fragment(
        "language-links",
        (page.pk, current, host),
        lambda: _links_by_address(request, page, current, with_query=False),
    )
    query = request.GET.urlencode() if request is not None else ""
    for link in links:
        if link.pop("keeps_query") and query:
            link["url"] = f"{link['url']}?{query}"
    return links


def _links_by_address(request, page, current, with_query=True):
    query = request.GET.urlencode() if request is not None and with_query else ""
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    home_pages = {}
    if isinstance(page, Page) and not translations:
        site_root = page.get_site().root_page if page.get_site() else None
        if site_root is not None:
            for root in site_root.get_translations(inclusive=True).live().select_related("locale"):
                home_pages[root.locale.language_code] = root
    links = []
    for code, name in settings.LANGUAGES:
        target = (
            translations.get(code)
            or best_translation(translations.values(), code)
            or home_pages.get(code)
        )
        if target is not None:
            url = target.get_url(request=request)
            if url and not url.startswith(f"/{code}/"):
                url = translate_url(url, code)
            if url and query and translations:
                url = f"{url}?{query}"
        else:
            url = translate_url(request.get_full_path(), code) if request else f"/{code}/"
        link = {
            "code": code,
            "name": name,
            "url": url,
            "current": code == current,
            "dir": "rtl" if is_rtl(code) else "ltr",
        }
        if not with_query:
            # Whether the visitor's query string goes along (to a page's own translations).
            link["keeps_query"] = bool(url and translations)
        links.append(link)
    return links


@register.simple_tag
def text_direction():
    """'rtl' or 'ltr' for the active language."""
    return "rtl" if is_rtl(get_language() or settings.LANGUAGE_CODE) else "ltr"


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the active language (else the nearest there is) of the site the
    visitor is on, for the header's home link; kept until the next publication."""
    request = context.get("request")
    page = context.get("page")
    language = active_locale().language_code
    host = request.get_host() if request is not None else ""
    return cached_fragment(
        "home-link", (language, host), lambda: _localized_home(request, page, language)
    )


def _localized_home(request, page, language):
    site = Site.find_for_request(request) if request is not None else None
    if site is None and isinstance(page, Page):
        site = page.get_site()
    if site is None:
        return f"/{language}/"
    root = best_translation(
        site.root_page.get_translations(inclusive=True).select_related("locale"), language
    )
    return root.get_url(request=request) or f"/{language}/"


@register.simple_tag(takes_context=True)
def fallback_language(context, page):
    """The language a page is shown in when the visitor reads another one (the page has no
    translation into theirs yet), or "" when the page is in the visitor's language."""
    if not isinstance(page, Page) or not page.locale_id:
        return ""
    shown_in = language_of(page.locale_id)
    return shown_in if shown_in != get_language() else ""


@register.simple_tag(takes_context=True)
def content_lang(context, page=None):
    """lang and dir attributes for an element holding a page's own words when they are in
    another language than the visitor's: the page being shown (see fallback_language) or, given
    one, a page listed on it (its locale loaded with the list); nothing otherwise. The interface
    around them stays in the visitor's language, so only the content is marked."""
    shown_in = context.get("SHOWN_IN") if page is None else fallback_language(context, page)
    return lang_dir(shown_in)


@register.simple_tag
def lang_dir(language_code):
    """lang and dir attributes for an element written in this language; nothing for none."""
    if not language_code:
        return ""
    direction = "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language_code, direction)


@register.simple_tag
def list_separator():
    """The comma of the visitor's language between the items of a list ("، " in Arabic,
    Persian and Pashto)."""
    return pgettext("separator between the items of a list", ", ")


@register.filter
def join_list(items):
    """Items joined with the comma of the visitor's language, each escaped."""
    return format_html_join(list_separator(), "{}", ((item,) for item in items))


@register.simple_tag
def favicon_data_url():
    """The site's icon (static/img/favicon.svg) as a data: address written in the page, so a
    first visit makes no request for it."""
    return _favicon_data_url()


@functools.cache
def _favicon_data_url():
    svg = Path(finders.find("img/favicon.svg")).read_text(encoding="utf-8")
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r">\s+<", "><", svg.strip()).replace('"', "'")
    return "data:image/svg+xml," + quote(svg, safe="=:/,;'()")
