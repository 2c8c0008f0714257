"""The portal's languages as Wagtail locales, and the page every app's demo content hangs from."""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Site

from iswg_portal.core.fragments import cached_fragment


def ensure_locales():
    """Create a Wagtail locale for every interface language; return them by language code."""
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


def site_home_page():
    """The default site's root page (the English home page), or None before the site exists."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def translate_page(page, texts, stdout):
    """Give the page a published translation in every interface language it lacks, each with
    the title and intro that `texts` holds for that language code, as `(title, intro)`."""
    for code, locale in ensure_locales().items():
        if locale.pk == page.locale_id or page.get_translation_or_none(locale):
            continue
        translation = page.copy_for_translation(locale)
        translation.title, translation.intro = texts[code]
        translation.save_revision().publish()
        stdout.write(f"Translated /{page.locale.language_code}/{page.slug}/ into {code}.")


def _locales_by_code():
    return cached_fragment(
        "locales", (), lambda: {locale.language_code: locale for locale in Locale.objects.all()}
    )


def active_locale():
    """The Wagtail locale of the active language, as Locale.get_active() finds it, read from
    the shared cache until the locales or the content change (a query on every call
    otherwise, and a page asks several times)."""
    locales = _locales_by_code()
    for language in (translation.get_language(), settings.LANGUAGE_CODE):
        try:
            code = get_supported_content_language_variant(language)
        except LookupError:
            continue
        if code in locales:
            return locales[code]
    return Locale.get_active()


def language_of(locale_id):
    """The language code of a locale by its id, without reading the locale's row."""
    for locale in _locales_by_code().values():
        if locale.pk == locale_id:
            return locale.language_code
    return Locale.objects.get(pk=locale_id).language_code
