"""What the service and agency pages show, gathered in a fixed number of queries: hours and
'open now', links to call, message and find the way, report counts, and schema.org data."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from iswg_portal.core.time import local_today
from iswg_portal.core.translation import best_translations, fallback_languages

from ..hours import opening_hours_specification, opening_status, weekly_rows
from ..models import LegalStatus, ProblemReport, ServiceCategory
from ..taxonomy import POPULATION_GROUP_LABELS
from .directions import OSM, directions_to
from .share import service_share

# json.dumps leaves these as they are; inside <script> they could end the element early.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def whatsapp_link(number):
    """https://wa.me/<digits> for a number written the Turkish way or with +90; None if empty."""
    digits = re.sub(r"\D", "", number or "")
    if number and number.strip().startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        # A national number (0532 …) gets Türkiye's country code.
        digits = "90" + digits[1:]
    return f"https://wa.me/{digits}" if len(digits) >= 8 else None


def map_link(location):
    """OpenStreetMap centred on the location, or a search for its address without coordinates."""
    if location.has_coordinates:
        lat, lng = f"{location.latitude:.5f}", f"{location.longitude:.5f}"
        return f"{OSM}/?mlat={lat}&mlon={lng}#map=17/{lat}/{lng}"
    return f"{OSM}/search?{urlencode({'query': address_line(location)})}"


def address_line(location):
    """The address in one line, as a taxi driver would read it."""
    parts = [location.address_1, location.postal_code]
    if location.district_id:
        parts.append(location.district.name)
    if location.province_id:
        parts.append(location.province.name)
    return ", ".join(part for part in parts if part)


@dataclass
class ServiceDisplay:
    """Everything the service page needs beyond the page's own fields."""

    agency: object
    locations: list
    phones: list
    languages: list
    categories: list
    population_groups: list
    opening: object
    week: list
    show_address: bool
    is_stale: bool
    open_reports: int
    last_fixed_at: object
    whatsapp_url: str | None
    legal_statuses: list = field(default_factory=list)
    phone_links: list = field(default_factory=list)
    whatsapp_in_phones: bool = False
    structured_data: str = ""
    location_links: list = field(default_factory=list)
    share: object = None


def legal_status_labels(codes):
    """Readable names of the legal statuses a service accepts, skipping unknown codes."""
    labels = dict(LegalStatus.choices)
    return [labels[code] for code in codes or [] if code in labels]


def report_summary(service):
    """How many reports about the service are open, and when the last one was fixed (one
    query). A report is about the service, whichever translation's page it was sent from, so
    every translation's page says the same."""
    summary = ProblemReport.objects.filter(
        service__translation_key=service.translation_key
    ).aggregate(
        open=Count("pk", filter=Q(status=ProblemReport.Status.RECEIVED)),
        last_fixed=Max("resolved_at", filter=Q(status=ProblemReport.Status.FIXED)),
    )
    return summary["open"], summary["last_fixed"]


def categories_in_language(categories, language_code):
    """The categories, each as the nearest language to `language_code` names it (see
    core/translation.py): every translation of a service is filed under the default language's
    categories. One query however many there are, none in the default language or for a
    service without categories."""
    if language_code == settings.LANGUAGE_CODE or not categories:
        return categories
    named = ServiceCategory.objects.filter(
        locale__language_code__in=fallback_languages(language_code),
        translation_key__in=[category.translation_key for category in categories],
    ).select_related("parent", "locale")
    by_key = {
        category.translation_key: category for category in best_translations(named, language_code)
    }
    return [by_key.get(category.translation_key, category) for category in categories]


def service_display(service, user, request=None, now=None):
    """Gather what the service page shows for this visitor at this moment."""
    now = now or timezone.now()
    today = local_today(now)
    agency = service.get_parent().specific
    locations = list(service.locations.select_related("province", "district"))
    schedules = list(service.schedules.all())
    phones = list(service.phones.all())
    languages = list(service.service_languages.select_related("language"))
    categories = categories_in_language(
        list(service.categories.select_related("parent")), translation.get_language()
    )
    population_groups = [
        str(POPULATION_GROUP_LABELS.get(tag.slug, tag.name))
        for tag in service.population_groups.all()
    ]
    show_address = service.shows_address_to(user)
    open_reports, last_fixed_at = report_summary(service)
    display = ServiceDisplay(
        agency=agency,
        locations=locations,
        phones=phones,
        languages=languages,
        categories=categories,
        population_groups=population_groups,
        opening=opening_status(
            schedules, now, temporarily_closed=service.status == service.Status.TEMPORARILY_CLOSED
        ),
        week=weekly_rows(schedules, today=today),
        show_address=show_address,
        is_stale=service.is_stale(today),
        open_reports=open_reports,
        last_fixed_at=last_fixed_at,
        whatsapp_url=whatsapp_link(service.whatsapp),
        legal_statuses=legal_status_labels(service.eligible_legal_statuses),
    )
    display.phone_links = [
        (phone, (phone.phone_type == "whatsapp" and whatsapp_link(phone.number)) or phone.tel_href)
        for phone in phones
    ]
    display.whatsapp_in_phones = any(
        href == display.whatsapp_url for _p, href in display.phone_links
    )
    display.location_links = [
        {
            "location": location,
            "address": address_line(location),
            "map_url": map_link(location),
            "directions": directions_to(
                location.latitude,
                location.longitude,
                address_line(location),
                label=location.name or service.title,
            ),
        }
        for location in locations
    ]
    display.structured_data = structured_data(service, display, request, schedules)
    display.share = service_share(service, display, service.get_full_url(request=request))
    return display


def structured_data(service, display, request, schedules):
    """schema.org Service as JSON-LD, safe to put inside a <script> element; a hidden address
    stays out of it too."""
    agency = display.agency
    provider = {"@type": "Organization", "name": agency.title}
    if getattr(agency, "website", ""):
        provider["url"] = agency.website
    if getattr(agency, "email", ""):
        provider["email"] = agency.email
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.title,
        "description": service.summary,
        "url": service.get_full_url(request=request),
        "provider": provider,
        "isAccessibleForFree": service.fee_type == "free",
        "serviceType": [category.name for category in display.categories],
        "availableLanguage": [spoken.language.name for spoken in display.languages],
    }
    if display.population_groups:
        data["audience"] = [
            {"@type": "Audience", "audienceType": name} for name in display.population_groups
        ]
    channel = {"@type": "ServiceChannel"}
    if display.phones:
        channel["servicePhone"] = [
            {"@type": "ContactPoint", "telephone": phone.number} for phone in display.phones
        ]
    places = []
    for location in display.locations:
        # The name of a protection-sensitive place (a shelter's building) tells where it is.
        place_name = location.name if display.show_address else ""
        place = {"@type": "Place", "name": place_name or service.title}
        if display.show_address:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": location.address_1,
                "postalCode": location.postal_code,
                "addressLocality": location.district.name if location.district_id else "",
                "addressRegion": location.province.name if location.province_id else "",
                "addressCountry": "TR",
            }
            if location.has_coordinates:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": location.latitude,
                    "longitude": location.longitude,
                }
        else:
            place["address"] = {
                "@type": "PostalAddress",
                "addressRegion": location.province.name if location.province_id else "",
                "addressCountry": "TR",
            }
        hours = opening_hours_specification(schedules)
        if hours:
            place["openingHoursSpecification"] = hours
        places.append(place)
    if places:
        channel["serviceLocation"] = places
        data["areaServed"] = sorted(
            {location.province.name for location in display.locations if location.province_id}
        )
    data["availableChannel"] = channel
    text = json.dumps(data, ensure_ascii=False, default=str).translate(JSON_SCRIPT_ESCAPES)
    return mark_safe(text)  # noqa: S308 - JSON with <, > and & escaped for a script element
