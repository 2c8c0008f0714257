"""Pages that are read in the visitor's language, or in their source language until translated.

A visitor who reads the portal in Arabic follows /ar/ links. Where a service, an agency, a
group or a meeting has no Arabic translation yet, the Arabic tree has no page at that path:
`FallbackRoutingMixin` then routes on into the same page of the default language, which is
shown with a note in the visitor's language (see templates/components/translation_note.html),
and `VisitorLanguageUrlMixin` keeps the links to such pages under the visitor's /ar/ prefix."""

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail.models import Locale

PUBLIC_LANGUAGES = {code for code, _name in settings.LANGUAGES}


class FallbackRoutingMixin:
    """A page whose children may not exist yet in this page's language: a path that finds no
    child here is looked up below the default language's version of this page."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            source = self.get_translation_or_none(Locale.get_default())
            if source is None or source.pk == self.pk:
                raise
            child = source.get_children().live().filter(slug=path_components[0]).first()
            if child is None:
                raise
            return child.specific.route(request, path_components[1:])


class VisitorLanguageUrlMixin:
    """Links to this page, drawn on a public page in another language, keep that language's
    prefix: the visitor's interface stays in their language and the fallback routing above
    finds the page (or its translation, where the slug is the same)."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or request is None or request.path.startswith("/admin/"):
            return parts
        site_id, root_url, page_path = parts
        # Wagtail puts the page's own language first in its path.
        own, _slash, rest = page_path.lstrip("/").partition("/")
        active = translation.get_language()
        if own in PUBLIC_LANGUAGES and active in PUBLIC_LANGUAGES and own != active:
            page_path = f"/{active}/{rest}"
        return site_id, root_url, page_path
