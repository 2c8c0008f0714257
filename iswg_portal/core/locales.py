"""The portal's languages as Wagtail locales, and the page every app's demo content hangs from."""

from django.conf import settings
from wagtail.models import Locale, Site


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
