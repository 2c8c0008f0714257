"""The directory's pages as Open Referral HSDS 3.0 objects: pure functions from a service or an
agency (its rows already loaded) to the dicts the API, the exports and the import compare.

Every id is a stable UUID that no edit, move or translation changes (decision 0024): a service's
and an agency's is its page's `translation_key`, a location's, phone's and spoken language's its
row's `row_key` (shared by the row's translations), a category's its snippet's `translation_key`;
what the models give no key (schedules, addresses, attributes, service areas, population groups,
the two taxonomies) is a name-based UUID (`uuid5`) under the id of what it belongs to.

What HSDS lacks goes into the ISWG profile's fields (profile/*.json), prefixed `iswg_`. What the
public must never learn is left out here: the address, coordinates and place name of a
protection-sensitive service (`location_to_hsds`). Internal services never reach these functions
(queries.py)."""

import datetime
import uuid
from html import unescape

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from iswg_portal.core.text import join_paragraphs

from ..models import LegalStatus, ServicePage, ServicePhone
from ..taxonomy import spoken_language_label, taxonomy_for

HSDS_VERSION = "3.0"
# The namespace of every name-based id of the portal's HSDS objects; never change it.
ISWG_NAMESPACE = uuid.UUID("6f0b6a2e-3c1d-5a8e-9b47-1d2f0e6c9a10")
SECTOR_TAXONOMY_ID = uuid.uuid5(ISWG_NAMESPACE, "taxonomy:sectors")
POPULATION_TAXONOMY_ID = uuid.uuid5(ISWG_NAMESPACE, "taxonomy:population-groups")
COUNTRY = "TR"
# Türkiye keeps UTC+3 all year (no summer time since 2016): HSDS wants an offset in hours.
ISTANBUL_UTC_OFFSET = 3
TIME_ZONE_NAME = "Europe/Istanbul"

HSDS_STATUS = {
    ServicePage.Status.ACTIVE: "active",
    ServicePage.Status.TEMPORARILY_CLOSED: "temporarily closed",
    ServicePage.Status.CLOSED: "inactive",
}
# HSDS phone types: text, voice, fax, cell, video, pager, textphone.
HSDS_PHONE_TYPE = {
    ServicePhone.PhoneType.VOICE: "voice",
    ServicePhone.PhoneType.MOBILE: "cell",
    ServicePhone.PhoneType.WHATSAPP: "text",
    ServicePhone.PhoneType.HOTLINE: "voice",
}
HSDS_WEEKDAY = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}

TAXONOMY_DESCRIPTIONS = {
    SECTOR_TAXONOMY_ID: _("Sectors and types of service of the ISWG directory."),
    POPULATION_TAXONOMY_ID: _("The groups of people a service is meant for."),
}


def child_id(parent_id, name):
    """The stable id of something of `parent_id` the models give no key of its own."""
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), name))


def population_term_id(slug):
    """The id of a population group's taxonomy term, from its tag's slug."""
    return str(uuid.uuid5(ISWG_NAMESPACE, f"population-group:{slug}"))


def service_at_location_id(service_id, location_id):
    """The id of a service at one of its locations: uuid5(service id, location id)."""
    return child_id(service_id, str(location_id))


def schedule_id(service_id, schedule):
    """A weekly opening period's id, from the service and the period itself (rows of hours
    carry no key: the same period keeps its id, a changed one is a new period)."""
    return child_id(service_id, f"schedule:{schedule.weekday}:{schedule.opens_at:%H:%M}")


def plain_text(rich_text):
    """A rich text field as plain text: a blank line between paragraphs, list items and line
    breaks on lines of their own (so that an import reads the paragraphs back)."""
    text = rich_text or ""
    for tag, replacement in (("</p>", "\n\n"), ("</li>", "\n"), ("<br/>", "\n"), ("<br>", "\n")):
        text = text.replace(tag, replacement)
    return join_paragraphs(
        " ".join(line.split()) for line in unescape(strip_tags(text)).split("\n")
    )


def iso_datetime(moment):
    """An aware moment as ISO 8601 in UTC, or None."""
    if moment is None:
        return None
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def drop_empty(data):
    """The dict without keys whose value is None or an empty string: HSDS types such fields as
    strings or numbers, and an empty e-mail or URL is not a valid one."""
    return {key: value for key, value in data.items() if value is not None and value != ""}


def hsds_status(service, today=None):
    """The service's HSDS status: ended or closed ones are `inactive`."""
    if service.has_ended(today):
        return "inactive"
    return HSDS_STATUS.get(service.status, "inactive")


# --- Taxonomies -------------------------------------------------------------------------------


def taxonomies_to_hsds():
    """The ISWG's two taxonomies, named in the active language."""
    names = {
        SECTOR_TAXONOMY_ID: capfirst(gettext("categories")),
        POPULATION_TAXONOMY_ID: capfirst(gettext("population groups")),
    }
    return [
        {
            "id": str(taxonomy_id),
            "name": names[taxonomy_id],
            "description": str(TAXONOMY_DESCRIPTIONS[taxonomy_id]),
            "version": "1",
        }
        for taxonomy_id in (SECTOR_TAXONOMY_ID, POPULATION_TAXONOMY_ID)
    ]


def taxonomy_terms(taxonomy, language):
    """Every term of both taxonomies as HSDS taxonomy_term dicts, in the order of the
    directory's snapshot (`services_map.taxonomy.Taxonomy` of `language`): sectors each
    followed by their types, then the population groups."""
    detail = {item["id"]: item for item in taxonomies_to_hsds()}
    sectors = detail[str(SECTOR_TAXONOMY_ID)]
    groups = detail[str(POPULATION_TAXONOMY_ID)]
    terms = []
    for sector in taxonomy.sectors:
        terms.append(
            _term(
                sector["translation_key"], sector["slug"], sector["name"], None, sectors, language
            )
        )
        for child in sector["children"]:
            terms.append(
                _term(
                    child["translation_key"],
                    child["slug"],
                    child["name"],
                    sector["translation_key"],
                    sectors,
                    language,
                    description=f"{sector['name']} › {child['name']}",
                )
            )
    for group in taxonomy.groups:
        terms.append(
            _term(
                population_term_id(group["slug"]),
                group["slug"],
                group["label"],
                None,
                groups,
                language,
            )
        )
    return terms


def _term(term_id, code, name, parent_id, taxonomy, language, description=None):
    return drop_empty(
        {
            "id": str(term_id),
            "code": code,
            "name": name,
            "description": description or name,
            "parent_id": str(parent_id) if parent_id else None,
            "taxonomy": taxonomy["name"],
            "taxonomy_id": taxonomy["id"],
            "language": language,
        }
    )


# --- Organizations ----------------------------------------------------------------------------


def organization_to_hsds(agency, services=None):
    """An agency as an HSDS organization; with `services` (HSDS service dicts), nested."""
    organization_id = str(agency.translation_key)
    data = drop_empty(
        {
            "id": organization_id,
            "name": agency.title,
            "alternate_name": agency.acronym,
            "description": plain_text(agency.description),
            "email": agency.email,
            "website": agency.website,
            "iswg_organization_type": agency.agency_type,
        }
    )
    data.setdefault("description", "")
    if agency.phone:
        data["phones"] = [
            {
                "id": child_id(organization_id, "phone"),
                "organization_id": organization_id,
                "number": agency.phone,
            }
        ]
    if services is not None:
        data["services"] = services
    return data


# --- Services ---------------------------------------------------------------------------------


def service_to_hsds(
    page,
    locale=None,
    full=True,
    *,
    agency=None,
    taxonomy=None,
    last_modified=None,
    today=None,
):
    """A service as an HSDS service dict: its one-to-one fields, and with `full` everything
    nested (phones, schedules, service areas, languages, attributes, cost options, required
    documents, locations through service_at_locations, its organization).

    `page` has its rows loaded (queries.load_services prefetches them); `locale` is a language
    code (the text is the page's own, labels are in this language); `agency` is its
    AgencyPage in that language, `taxonomy` the directory's snapshot (taxonomy_for) and
    `last_modified` the latest publication of any of its translations. Without them they are
    looked up (a few queries; lists pass them)."""
    language = locale or page.locale.language_code
    with translation.override(language):
        return _service(page, language, full, agency, taxonomy, last_modified, today)


def _service(page, language, full, agency, taxonomy, last_modified, today):
    if agency is None:
        agency = page.get_parent().specific
    service_id = str(page.translation_key)
    description = "\n\n".join(part for part in (page.summary, plain_text(page.description)) if part)
    fee_label = str(page.get_fee_type_display())
    fees = ". ".join(part for part in (fee_label, page.fees_description) if part)
    application = "\n\n".join(
        part
        for part in (
            f"{page.get_access_method_display()}.",
            page.application_process,
            page.referral_method,
        )
        if part
    )
    data = drop_empty(
        {
            "id": service_id,
            "organization_id": str(agency.translation_key),
            "name": page.title,
            "description": description,
            "url": page.website,
            "email": page.email,
            "status": hsds_status(page, today),
            "application_process": application,
            "fees_description": fees,
            "wait_time": page.response_time,
            "eligibility_description": page.eligibility_description,
            "minimum_age": page.minimum_age,
            "maximum_age": page.maximum_age,
            "assured_date": page.last_verified.isoformat() if page.last_verified else None,
            "last_modified": iso_datetime(last_modified or page.last_published_at),
        }
    )
    data.update(profile_fields(page))
    if not full:
        return data
    if taxonomy is None:
        taxonomy = taxonomy_for(page.locale)
    data.update(
        phones=service_phones(page, service_id),
        schedules=[schedule_to_hsds(s, service_id) for s in page.schedules.all()],
        service_areas=service_areas(page, service_id, language),
        languages=[
            language_to_hsds(spoken, service_id, language)
            for spoken in page.service_languages.all()
        ],
        attributes=service_attributes(page, service_id, taxonomy, language),
        cost_options=[cost_option(page, service_id, fee_label)],
        required_documents=(
            [
                {
                    "id": child_id(service_id, "required-documents"),
                    "service_id": service_id,
                    "document": page.documents_required,
                }
            ]
            if page.documents_required
            else []
        ),
        service_at_locations=[
            service_at_location_to_hsds(page, location, service_id)
            for location in page.locations.all()
        ],
        organization=organization_to_hsds(agency),
    )
    return data


def loaded_to_hsds(loaded, language, full, taxonomy, today=None):
    """A service as queries.load_services gives it (`LoadedService`), as an HSDS service dict."""
    return service_to_hsds(
        loaded.page,
        language,
        full,
        agency=loaded.agency,
        taxonomy=taxonomy,
        last_modified=loaded.last_modified,
        today=today,
    )


def minimal_service(page, last_modified=None, today=None):
    """What `minimal=true` lists of a service: enough to notice it changed or left."""
    return drop_empty(
        {
            "id": str(page.translation_key),
            "name": page.title,
            "status": hsds_status(page, today),
            "last_modified": iso_datetime(last_modified or page.last_published_at),
        }
    )


def profile_fields(page):
    """The ISWG profile's fields of a service (profile/service.json): what HSDS has no field
    for. `is_internal` is not among them: internal services are never published here."""
    return drop_empty(
        {
            # In the order of the choices, however they were ticked or imported.
            "iswg_eligible_legal_statuses": [
                status
                for status in LegalStatus.values
                if status in (page.eligible_legal_statuses or ())
            ],
            "iswg_eligible_nationalities": page.eligible_nationalities,
            "iswg_what_happens_next": page.what_happens_next,
            "iswg_complaints_channel": page.complaints_channel,
            "iswg_start_date": page.start_date.isoformat() if page.start_date else None,
            "iswg_end_date": page.end_date.isoformat() if page.end_date else None,
            "iswg_protection_sensitive": page.is_protection_sensitive,
        }
    )


def service_phones(page, service_id):
    """The service's phones, its WhatsApp number last as a `text` phone."""
    phones = [
        drop_empty(
            {
                "id": str(phone.row_key),
                "service_id": service_id,
                "number": phone.number,
                "type": HSDS_PHONE_TYPE.get(phone.phone_type, "voice"),
                "description": "; ".join(
                    part
                    for part in (
                        str(phone.get_phone_type_display())
                        if phone.phone_type in (phone.PhoneType.WHATSAPP, phone.PhoneType.HOTLINE)
                        else "",
                        phone.description,
                    )
                    if part
                ),
            }
        )
        for phone in page.phones.all()
    ]
    if page.whatsapp:
        phones.append(
            {
                "id": child_id(service_id, "whatsapp"),
                "service_id": service_id,
                "number": page.whatsapp,
                "type": "text",
                "description": str(ServicePhone.PhoneType.WHATSAPP.label),
            }
        )
    return phones


def schedule_to_hsds(schedule, service_id):
    """A weekly opening period, in Istanbul time."""
    return {
        "id": schedule_id(service_id, schedule),
        "service_id": service_id,
        "freq": "WEEKLY",
        "wkst": "MO",
        "byday": HSDS_WEEKDAY[schedule.weekday],
        "opens_at": f"{schedule.opens_at:%H:%M}",
        "closes_at": f"{schedule.closes_at:%H:%M}",
        "timezone": ISTANBUL_UTC_OFFSET,
        "notes": TIME_ZONE_NAME,
    }


def service_areas(page, service_id, language):
    """Each district the service is given in, and its province where it serves the whole
    province: all a protection-sensitive service says of where it is."""
    areas = {}
    for location in page.locations.all():
        province = location.province
        district = location.district
        areas.setdefault(
            f"district:{district.pk}",
            f"{district.name_in(language)}, {province.name_in(language)}",
        )
        if page.serves_whole_province:
            areas.setdefault(f"province:{province.pk}", province.name_in(language))
    return [
        {"id": child_id(service_id, f"area:{key}"), "service_id": service_id, "name": name}
        for key, name in areas.items()
    ]


def language_to_hsds(spoken, service_id, language):
    """A language spoken at the service, named in the reader's language."""
    lang = spoken.language
    return drop_empty(
        {
            "id": str(spoken.row_key),
            "service_id": service_id,
            "name": spoken_language_label(lang.code, lang.name, lang.native_name, language),
            "code": lang.code,
            "note": spoken.note,
        }
    )


def service_attributes(page, service_id, taxonomy, language):
    """The service's categories and population groups, each an attribute linking the ISWG
    taxonomies' term (nested)."""
    terms = {term["id"]: term for term in taxonomy_terms(taxonomy, language)}
    term_ids = [str(category.translation_key) for category in page.categories.all()]
    term_ids += [population_term_id(link.tag.slug) for link in page.tagged_population_groups.all()]
    attributes = []
    for term_id in dict.fromkeys(term_ids):
        term = terms.get(term_id)
        if term is None:
            continue
        attributes.append(
            {
                "id": child_id(service_id, f"attribute:{term_id}"),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": term_id,
                "taxonomy_term": term,
            }
        )
    return attributes


def cost_option(page, service_id, fee_label):
    """The fee type as one cost option; a free service costs 0 lira."""
    data = drop_empty(
        {
            "id": child_id(service_id, "cost"),
            "service_id": service_id,
            "option": fee_label,
            "amount_description": page.fees_description,
        }
    )
    if page.fee_type == ServicePage.FeeType.FREE:
        data.update(amount=0, currency="TRY")
    return data


def service_at_location_to_hsds(page, location, service_id=None, *, service=None):
    """The service at one of its locations, the location nested; with `service` (an HSDS
    service dict), that too."""
    service_id = service_id or str(page.translation_key)
    location_id = str(location.row_key)
    data = {
        "id": service_at_location_id(service_id, location_id),
        "service_id": service_id,
        "location_id": location_id,
        "location": location_to_hsds(location, page),
    }
    if service is not None:
        data["service"] = service
    return data


def location_to_hsds(location, page):
    """A place of the service (HSDS location with its address and accessibility). Of a
    protection-sensitive service only "call first" remains: no name, address, coordinates,
    directions or access notes, since any of them could lead someone to the place."""
    location_id = str(location.row_key)
    if page.is_protection_sensitive:
        return {
            "id": location_id,
            "location_type": "physical",
            "description": gettext("Call first: the address is given by phone."),
        }
    data = drop_empty(
        {
            "id": location_id,
            "location_type": "physical",
            "name": location.name,
            "transportation": location.public_transport,
            "latitude": location.latitude,
            "longitude": location.longitude,
        }
    )
    language = translation.get_language()
    data["addresses"] = [
        {
            "id": child_id(location_id, "address"),
            "location_id": location_id,
            "address_1": location.address_1,
            "city": location.district.name_in(language),
            "state_province": location.province.name_in(language),
            "postal_code": location.postal_code,
            "country": COUNTRY,
            "address_type": "physical",
        }
    ]
    details = gettext("wheelchair accessible") if location.wheelchair_accessible else ""
    if details or location.accessibility_description:
        data["accessibility"] = [
            drop_empty(
                {
                    "id": child_id(location_id, "accessibility"),
                    "location_id": location_id,
                    "description": location.accessibility_description,
                    "details": details,
                }
            )
        ]
    return data
