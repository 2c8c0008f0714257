"""Which translation of a page (or snippet) a visitor reads, and pages read in another language
until translated.

A visitor who reads the portal in Pashto follows /ps/ links. Where a service, an agency, a
group or a meeting has no Pashto translation yet, it is shown in the nearest language it has:
Persian, then English (settings.FALLBACK_LANGUAGES), then any. `best_translation` makes that
choice for every list and link; `FallbackRoutingMixin` routes a /ps/ address that finds no page
on into the same page of that language, which is shown with a note in the visitor's language
(see templates/components/translation_note.html), and `VisitorLanguageUrlMixin` keeps the links
to such pages under the visitor's /ps/ prefix."""

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404
from django.utils import translation
from wagtail.models import Page

PUBLIC_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def fallback_languages(language=None):
    """The languages a reader of `language` (the active one unless given) reads content in, best
    first: that language, its fallbacks (settings.FALLBACK_LANGUAGES), then the default one."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    chain = [language, *settings.FALLBACK_LANGUAGES.get(language, ()), settings.LANGUAGE_CODE]
    return list(dict.fromkeys(chain))


def best_translation(translations, language=None):
    """Of some translations of one page or snippet (their locale loaded), the one a reader of
    `language` should see: the first language of `fallback_languages` that has one, else the
    first given. None when none is given."""
    rank = {code: position for position, code in enumerate(fallback_languages(language))}
    best = best_rank = None
    for candidate in translations:
        candidate_rank = rank.get(candidate.locale.language_code, len(rank))
        if best is None or candidate_rank < best_rank:
            best, best_rank = candidate, candidate_rank
    return best


def translation_rank(language=None):
    """The rank `best_translation` gives a row's language, as an SQL expression: 0 for the
    reader's own language, then each fallback in order, then every other language alike."""
    chain = fallback_languages(language)
    return Case(
        *(When(locale__language_code=code, then=Value(rank)) for rank, code in enumerate(chain)),
        default=Value(len(chain)),
        output_field=IntegerField(),
    )


def best_live_translations(pages, language=None):
    """{translation key: the live translation of each page that a reader of `language` reads
    best}, in one query; a page with no live translation stands for itself."""
    pages = list(pages)
    if not pages:
        return {}
    chosen = {page.translation_key: page for page in pages}
    translations = (
        type(pages[0]).objects.live().filter(translation_key__in=chosen).select_related("locale")
    )
    chosen.update(
        (page.translation_key, page) for page in best_translations(translations, language)
    )
    return chosen


def best_translations(objects, language=None):
    """One object per translation key, each the `best_translation` for `language`, in the order
    the keys first appear."""
    by_key = {}
    for candidate in objects:
        by_key.setdefault(candidate.translation_key, []).append(candidate)
    return [best_translation(translations, language) for translations in by_key.values()]


class FallbackRoutingMixin:
    """A page whose children may not exist yet in this page's language: a path that finds no
    child here is looked up below this page's other translations, and the child in the
    visitor's best language (see `best_translation`) is shown."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            child = self.translated_child(path_components[0])
            if child is None:
                raise
            return child.specific.route(request, path_components[1:])

    def translated_child(self, slug):
        """The live child with this slug below another translation of this page, in the
        visitor's best language, or None."""
        below_translations = Q()
        for path in self.get_translations().values_list("path", flat=True):
            below_translations |= Q(path__startswith=path)
        if not below_translations:
            return None
        children = (
            Page.objects.live()
            .filter(below_translations, depth=self.depth + 1, slug=slug)
            .select_related("locale")
        )
        return best_translation(children)


def in_visitor_language(page_path):
    """A public page's path (/fa/services/...) under the active language's prefix instead of
    its own (/ps/services/...), where both are public languages: the fallback routing above
    finds the page, or its translation the visitor reads best, there."""
    own, _slash, rest = page_path.lstrip("/").partition("/")
    active = translation.get_language()
    if own in PUBLIC_LANGUAGES and active in PUBLIC_LANGUAGES and own != active:
        return f"/{active}/{rest}"
    return page_path


class VisitorLanguageUrlMixin:
    """Links to this page, drawn on a public page in another language, keep that language's
    prefix: the visitor's interface stays in their language and the fallback routing above
    finds the page (or its translation, where the slug is the same)."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        # Wagtail also passes a plain object to keep its lookups in (frontend_cache's purge
        # batch): no visitor, the page's own address.
        path = getattr(request, "path", None)
        if parts is None or path is None or path.startswith("/admin/"):
            return parts
        site_id, root_url, page_path = parts
        # Wagtail puts the page's own language first in its path.
        return site_id, root_url, in_visitor_language(page_path)
