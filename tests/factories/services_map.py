"""Builders for the directory: taxonomy, agencies and services as published pages."""

import datetime
import functools
import io
import itertools

from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from iswg_portal.core.indexing import index_once
from services_map.models import (
    AgencyPage,
    District,
    Helpline,
    Language,
    Province,
    ServiceCategory,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)
from services_map.reference_data import (
    place_name_fields,
    reference_provinces,
    seed_directory_page,
    slugify_turkish,
)

_counter = itertools.count(1)


@index_once()
def directory_page():
    """The English directory page at /en/services/ with its translations."""
    return seed_directory_page(io.StringIO())


@functools.cache
def _places():
    return {entry["slug"]: entry for entry in reference_provinces()}


def province(slug):
    """One of the ten provinces, created from the reference file when first needed (loading
    all 200 districts for every test would triple the suite's time)."""
    entry = _places()[slug]
    return Province.objects.get_or_create(
        slug=slug,
        defaults={
            "name": entry["name"],
            "plate": entry["plate"],
            "latitude": entry["lat"],
            "longitude": entry["lng"],
            "coastal": entry["coastal"],
            **place_name_fields(entry),
        },
    )[0]


def district(province_slug, name):
    """A district of the reference file by province slug and Turkish name, with its names in
    the other scripts."""
    entries = {entry["name"]: entry for entry in _places()[province_slug]["districts"]}
    if name not in entries:
        raise ValueError(f"{name} is not a district of {province_slug}")
    return District.objects.select_related("province").get_or_create(
        province=province(province_slug),
        name=name,
        defaults={"slug": slugify_turkish(name), **place_name_fields(entries[name])},
    )[0]


@index_once()
def category(name, parent=None, slug=None, locale=None):
    """A service category in the default language (or the given locale)."""
    locale = locale or Locale.get_default()
    slug = slug or name.lower().replace(" ", "-")
    found = ServiceCategory.objects.filter(locale=locale, slug=slug).first()
    if found:
        return found
    return ServiceCategory.objects.create(name=name, slug=slug, parent=parent, locale=locale)


def language(code, name, native_name=""):
    """A language services speak."""
    return Language.objects.get_or_create(
        code=code, defaults={"name": name, "native_name": native_name}
    )[0]


@index_once()
def agency(directory, title="Association for Solidarity", acronym="ASAM", publish=True):
    """A published agency page below the directory."""
    page = directory.add_child(
        instance=AgencyPage(
            title=title,
            acronym=acronym,
            agency_type=AgencyPage.AgencyType.NGO,
            slug=f"agency-{next(_counter)}",
            live=publish,
        )
    )
    if publish:
        page.save_revision().publish()
    return page


@index_once()
def service(
    agency_page,
    title="Legal counselling",
    *,
    summary="Free advice on your rights and legal procedures.",
    place=("izmir", "Konak"),
    coordinates=(38.4189, 27.1287),
    categories=(),
    languages=(),
    population_groups=(),
    schedules=(),
    phones=("0232 000 00 00",),
    wheelchair_accessible=False,
    place_fields=None,
    extra_places=(),
    publish=True,
    **fields,
):
    """A service below the agency with one location (or none when place is None);
    `place_fields` sets more fields of that location, `extra_places` adds others."""
    page = ServicePage(
        title=title, summary=summary, slug=f"service-{next(_counter)}", live=publish, **fields
    )
    if place is not None:
        province_slug, district_name = place
        found = district(province_slug, district_name)
        lat, lng = coordinates if coordinates else (None, None)
        values = {
            "name": f"{title} office",
            "address_1": "Atatürk Caddesi No: 1",
            "province": found.province,
            "district": found,
            "latitude": lat,
            "longitude": lng,
            "wheelchair_accessible": wheelchair_accessible,
            **(place_fields or {}),
        }
        page.locations.add(ServiceLocation(**values))
    for weekday, opens_at, closes_at in schedules:
        page.schedules.add(ServiceSchedule(weekday=weekday, opens_at=opens_at, closes_at=closes_at))
    for number in phones:
        # A number, or a ServicePhone with its type and note.
        page.phones.add(number if isinstance(number, ServicePhone) else ServicePhone(number=number))
    for spoken in languages:
        # A Language, or a ServiceLanguage with its note.
        page.service_languages.add(
            spoken if isinstance(spoken, ServiceLanguage) else ServiceLanguage(language=spoken)
        )
    for extra in extra_places:
        # More places: ServiceLocation rows.
        page.locations.add(extra)
    if categories:
        page.categories.set(categories)
    if population_groups:
        page.population_groups.add(*population_groups)
    agency_page.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return ServicePage.objects.get(pk=page.pk)


def weekdays(opens_at="09:00", closes_at="17:00"):
    """Monday to Friday opening periods."""
    opens = datetime.time.fromisoformat(opens_at)
    closes = datetime.time.fromisoformat(closes_at)
    return [(day, opens, closes) for day in range(1, 6)]


def service_admin_form(title="Legal aid desk", slug="legal-aid-desk", **location):
    """The Wagtail admin's service form as a focal point fills it in, with one location."""
    izmir = province("izmir")
    buca = district("izmir", "Buca")
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Free legal advice.",
            "description": rich_text(""),
            "population_groups": "",
            "fee_type": "free",
            "access_method": "walk_in",
            "status": "active",
            "locations": inline_formset(
                [
                    {
                        "name": "",
                        "address_1": "Atatürk Cad. 1",
                        "province": izmir.pk,
                        "district": buca.pk,
                        "postal_code": "",
                        "latitude": "38.3881",
                        "longitude": "27.1753",
                        "accessibility_description": "",
                        **location,
                    }
                ]
            ),
            "schedules": inline_formset([]),
            "phones": inline_formset([]),
            "service_languages": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


@index_once()
def helpline(number, names, order=0, province=None):
    """A helpline with a translation in each language of `names` ({code: name}), the first
    made first; return the translations by language code."""
    made = {}
    translation_key = None
    for code, name in names.items():
        row = Helpline(
            locale=Locale.objects.get(language_code=code),
            number=number,
            name=name,
            purpose=f"{name}: when to call.",
            order=order,
            province=province,
        )
        if translation_key is not None:
            row.translation_key = translation_key
        row.save()
        translation_key = row.translation_key
        made[code] = row
    return made
