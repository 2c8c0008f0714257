"""Template filters of the service and agency pages: formatting only; their data comes from
the pages' get_context."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from ..taxonomy import spoken_language_names

register = template.Library()


@register.filter
def spoken_language(language):
    """A Language as the visitor reads it: in itself and in the visitor's words."""
    native, local = spoken_language_names(
        language.code, language.name, language.native_name, get_language()
    )
    if not native:
        return local
    if not local:
        return format_html('<span lang="{}">{}</span>', language.code, native)
    return format_html('<span lang="{}">{}</span> ({})', language.code, native, local)
