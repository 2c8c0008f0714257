"""The columns of the service-mapping spreadsheet, and a service as the spreadsheet shows it.

One row per service and place. The names, summaries and descriptions have a column per
language (`name_tr`); the other words (eligibility, referral method, fee details, documents)
are those of the language the import is made in; everything else is a fact that every
translation shares (shared_facts.py). A column missing from a file leaves that field as it is.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from iswg_portal.core.text import join_paragraphs

from ...models import LegalStatus, ServicePage
from .hours import format_hours

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Column:
    """A column of the template: its header, what it holds and an example."""

    key: str
    help: str
    example: str = ""
    # "identity", "words" (one column per language), "locale_words" (the import's language),
    # "fact" (shared by every translation) or "location" (one place per row).
    kind: str = "fact"


def _per_language(stem, help_text, example):
    return [
        Column(f"{stem}_{code}", help_text, example if code == "en" else "", kind="words")
        for code in LANGUAGE_CODES
    ]


COLUMNS = [
    Column(
        "agency",
        _("The agency's acronym, name or address slug, e.g. SGDD-ASAM."),
        "SGDD-ASAM",
        "identity",
    ),
    Column(
        "hsds_id",
        _(
            "The service's id in the directory. Filled in the spreadsheet you download; leave "
            "it empty for a new service. Without it a row matches the agency's service of "
            "exactly that name."
        ),
        "",
        "identity",
    ),
    *_per_language("name", _("The service's name in this language."), "Legal counselling"),
    *_per_language(
        "summary",
        _("One sentence: what you offer and to whom. Empty: the start of the description."),
        "Free advice on your rights.",
    ),
    *_per_language(
        "description",
        _("What happens at the service, in plain words; a blank line between paragraphs."),
        "",
    ),
    Column(
        "category",
        _("Category codes, separated by semicolons (see the Codes sheet)."),
        "protection; legal-aid",
    ),
    Column(
        "population_groups",
        _("Who the service is for, separated by semicolons."),
        "women-at-risk; children",
    ),
    Column("status", _("active, temporarily_closed or closed."), "active"),
    Column("province", _("The province, e.g. İzmir."), "İzmir", "location"),
    Column("district", _("A district of that province, e.g. Buca."), "Buca", "location"),
    Column("address", _("Street, number and neighbourhood."), "Menderes Cad. No: 89", "location"),
    Column("postal_code", _("Postal code."), "35390", "location"),
    Column("latitude", _("Latitude, e.g. 38.3881."), "38.3881", "location"),
    Column("longitude", _("Longitude, e.g. 27.1753."), "27.1753", "location"),
    Column("phones", _("Phone numbers, separated by semicolons."), "+90 232 000 00 00"),
    Column("whatsapp", _("WhatsApp number with country code."), "+90 532 000 00 00"),
    Column("email", _("E-mail address."), "info@agency.example"),
    Column("website", _("Web page, starting with https://."), "https://agency.example"),
    Column(
        "languages",
        _("Languages spoken, as ISO 639 codes separated by semicolons."),
        "tr; ar; fa",
    ),
    Column(
        "eligibility",
        _("Who can use it, in plain words (in the language of the import)."),
        "",
        "locale_words",
    ),
    Column(
        "legal_statuses",
        _("Legal statuses accepted, codes separated by semicolons; empty: any."),
        "temporary_protection; ip_applicant",
    ),
    Column("access", _("walk_in, appointment or referral_only."), "walk_in"),
    Column(
        "referral_method",
        _("How partners refer someone (in the language of the import)."),
        "",
        "locale_words",
    ),
    Column("fees", _("free, partly_free or paid."), "free"),
    Column(
        "fees_details",
        _("What costs money (in the language of the import)."),
        "",
        "locale_words",
    ),
    Column(
        "hours",
        _("Opening hours in Turkish or English day names, periods separated by semicolons."),
        "Pzt-Cum 09:00-17:00; Cmt 10:00-13:00",
    ),
    Column(
        "documents",
        _("Documents to bring (in the language of the import)."),
        "",
        "locale_words",
    ),
    Column("start_date", _("First day of the service, as 2026-03-31; empty if always."), ""),
    Column("end_date", _("Last day of the service, as 2026-12-31; empty if open-ended."), ""),
    Column("internal", _("yes: for referral partners only, hidden from the public."), "no"),
    Column(
        "protection_sensitive",
        _("yes: the address is never shown to the public (shelters)."),
        "no",
    ),
]
# Columns the template does not show: the HSDS package and the compiled JSON fill them with what
# HSDS carries beyond the template (hsds_input.py), so a service keeps its ids and every field
# the export writes. A spreadsheet may carry them too. The two `_rows` columns hold a JSON list
# of the service's phones ([id, number, type, note]) and spoken languages ([id, code, note]).
HSDS_COLUMNS = [
    Column("minimum_age", "Youngest age served, in years."),
    Column("maximum_age", "Oldest age served, in years."),
    Column("nationalities", "Nationalities accepted; empty: any."),
    Column("whole_province", "yes: people from every district of the province come."),
    Column("last_verified", "The day the listing was last checked, as 2026-03-31."),
    Column("phone_rows", "The phones with their ids, types and notes (JSON)."),
    Column("language_rows", "The languages spoken with their ids and notes (JSON)."),
    # HSDS has one application_process for both: the same text leaves both as they are, a
    # changed one becomes "how to get the service" and empties "how partners refer someone".
    Column(
        "application_and_referral",
        "How to get the service and how partners refer someone (in the language of the import).",
        kind="locale_words",
    ),
    Column(
        "what_happens_next",
        "What happens after the first contact (in the language of the import).",
        kind="locale_words",
    ),
    Column(
        "response_time",
        "The usual response time (in the language of the import).",
        kind="locale_words",
    ),
    Column(
        "complaints_channel",
        "How to complain (in the language of the import).",
        kind="locale_words",
    ),
    Column("location_id", "The place's id in the directory.", kind="location"),
    Column("location_name", "The place's name.", kind="location"),
    Column("transport", "How to get there by public transport.", kind="location"),
    Column("accessibility", "Notes about access to the place.", kind="location"),
    Column("wheelchair", "yes: the place is wheelchair accessible.", kind="location"),
    # A protection-sensitive service's places never leave the directory: its rows in an HSDS
    # export say "call first" only, and its places are left as they are.
    Column(
        "places_withheld", "yes: the file does not give the places; keep them.", kind="identity"
    ),
]
COLUMN_KEYS = [column.key for column in COLUMNS]
COLUMNS_BY_KEY = {column.key: column for column in [*COLUMNS, *HSDS_COLUMNS]}
LOCATION_KEYS = [column.key for column in COLUMNS_BY_KEY.values() if column.kind == "location"]
# Location columns holding words or flags rather than the address.
LOCATION_EXTRA_FIELDS = {
    "location_name": "name",
    "transport": "public_transport",
    "accessibility": "accessibility_description",
    "wheelchair": "wheelchair_accessible",
}
WORD_STEMS = ("name", "summary", "description")
# The words of the import's language, by column and model field.
LOCALE_WORD_FIELDS = {
    "eligibility": "eligibility_description",
    "referral_method": "referral_method",
    "fees_details": "fees_description",
    "documents": "documents_required",
    "application_and_referral": "application_process",
    "what_happens_next": "what_happens_next",
    "response_time": "response_time",
    "complaints_channel": "complaints_channel",
}
PAGE_WORD_FIELDS = {"name": "title", "summary": "summary", "description": "description"}
# Facts stored in a field of their own, by column; the rest are rows or relations.
FACT_FIELDS = {
    "status": "status",
    "whatsapp": "whatsapp",
    "email": "email",
    "website": "website",
    "access": "access_method",
    "fees": "fee_type",
    "start_date": "start_date",
    "end_date": "end_date",
    "internal": "is_internal",
    "protection_sensitive": "is_protection_sensitive",
    "minimum_age": "minimum_age",
    "maximum_age": "maximum_age",
    "nationalities": "eligible_nationalities",
    "whole_province": "serves_whole_province",
    "last_verified": "last_verified",
}
CHOICES = {
    "status": [value for value, _label in ServicePage.Status.choices],
    "access": [value for value, _label in ServicePage.AccessMethod.choices],
    "fees": [value for value, _label in ServicePage.FeeType.choices],
    "legal_statuses": [value for value, _label in LegalStatus.choices],
}


def plain_text(rich_text):
    """A rich-text description as a spreadsheet cell holds it: paragraphs and list items one
    per line, a blank line between paragraphs."""
    text = (rich_text or "").replace("</p>", "\n\n").replace("</li>", "\n")
    text = strip_tags(text).replace("&nbsp;", " ").replace("&amp;", "&")
    return normalise_text(text)


def normalise_text(text):
    """Text compared as people see it: no trailing spaces, at most one blank line."""
    return join_paragraphs(
        line.strip() for line in str(text or "").replace("\r\n", "\n").split("\n")
    )


def show(key, value, language="en"):
    """A field's value as the spreadsheet and the dry-run report write it."""
    if value is None:
        return ""
    if key == "hours":
        return format_hours(value, language)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key in ("phone_rows", "language_rows"):
        return "; ".join(" ".join(part for part in row[1:] if part) for row in value)
    if isinstance(value, tuple):
        return "; ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def service_facts(page):
    """The facts of a service (its source page, as last saved) by column, as the import
    compares them."""
    return {
        **{key: getattr(page, field) for key, field in FACT_FIELDS.items()},
        "category": tuple(sorted(category.slug for category in page.categories.all())),
        "population_groups": tuple(sorted(tag.name for tag in page.population_groups.all())),
        "phones": tuple(phone.number for phone in _ordered(page.phones)),
        "phone_rows": tuple(
            (str(phone.row_key), phone.number, phone.phone_type, phone.description)
            for phone in _ordered(page.phones)
        ),
        "languages": tuple(spoken.language.code for spoken in _ordered(page.service_languages)),
        "language_rows": tuple(
            (str(spoken.row_key), spoken.language.code, spoken.note)
            for spoken in _ordered(page.service_languages)
        ),
        "legal_statuses": tuple(sorted(page.eligible_legal_statuses or ())),
        "hours": tuple(
            sorted(
                (period.weekday, period.opens_at, period.closes_at)
                for period in page.schedules.all()
            )
        ),
    }


def service_locations(page):
    """The service's places in their order, each as {column: value}."""
    return [
        {
            "province": location.province.name,
            "district": location.district.name,
            "address": location.address_1,
            "postal_code": location.postal_code,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "location_id": str(location.row_key),
            **{key: getattr(location, name) for key, name in LOCATION_EXTRA_FIELDS.items()},
        }
        for location in _ordered(page.locations)
    ]


def service_words(page):
    """The words of one translation by column stem (name, summary, description) and by the
    import-language columns (eligibility ...)."""
    return {
        "name": page.title,
        "summary": page.summary,
        "description": plain_text(page.description),
        **{key: getattr(page, field) for key, field in LOCALE_WORD_FIELDS.items()},
        "application_and_referral": application_and_referral(page),
    }


def application_and_referral(page):
    """How to get the service and how partners refer someone, as HSDS's one text holds them."""
    return "\n\n".join(part for part in (page.application_process, page.referral_method) if part)


def _ordered(rows):
    return sorted(rows.all(), key=lambda row: (row.sort_order or 0, row.pk or 0))
