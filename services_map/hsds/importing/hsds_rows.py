"""HSDS services (nested as the compiled JSON nests them) as the rows of the service-mapping
template, one per place, each cell remembering the file, row and column it came from (`Origin`)
so the dry run names the package's own places. What the export merges, this splits again by the
labels the export writes in the language of the import: "Walk in." before the application
process, "Free of charge. " before the fees' details, the summary as the description's first
paragraph; a WhatsApp number is the phone whose id the export derives from the service's."""

import datetime
import json
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Locale

from ...models import ServiceCategory, ServicePage, ServicePhone
from ..mapping import HSDS_WEEKDAY, child_id, population_term_id
from .columns import LANGUAGE_CODES
from .hours import format_hours
from .reading import MAX_ROWS, ImportRefused, SheetRows

# HSDS statuses as the directory's.
STATUS_FROM_HSDS = {
    "active": "active",
    "temporarily closed": "temporarily_closed",
    "inactive": "closed",
    "defunct": "closed",
}
PHONE_TYPE_FROM_HSDS = {
    "voice": ServicePhone.PhoneType.VOICE,
    "cell": ServicePhone.PhoneType.MOBILE,
    "text": ServicePhone.PhoneType.WHATSAPP,
}
DAY_FROM_HSDS = {code: day for day, code in HSDS_WEEKDAY.items()}
# The template's columns filled from each form, in the template's order.
SERVICE_HEADERS = [
    "agency",
    "hsds_id",
    *(f"{stem}_{code}" for stem in ("name", "summary", "description") for code in LANGUAGE_CODES),
    "category",
    "population_groups",
    "status",
    "province",
    "district",
    "address",
    "postal_code",
    "latitude",
    "longitude",
    "whatsapp",
    "email",
    "website",
    "eligibility",
    "legal_statuses",
    "access",
    "fees",
    "fees_details",
    "hours",
    "start_date",
    "end_date",
    "protection_sensitive",
    "minimum_age",
    "maximum_age",
    "nationalities",
    "last_verified",
    "phone_rows",
    "language_rows",
    "application_and_referral",
    "what_happens_next",
    "response_time",
    "complaints_channel",
    "location_id",
    "location_name",
    "transport",
    "places_withheld",
]
# What only the compiled form carries (the package has no such tables).
JSON_ONLY_HEADERS = ["documents", "whole_province", "accessibility", "wheelchair"]


@dataclass
class Origin:
    """Where the cells of one row came from: {template column: (file, row, column)}, and the
    row of its service."""

    file: str
    row: int
    cells: dict = field(default_factory=dict)

    def locate(self, column):
        return self.cells.get(column, (self.file, self.row, column))


def rows_of(file_name, sha256, services, headers, problems, language):
    """The rows (reading.SheetRows) of nested services, with the mistakes the schema checks
    found (`problems`) and every row's origin."""
    sheet = SheetRows(file_name, sha256, list(headers))
    sheet.problems = problems
    number = 1
    with translation.override(language):
        labels = _Labels()
        for service in services:
            for cells, origin in service_rows(service, headers, language, labels):
                number += 1
                sheet.rows.append((number, {k: v for k, v in cells.items() if v != ""}))
                sheet.origins[number] = origin
                if len(sheet.rows) > MAX_ROWS:
                    raise ImportRefused(
                        _("The file has more than 5,000 rows. Split it into smaller files.")
                    )
    return sheet


class _Labels:
    """The labels the export writes, in the language of the import, and the directory's
    categories and population groups by term id."""

    def __init__(self):
        self.access = {str(label): value for value, label in ServicePage.AccessMethod.choices}
        self.fees = {str(label): value for value, label in ServicePage.FeeType.choices}
        self.whatsapp = str(ServicePhone.PhoneType.WHATSAPP.label)
        self.hotline = str(ServicePhone.PhoneType.HOTLINE.label)
        self.wheelchair = gettext("wheelchair accessible")
        self.categories = {
            str(key): slug
            for key, slug in ServiceCategory.objects.filter(
                locale=Locale.get_default()
            ).values_list("translation_key", "slug")
        }
        self.groups = {
            population_term_id(slug): name for slug, name in Tag.objects.values_list("slug", "name")
        }


def _split_label(text, labels, after):
    """(the choice whose label starts `text`, the rest) or (None, text)."""
    for label, value in labels.items():
        if text == label or text == f"{label}{after.rstrip()}":
            return value, ""
        if text.startswith(f"{label}{after}"):
            return value, text[len(label) + len(after) :]
    return None, text


def _paragraphs(text):
    first, _sep, rest = (text or "").strip().partition("\n\n")
    return first.strip(), rest.strip()


def service_rows(service, headers, language, labels):
    """The template's rows of one nested service (one per place; one without a place for a
    service with none) with their origins."""
    source = service["_source"]
    service_id = service.get("id", "")
    cells, where = {}, {}

    def put(column, value, origin=None):
        cells[column] = "" if value is None else str(value)
        where[column] = origin or source.at(column)

    put("agency", service.get("organization_id"), source.at("organization_id"))
    put("hsds_id", service_id, source.at("id"))
    put(f"name_{language}", service.get("name"), source.at("name"))
    summary, description = _paragraphs(service.get("description"))
    put(f"summary_{language}", summary, source.at("description"))
    put(f"description_{language}", description, source.at("description"))
    status = service.get("status")
    put("status", STATUS_FROM_HSDS.get(status, status or ""), source.at("status"))
    put("website", service.get("url"), source.at("url"))
    put("email", service.get("email"))
    put("eligibility", service.get("eligibility_description"), source.at("eligibility_description"))
    access_text, application = _paragraphs(service.get("application_process"))
    access, rest = _split_label(access_text, labels.access, ".")
    if access is None:
        application = service.get("application_process", "")
    else:
        put("access", access, source.at("application_process"))
        application = "\n\n".join(part for part in (rest, application) if part)
    put("application_and_referral", application, source.at("application_process"))
    fees, details = _split_label(service.get("fees_description", ""), labels.fees, ". ")
    if fees is not None:
        put("fees", fees, source.at("fees_description"))
    put("fees_details", details, source.at("fees_description"))
    put("response_time", service.get("wait_time"), source.at("wait_time"))
    for key in ("minimum_age", "maximum_age"):
        put(key, service.get(key))
    put("last_verified", service.get("assured_date"), source.at("assured_date"))
    put(
        "legal_statuses",
        "; ".join(str(item) for item in service.get("iswg_eligible_legal_statuses", [])),
        source.at("iswg_eligible_legal_statuses"),
    )
    put(
        "nationalities",
        service.get("iswg_eligible_nationalities"),
        source.at("iswg_eligible_nationalities"),
    )
    put(
        "what_happens_next",
        service.get("iswg_what_happens_next"),
        source.at("iswg_what_happens_next"),
    )
    put(
        "complaints_channel",
        service.get("iswg_complaints_channel"),
        source.at("iswg_complaints_channel"),
    )
    put("start_date", service.get("iswg_start_date"), source.at("iswg_start_date"))
    put("end_date", service.get("iswg_end_date"), source.at("iswg_end_date"))
    sensitive = service.get("iswg_protection_sensitive", False)
    put(
        "protection_sensitive", "yes" if sensitive else "no", source.at("iswg_protection_sensitive")
    )
    _put_phones(service, service_id, labels, put)
    _put_hours(service, put, source)
    _put_languages(service, put, source)
    _put_attributes(service, labels, put, source)
    documents_text = "\n\n".join(
        item.get("document", "") for item in service.get("required_documents", [])
    )
    put("documents", documents_text, source.at("required_documents"))
    areas = service.get("service_areas", [])
    put(
        "whole_province",
        "yes" if any(", " not in area.get("name", "") for area in areas) else "no",
        source.at("service_areas"),
    )
    places = [_place(at["location"], labels) for at in service.get("service_at_locations", [])]
    placed = [place for place in places if place is not None]
    if places and not placed:
        # Only "call first": a protection-sensitive service's places never leave the directory.
        put("places_withheld", "yes")
    headers = set(headers)
    rows = []
    for index, place in enumerate(placed or [None]):
        row = (
            {k: v for k, v in cells.items() if k in headers}
            if index == 0
            else {k: cells[k] for k in ("agency", "hsds_id", f"name_{language}")}
        )
        origin = Origin(source.file, source.row, dict(where))
        if place is not None:
            for column, (value, at) in place.items():
                if column in headers:
                    row[column] = value
                    origin.cells[column] = at
        rows.append((row, origin))
    return rows


def _put_phones(service, service_id, labels, put):
    whatsapp_id = child_id(service_id, "whatsapp") if service_id else None
    phones, whatsapp = [], ""
    first = None
    for phone in service.get("phones", []):
        first = first or phone["_source"].at("number")
        if phone.get("id") == whatsapp_id:
            whatsapp = phone.get("number", "")
            continue
        phone_type = PHONE_TYPE_FROM_HSDS.get(phone.get("type"), ServicePhone.PhoneType.VOICE)
        note = phone.get("description", "")
        for label, kind in ((labels.whatsapp, "whatsapp"), (labels.hotline, "hotline")):
            if note == label or note.startswith(f"{label}; "):
                note = note[len(label) + 2 :] if note != label else ""
                phone_type = kind
        phones.append([phone.get("id", ""), phone.get("number", ""), phone_type, note])
    put("whatsapp", whatsapp, first)
    put("phone_rows", json.dumps(phones, ensure_ascii=False), first)


def _put_hours(service, put, source):
    periods = []
    first = None
    for schedule in service.get("schedules", []):
        at = schedule["_source"]
        first = first or at.at("byday")
        if schedule.get("freq", "WEEKLY") != "WEEKLY":
            # Only weekly hours can be imported: left for the row's check to name.
            put("hours", schedule["freq"], at.at("freq"))
            return
        try:
            opens = datetime.time.fromisoformat(schedule.get("opens_at", ""))
            closes = datetime.time.fromisoformat(schedule.get("closes_at", ""))
            days = [DAY_FROM_HSDS[day.strip()] for day in schedule.get("byday", "").split(",")]
        except (KeyError, ValueError):
            # Left for the row's check to name: the text cannot be read as hours.
            put(
                "hours",
                f"{schedule.get('byday', '')} {schedule.get('opens_at', '')}",
                at.at("byday"),
            )
            return
        periods.extend((day, opens, closes) for day in days)
    put("hours", format_hours(periods, "en"), first or source.at("schedules"))


def _put_languages(service, put, source):
    rows, first = [], None
    for spoken in service.get("languages", []):
        first = first or spoken["_source"].at("code")
        rows.append([spoken.get("id", ""), spoken.get("code", ""), spoken.get("note", "")])
    put("language_rows", json.dumps(rows, ensure_ascii=False), first or source.at("languages"))


def _put_attributes(service, labels, put, source):
    categories, groups = [], []
    first = None
    for attribute in service.get("attributes", []):
        at = attribute["_source"].at("taxonomy_term_id")
        first = first or at
        term_id = attribute.get("taxonomy_term_id", "")
        if term_id in labels.categories:
            categories.append(labels.categories[term_id])
        elif term_id in labels.groups:
            groups.append(labels.groups[term_id])
        else:
            # Unknown here: its code is checked as a category code, and named if not one.
            categories.append(attribute["taxonomy_term"].get("code") or term_id)
    put("category", "; ".join(categories), first or source.at("attributes"))
    put("population_groups", "; ".join(groups), first or source.at("attributes"))


def _place(location, labels):
    """{column: (value, origin)} of a place, or None when it has no address."""
    addresses = location.get("addresses", [])
    if not addresses:
        return None
    address = addresses[0]
    at, where = address["_source"], location["_source"]
    place = {
        "province": (address.get("state_province", ""), at.at("state_province")),
        "district": (address.get("city", ""), at.at("city")),
        "address": (address.get("address_1", ""), at.at("address_1")),
        "postal_code": (address.get("postal_code", ""), at.at("postal_code")),
        "latitude": (_text(location.get("latitude")), where.at("latitude")),
        "longitude": (_text(location.get("longitude")), where.at("longitude")),
        "location_id": (location.get("id", ""), where.at("id")),
        "location_name": (location.get("name", ""), where.at("name")),
        "transport": (location.get("transportation", ""), where.at("transportation")),
    }
    access = location.get("accessibility", [])
    if access:
        detail = access[0]
        place["accessibility"] = (
            detail.get("description", ""),
            detail["_source"].at("description"),
        )
        place["wheelchair"] = (
            "yes" if detail.get("details") == labels.wheelchair else "no",
            detail["_source"].at("details"),
        )
    else:
        place["accessibility"] = ("", where.at("accessibility"))
        place["wheelchair"] = ("no", where.at("accessibility"))
    return place


def _text(number):
    return "" if number is None else repr(number) if isinstance(number, float) else str(number)
