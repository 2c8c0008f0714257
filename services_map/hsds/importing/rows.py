"""Reading the rows of a file cell by cell against the directory's reference data (agencies,
places, categories, languages) and the models' own validation; each mistake becomes a Problem
naming its row and column."""

import datetime
import json
import math
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Locale

from iswg_portal.accounts.models import Organisation
from iswg_portal.accounts.roles import is_co_chair
from iswg_portal.core.text import fold_for_search

from ...models import (
    AgencyPage,
    District,
    Language,
    Province,
    ServiceCategory,
    ServiceLocation,
    ServicePage,
    ServicePhone,
)
from .columns import (
    CHOICES,
    COLUMNS_BY_KEY,
    FACT_FIELDS,
    LANGUAGE_CODES,
    LOCALE_WORD_FIELDS,
    LOCATION_EXTRA_FIELDS,
    LOCATION_KEYS,
    PAGE_WORD_FIELDS,
    WORD_STEMS,
    normalise_text,
)
from .hours import HoursError, parse_hours
from .report import Problem

TRUE_WORDS = {"yes", "y", "true", "1", "x", "evet", "e", "var"}
FALSE_WORDS = {"no", "n", "false", "0", "hayir", "h", "yok"}
LIST_SEPARATORS = (";", "\n")


class CellError(ValueError):
    """A cell that cannot be imported; the message says why in plain words."""


# --- Who may import what --------------------------------------------------------------------


def importable_agency_keys(user):
    """Translation keys of the agencies whose services this person may import; None for any
    (co-chairs, superusers, and the command line without a person)."""
    if user is None or is_co_chair(user):
        return None
    return set(
        Organisation.objects.filter(kind=Organisation.Kind.AGENCY, group__user=user).values_list(
            "translation_key", flat=True
        )
    )


# --- Reference data -------------------------------------------------------------------------


class Reference:
    """The directory's agencies, places, categories and languages, read once per import."""

    def __init__(self):
        default = Locale.get_default()
        self.categories = {
            category.slug.lower(): category
            for category in ServiceCategory.objects.filter(locale=default)
        }
        self.languages = {language.code.lower(): language for language in Language.objects.all()}
        self.provinces = {}
        # A place by its Turkish name or by its name in another script (an HSDS export in
        # Arabic names İzmir إزمير).
        for province in Province.objects.all():
            for name in _place_names(province):
                self.provinces.setdefault(fold_for_search(name), province)
            self.provinces[province.slug] = province
        self.districts = {}
        for district in District.objects.all():
            for name in _place_names(district):
                self.districts.setdefault((district.province_id, fold_for_search(name)), district)
        agencies = list(
            AgencyPage.objects.filter(alias_of__isnull=True).select_related("locale").order_by("pk")
        )
        self.agency_pages = {}  # translation key -> its translations
        self.agency_names = {}  # folded slug, acronym or title -> translation keys
        for agency in agencies:
            self.agency_pages.setdefault(agency.translation_key, []).append(agency)
            # Its HSDS organization id names it too (the HSDS package and JSON use it).
            for name in (agency.slug, agency.acronym, agency.title, str(agency.translation_key)):
                if name:
                    self.agency_names.setdefault(fold_for_search(name), set()).add(
                        agency.translation_key
                    )

    def agency_in(self, key, language):
        """The agency's page in a language, or None."""
        for page in self.agency_pages.get(key, []):
            if page.locale.language_code == language:
                return page
        return None

    def agency_source(self, key):
        return self.agency_pages[key][0]


def _place_names(place):
    return [place.name, *(place.name_in(code) for code in LANGUAGE_CODES)]


# --- Cells ----------------------------------------------------------------------------------


def _items(value):
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [item.strip() for item in value.split(LIST_SEPARATORS[0]) if item.strip()]


def _code(value):
    return "_".join(value.strip().lower().split())


def _model_check(model, field_name, value):
    try:
        model._meta.get_field(field_name).clean(value, None)
    except ValidationError as error:
        raise CellError(" ".join(error.messages)) from error
    return value


def _choice(key, value):
    code = _code(value)
    if code not in CHOICES[key]:
        raise CellError(
            _("'%(value)s' is not one of %(choices)s.")
            % {"value": value, "choices": ", ".join(CHOICES[key])}
        )
    return code


def _boolean(value):
    folded = fold_for_search(value)
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    raise CellError(_("'%(value)s' is not yes or no.") % {"value": value})


def _date(value):
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise CellError(_("'%(value)s' is not a date; write it as 2026-03-31.") % {"value": value})


def _number(value):
    try:
        number = float(value.replace(",", "."))
    except ValueError as error:
        raise CellError(_("'%(value)s' is not a number.") % {"value": value}) from error
    if not math.isfinite(number):
        raise CellError(_("'%(value)s' is not a number.") % {"value": value})
    return number


def _age(value):
    try:
        age = int(value.strip())
    except ValueError as error:
        raise CellError(_("'%(value)s' is not a whole number.") % {"value": value}) from error
    return _model_check(ServicePage, "minimum_age", age)


def _json_rows(value, width):
    """A `_rows` cell: a JSON list of lists of `width` strings, the first a row id."""
    try:
        rows = json.loads(value)
    except ValueError as error:
        raise CellError(_("'%(value)s' is not a JSON list.") % {"value": value}) from error
    if not isinstance(rows, list) or not all(
        isinstance(row, list) and len(row) == width and all(isinstance(part, str) for part in row)
        for row in rows
    ):
        raise CellError(_("'%(value)s' is not a JSON list.") % {"value": value})
    keyed = []
    for row in rows:
        try:
            key = str(uuid.UUID(row[0]))
        except ValueError as error:
            raise CellError(_("'%(value)s' is not an id.") % {"value": row[0]}) from error
        keyed.append((key, *row[1:]))
    return keyed


def _phone_rows(value):
    rows = _json_rows(value, 4)
    for _id, number, phone_type, note in rows:
        if not number or len(number) > 30:
            raise CellError(_("'%(value)s' is too long for a phone number.") % {"value": number})
        if phone_type not in ServicePhone.PhoneType.values:
            raise CellError(
                _("'%(value)s' is not one of %(choices)s.")
                % {"value": phone_type, "choices": ", ".join(ServicePhone.PhoneType.values)}
            )
        _model_check(ServicePhone, "description", note)
    return tuple(rows)


def _language_rows(value, reference):
    rows = _json_rows(value, 3)
    for _id, code, _note in rows:
        if code.lower() not in reference.languages:
            raise CellError(_("'%(value)s' is not a known language code.") % {"value": code})
    return tuple((key, code.lower(), note) for key, code, note in rows)


def parse_fact(key, value, reference, language):
    """A fact cell as the value the import compares and stores; raise CellError."""
    if key in ("status", "access", "fees"):
        return _choice(key, value)
    if key in ("internal", "protection_sensitive", "whole_province"):
        return _boolean(value)
    if key in ("start_date", "end_date", "last_verified"):
        return _date(value)
    if key in ("minimum_age", "maximum_age"):
        return _age(value)
    if key in ("whatsapp", "email", "website", "nationalities"):
        return _model_check(ServicePage, FACT_FIELDS[key], value.strip())
    if key == "phone_rows":
        return _phone_rows(value)
    if key == "language_rows":
        return _language_rows(value, reference)
    if key == "legal_statuses":
        return tuple(sorted({_choice(key, item) for item in _items(value)}))
    if key == "category":
        found = []
        for item in _items(value):
            if item.lower() not in reference.categories:
                raise CellError(_("'%(value)s' is not a category code.") % {"value": item})
            found.append(item.lower())
        return tuple(sorted(set(found)))
    if key == "languages":
        codes = []
        for item in _items(value):
            if item.lower() not in reference.languages:
                raise CellError(_("'%(value)s' is not a known language code.") % {"value": item})
            if item.lower() not in codes:
                codes.append(item.lower())
        return tuple(codes)
    if key == "population_groups":
        return tuple(sorted(set(_items(value))))
    if key == "phones":
        numbers = tuple(_items(value))
        for number in numbers:
            if len(number) > 30:
                raise CellError(
                    _("'%(value)s' is too long for a phone number.") % {"value": number}
                )
        return numbers
    if key == "hours":
        try:
            return tuple(parse_hours(value))
        except HoursError as error:
            raise CellError(
                _(
                    "cannot read '%(part)s'; write the hours like "
                    "'Pzt-Cum 09:00-17:00; Cmt 10:00-13:00'."
                )
                % {"part": error.part}
            ) from error
    raise KeyError(key)


def empty_fact(key):
    """What an empty cell means for a fact: no value, no rows, or no."""
    if key in ("internal", "protection_sensitive", "whole_province"):
        return False
    if key in ("start_date", "end_date", "last_verified", "minimum_age", "maximum_age"):
        return None
    if key in ("status", "access", "fees"):
        return ServicePage._meta.get_field(FACT_FIELDS[key]).default
    if key in ("whatsapp", "email", "website", "nationalities"):
        return ""
    return ()


# --- Rows -----------------------------------------------------------------------------------


@dataclass
class ParsedRow:
    number: int
    agency_key: object = None
    hsds_id: uuid.UUID | None = None
    facts: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)
    locale_words: dict = field(default_factory=dict)
    location: dict | None = None
    given: set = field(default_factory=set)  # columns with a value in this row


def parse_row(number, cells, headers, reference, options, problems):
    """One row read cell by cell; each mistake becomes a Problem."""
    parsed = ParsedRow(number)
    parsed.given = set(cells)

    def problem(column, message):
        problems.append(Problem(number, column, cells.get(column, ""), str(message)))

    agency_text = cells.get("agency", "")
    if agency_text:
        keys = reference.agency_names.get(fold_for_search(agency_text), set())
        if len(keys) > 1:
            problem(
                "agency", _("several agencies are called '%(value)s'.") % {"value": agency_text}
            )
        elif not keys:
            problem("agency", _("no agency is called '%(value)s'.") % {"value": agency_text})
        else:
            parsed.agency_key = next(iter(keys))
            if options.agency is not None and parsed.agency_key != options.agency.translation_key:
                problem(
                    "agency",
                    _("this import is for %(agency)s only.") % {"agency": options.agency.title},
                )
    elif options.agency is not None:
        parsed.agency_key = options.agency.translation_key
    allowed = options.allowed_agency_keys
    if parsed.agency_key is not None and allowed is not None and parsed.agency_key not in allowed:
        problem("agency", _("you may only import the services of your own agency."))
        parsed.agency_key = None
    if cells.get("hsds_id"):
        try:
            parsed.hsds_id = uuid.UUID(cells["hsds_id"])
        except ValueError:
            problem(
                "hsds_id",
                _("'%(value)s' is not a service id; leave it empty for a new service.")
                % {"value": cells["hsds_id"]},
            )
    for key in headers:
        column = COLUMNS_BY_KEY.get(key)
        if column is None or column.kind != "fact":
            continue
        value = cells.get(key, "")
        try:
            parsed.facts[key] = (
                parse_fact(key, value, reference, options.language) if value else empty_fact(key)
            )
        except CellError as error:
            problem(key, error)
    for stem in WORD_STEMS:
        for code in LANGUAGE_CODES:
            value = normalise_text(cells.get(f"{stem}_{code}", ""))
            if not value:
                continue
            try:
                _model_check(ServicePage, PAGE_WORD_FIELDS[stem], value)
            except CellError as error:
                problem(f"{stem}_{code}", error)
            parsed.words.setdefault(code, {})[stem] = value
    for key, field_name in LOCALE_WORD_FIELDS.items():
        if key in headers:
            value = normalise_text(cells.get(key, ""))
            try:
                parsed.locale_words[key] = _model_check(ServicePage, field_name, value)
            except CellError as error:
                problem(key, error)
    if any(cells.get(key) for key in LOCATION_KEYS):
        parsed.location = parse_location(cells, headers, reference, problem)
    return parsed


def parse_location(cells, headers, reference, problem):
    """The row's place, checked as the location form checks it (ServiceLocation.clean): the
    district lies in the province and the coordinates inside it."""
    location = {key: cells.get(key, "") for key in LOCATION_KEYS if key in headers}
    province = district = None
    province_text = cells.get("province", "")
    if not province_text:
        problem("province", _("a place needs its province."))
    else:
        province = reference.provinces.get(fold_for_search(province_text))
        if province is None:
            problem(
                "province",
                _("%(value)s is not one of the provinces of the region.")
                % {"value": province_text},
            )
    district_text = cells.get("district", "")
    if not district_text:
        problem("district", _("a place needs its district."))
    elif province is not None:
        district = reference.districts.get((province.pk, fold_for_search(district_text)))
        if district is None:
            problem(
                "district",
                _("%(district)s is not a district of %(province)s.")
                % {"district": district_text, "province": province.name},
            )
    if not cells.get("address"):
        problem("address", _("a place needs its street address."))
    for key in ("latitude", "longitude"):
        if cells.get(key):
            try:
                location[key] = _number(cells[key])
            except CellError as error:
                problem(key, error)
                return location
        else:
            location[key] = None
    if "wheelchair" in location:
        try:
            location["wheelchair"] = (
                _boolean(location["wheelchair"]) if location["wheelchair"] else False
            )
        except CellError as error:
            problem("wheelchair", error)
    if cells.get("location_id"):
        try:
            location["location_id"] = str(uuid.UUID(cells["location_id"]))
        except ValueError:
            problem("location_id", _("'%(value)s' is not an id.") % {"value": cells["location_id"]})
    for key, name in LOCATION_EXTRA_FIELDS.items():
        if key != "wheelchair" and cells.get(key):
            try:
                _model_check(ServiceLocation, name, cells[key])
            except CellError as error:
                problem(key, error)
    if province is not None:
        location["province"] = province.name
    if district is not None:
        location["district"] = district.name
        candidate = ServiceLocation(
            address_1=cells.get("address", ""),
            province=province,
            district=district,
            postal_code=cells.get("postal_code", ""),
            latitude=location.get("latitude"),
            longitude=location.get("longitude"),
        )
        try:
            candidate.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problem(name, " ".join(messages))
        for key, name in (("address", "address_1"), ("postal_code", "postal_code")):
            if cells.get(key):
                try:
                    _model_check(ServiceLocation, name, cells[key])
                except CellError as error:
                    problem(key, error)
        location["_district"] = district
    return location


@dataclass
class ImportOptions:
    """Who imports, in which language, for which agency."""

    language: str = "en"
    agency: AgencyPage | None = None  # the source page of the one agency imported, if any
    user: object = None
    allowed_agency_keys: set | None = None
