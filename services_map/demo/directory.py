"""Demo agencies and services of the directory, in English with Turkish translations, Arabic
and Persian translations of the most used kinds of service, and the categories named in every
language of the portal.

The content lives in data/demo-directory.json (agencies, kinds of service with their texts in
each language, and the services themselves); this module turns it into published pages, a
translation for each language a kind or agency is written in. Every step finds what exists
by slug first, so seeding twice creates nothing new and agencies made by another part of the
demo are reused.
"""

import datetime
import json
import re
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from iswg_portal.core.indexing import index_once

from ..category_terms import load_category_terms
from ..models import (
    AgencyPage,
    District,
    Language,
    ProblemReport,
    ServiceCategory,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)
from ..problem_reports import handle_report, record_received
from ..reference_data import seed_directory_page, seed_places

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo-directory.json"

# Languages the demo is written in besides English, wholly or in part: each gets what the data
# file has in it (category names, agency and service pages) and the rest is shown in English.
# Pashto and Kurmanji name the categories only.
TRANSLATIONS = ("tr", "ar", "fa", "ps", "kmr")

HOURS_PERIOD = re.compile(r"^\s*([\d,\-]+)\s+(\d{2}:\d{2})-(\d{2}:\d{2})\s*$")

# Words of a location a translation writes itself (`name_tr`, `accessibility_description_ar`,
# ...); the address is the same in every language (shared_facts.py).
LOCATION_TEXT_FIELDS = ["name", "accessibility_description", "public_transport"]

TEXT_FIELDS = [
    "summary",
    "description",
    "eligibility_description",
    "application_process",
    "documents_required",
    "referral_method",
    "what_happens_next",
    "response_time",
    "fees_description",
]


def load_demo_directory():
    """The demo content as a dictionary."""
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


def parse_hours(notation):
    """Weekly periods from the data file's notation, e.g. '1-5 09:00-12:30; 6 10:00-14:00',
    as (weekday, opens_at, closes_at) tuples."""
    periods = []
    for part in notation.split(";"):
        match = HOURS_PERIOD.match(part)
        if not match:
            raise ValueError(f"Unreadable opening hours: {part!r}")
        days, opens, closes = match.groups()
        weekdays = []
        for chunk in days.split(","):
            if "-" in chunk:
                first, last = (int(n) for n in chunk.split("-"))
                weekdays.extend(range(first, last + 1))
            else:
                weekdays.append(int(chunk))
        for weekday in weekdays:
            periods.append(
                (weekday, datetime.time.fromisoformat(opens), datetime.time.fromisoformat(closes))
            )
    return periods


def seed_taxonomy(data, locales):
    """Categories in English and in each other language that names them (matched by
    translation key), and the spoken languages; return the categories by locale code and slug,
    and the languages by code."""
    by_slug, by_key = {}, {}
    for category in ServiceCategory.objects.filter(locale__in=locales.values()):
        by_slug[(category.locale_id, category.slug)] = category
        by_key[(category.locale_id, category.translation_key)] = category
    categories = {code: {} for code in locales}
    for entry in data["categories"]:
        slug, parent_slug = entry["slug"], entry["parent"]
        english = by_slug.get((locales["en"].pk, slug))
        if english is None:
            english = ServiceCategory.objects.create(
                locale=locales["en"],
                slug=slug,
                name=entry["name"],
                parent=categories["en"].get(parent_slug),
            )
        categories["en"][slug] = english
        for code in TRANSLATIONS:
            name = entry.get(f"name_{code}")
            if name is None:
                continue
            locale = locales[code]
            translation = by_key.get((locale.pk, english.translation_key)) or by_slug.get(
                (locale.pk, slug)
            )
            if translation is None:
                translation = ServiceCategory.objects.create(
                    locale=locale,
                    translation_key=english.translation_key,
                    slug=slug,
                    name=name,
                    parent=categories[code].get(parent_slug),
                )
            categories[code][slug] = translation
    load_category_terms()
    languages = {}
    for code, name, native_name in data["languages"]:
        languages[code] = Language.objects.get_or_create(
            code=code, defaults={"name": name, "native_name": native_name}
        )[0]
    return categories, languages


def seed_agency(directory, entry, locales, stdout):
    """The agency page by slug below the directory, filled in, with a translation into each
    language its entry is written in."""
    agency = AgencyPage.objects.child_of(directory).filter(slug=entry["slug"]).first()
    fields = {
        "acronym": entry["acronym"],
        "agency_type": entry["agency_type"],
        "website": entry["website"],
        "email": entry["email"],
        "phone": entry["phone"],
    }
    if agency is None:
        agency = directory.add_child(
            instance=AgencyPage(
                title=entry["title"],
                slug=entry["slug"],
                locale=locales["en"],
                description=entry["en"],
                **fields,
            )
        )
        agency.save_revision().publish()
        stdout.write(f"Created the agency {entry['title']}.")
    elif not agency.description or not agency.email:
        # Made by another part of the demo with its name only: complete it.
        agency.title = entry["title"]
        agency.description = entry["en"]
        for name, value in fields.items():
            setattr(agency, name, value)
        agency.save_revision().publish()
    agency = AgencyPage.objects.get(pk=agency.pk)
    for code in TRANSLATIONS:
        if code in entry and agency.get_translation_or_none(locales[code]) is None:
            translation = copy_into(
                agency, locales[code], title=entry[f"title_{code}"], description=entry[code]
            )
            translation.save_revision().publish()
    return agency


def copy_into(page, locale, **text):
    """The page copied into another language's tree with that language's text, saved as a
    draft; the caller publishes it."""
    translation = page.copy_for_translation(locale)
    for name, value in text.items():
        setattr(translation, name, value)
    return translation


def seed_service(agency, entry, kind, complaints, context):
    """One new English service below its agency with locations, hours, phones and languages;
    return the published page."""
    locales, categories, languages, today = (
        context["locales"],
        context["categories"],
        context["languages"],
        context["today"],
    )
    english = kind["en"]
    page = ServicePage(
        title=english["title"].format(place=entry["place"]),
        slug=entry["slug"],
        locale=locales["en"],
        eligible_legal_statuses=kind["legal_statuses"],
        minimum_age=kind.get("minimum_age"),
        maximum_age=kind.get("maximum_age"),
        fee_type=kind["fee_type"],
        access_method=kind["access_method"],
        complaints_channel=complaints["en"],
        status=entry.get("status", ServicePage.Status.ACTIVE),
        **season_dates(entry.get("season"), today),
        is_internal=entry.get("internal", False),
        is_protection_sensitive=entry.get("protection_sensitive", False),
        serves_whole_province=entry.get("serves_whole_province", False),
        email=entry.get("email", ""),
        whatsapp=entry.get("whatsapp", ""),
        last_verified=today - datetime.timedelta(days=entry.get("verified", 30)),
        **{name: english.get(name, "") for name in TEXT_FIELDS},
    )
    where = entry["location"]
    district = context["districts"][(where["province"], where["district"])]
    page.locations.add(
        ServiceLocation(
            name=where["name"],
            address_1=where["address_1"],
            province=district.province,
            district=district,
            postal_code=where["postal_code"],
            latitude=where["latitude"],
            longitude=where["longitude"],
            wheelchair_accessible=where["wheelchair_accessible"],
            accessibility_description=where["accessibility_description"],
            public_transport=where.get("public_transport", ""),
        )
    )
    for weekday, opens_at, closes_at in parse_hours(entry["hours"]):
        page.schedules.add(ServiceSchedule(weekday=weekday, opens_at=opens_at, closes_at=closes_at))
    for number, phone_type in entry["phones"]:
        page.phones.add(ServicePhone(number=number, phone_type=phone_type))
    for code in entry["languages"]:
        page.service_languages.add(ServiceLanguage(language=languages[code]))
    page.categories.set([categories["en"][slug] for slug in kind["categories"]])
    page.population_groups.add(*kind["population_groups"])
    agency.add_child(instance=page)
    page.save_revision().publish()
    return ServicePage.objects.get(pk=page.pk)


def translate_service(page, entry, kind, complaints, context, code):
    """The service's translation into one language, written for that language's tree: the
    kind's text with the place's name in that language. A location's words not written in
    that language stay as in English. Like every translation it has the English page's facts
    (shared_facts.py): address, hours, phones, categories, which the pages name in each
    language."""
    text = kind[code]
    translation = copy_into(
        page,
        context["locales"][code],
        title=text["title"].format(place=entry.get(f"place_{code}", entry["place"])),
        complaints_channel=complaints[code],
        **{name: text.get(name, "") for name in TEXT_FIELDS},
    )
    where = entry["location"]
    locations = list(translation.locations.all())
    for location in locations:
        for name in LOCATION_TEXT_FIELDS:
            setattr(location, name, where.get(f"{name}_{code}", getattr(location, name)))
    # The words reach the rows with the revision when it is published: one save, not three.
    translation.locations = locations
    translation.save_revision().publish()


def seed_problem_reports(service):
    """Two reports on a demo service, one open and one fixed with a note, so the page and the
    admin show both."""
    if service.problem_reports.exists():
        return
    record_received(
        ProblemReport.objects.create(
            service=service,
            kind=ProblemReport.Kind.WRONG_PHONE,
            details="The second number rings but nobody answers.",
            language="en",
        )
    )
    fixed = ProblemReport.objects.create(
        service=service,
        kind=ProblemReport.Kind.MOVED,
        details="Bu merkez geçen ay yan binaya taşındı.",
        language="tr",
    )
    record_received(fixed)
    handle_report(
        fixed,
        status=ProblemReport.Status.FIXED,
        note="Merkezi aradık; yeni adres kayda işlendi.",
        user=None,
    )


def seed_agencies_and_services(directory, stdout, only=None):
    """The demo agencies and services below the directory (all, or only the services whose
    slugs are given, with their agencies); return how many services are new."""
    data = load_demo_directory()
    if only is not None:
        data["services"] = [entry for entry in data["services"] if entry["slug"] in only]
        needed = {entry["agency"] for entry in data["services"]}
        data["agencies"] = [entry for entry in data["agencies"] if entry["slug"] in needed]
    locales = {code: Locale.objects.get(language_code=code) for code in ("en", *TRANSLATIONS)}
    categories, languages = seed_taxonomy(data, locales)
    context = {
        "locales": locales,
        "categories": categories,
        "languages": languages,
        "today": timezone.localdate(),
        "districts": {
            (district.province.slug, district.name): district
            for district in District.objects.select_related("province")
        },
    }
    agencies = {}
    complaints = {}
    for entry in data["agencies"]:
        agencies[entry["slug"]] = seed_agency(directory, entry, locales, stdout)
        complaints[entry["slug"]] = {
            code: entry[f"complaints_{code}"] for code in locales if f"complaints_{code}" in entry
        }
    # What exists is read once, not looked up service by service.
    existing = english_services(directory, locales["en"])
    translated = translated_services(locales)
    created = 0
    translations = dict.fromkeys(TRANSLATIONS, 0)
    for entry in data["services"]:
        agency = agencies[entry["agency"]]
        kind = data["kinds"][entry["kind"]]
        page = existing.get((agency.path, entry["slug"]))
        if page is None:
            page = seed_service(agency, entry, kind, complaints[entry["agency"]], context)
            created += 1
            if entry.get("problem_reports"):
                seed_problem_reports(page)
        for code in TRANSLATIONS:
            if code in kind and page.translation_key not in translated[code]:
                translate_service(page, entry, kind, complaints[entry["agency"]], context, code)
                translations[code] += 1
    made = ", ".join(f"{count} in {code}" for code, count in translations.items())
    stdout.write(
        f"Directory: {len(agencies)} agencies, {len(data['services'])} services ({created} new); "
        f"new translations: {made}."
    )
    return created


def english_services(directory, locale):
    """The English services below the directory's agencies, by their agency's path and slug."""
    services = ServicePage.objects.descendant_of(directory).filter(locale=locale)
    return {(service.path[: -service.steplen], service.slug): service for service in services}


def translated_services(locales):
    """For each language, the translation keys of the services already translated into it."""
    return {
        code: set(
            ServicePage.objects.filter(locale=locales[code]).values_list(
                "translation_key", flat=True
            )
        )
        for code in TRANSLATIONS
    }


def season_dates(season, today):
    """A seasonal programme's dates around `today`: winter support runs from 1 December to
    31 March, this winter's or the coming one's, so the demo always shows it as a real
    programme rather than one that ended long ago."""
    if season != "winter":
        return {"start_date": None, "end_date": None}
    first_year = today.year if today.month >= 4 else today.year - 1
    return {
        "start_date": datetime.date(first_year, 12, 1),
        "end_date": datetime.date(first_year + 1, 3, 31),
    }


def seed_directory(stdout, only=None):
    """The directory page, then the demo agencies and about seventy services across the ten
    provinces (or only the services whose slugs are given, with their agencies), in English
    with Turkish translations and the most used services also in Arabic and Persian, in one
    transaction, each page indexed once. Safe to run twice."""
    seed_places(stdout)
    directory = seed_directory_page(stdout)
    with transaction.atomic(), index_once():
        seed_agencies_and_services(directory, stdout, only=only)
    return directory
