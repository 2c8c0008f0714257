"""The HSDS API's views: each parses its parameters, asks queries.py, pages and renders through
mapping.py. `hsds_endpoint` gives them what every answer shares: GET, HEAD and OPTIONS only,
parameters checked before anything is read, the rate limit, the language, ETag and
Last-Modified with 304, caching and CORS headers, and JSON errors that name the parameter."""

import datetime
import functools
import hashlib
import json
import uuid
from dataclasses import dataclass

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.views.decorators.csrf import csrf_exempt

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.text import fold_for_search

from ..cache_version import current_version
from ..taxonomy import Taxonomy
from . import documents, queries
from .export_files import EXPORT_FORMATS, open_export
from .mapping import (
    HSDS_VERSION,
    loaded_to_hsds,
    minimal_service,
    organization_to_hsds,
    service_at_location_id,
    service_at_location_to_hsds,
    taxonomies_to_hsds,
    taxonomy_terms,
)
from .paging import Paging, ParameterError, page_of, paging_from, whole_list
from .queries import locale_taxonomy
from .three_w import HXL_SCHEMA

ALLOWED_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_TYPE = "application/json; charset=utf-8"
NDJSON_TYPE = "application/x-ndjson; charset=utf-8"
MAX_AGE = 300
RATE_LIMIT_ACTION = "hsds_api"
# Parameters of the reference that this API does not offer (the profile says so).
UNSUPPORTED = ("postcode", "proximity")
# See answer_urls.py.
ANSWER_URLCONF = "services_map.hsds.answer_urls"
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


# --- What every answer shares -----------------------------------------------------------------


def json_response(data, status=200):
    """A JSON answer, UTF-8 as written (Arabic stays Arabic)."""
    body = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    return HttpResponse(body, content_type=JSON_TYPE, status=status)


def error_response(status, message, parameter=None):
    """A JSON error; `parameter` names the query parameter at fault."""
    error = {"status": status, "message": message}
    if parameter:
        error["parameter"] = parameter
    return json_response({"error": error}, status=status)


def with_cors(response):
    """Anyone's page may read the API: no cookies, no credentials."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Content-Language, Retry-After"
    return response


def request_language(request):
    """The language asked for by `?locale=`, else the Accept-Language header, else the
    default; an unknown `locale` is a ParameterError."""
    languages = dict(settings.LANGUAGES)
    asked = request.GET.get("locale", "")
    if asked:
        if asked not in languages:
            raise ParameterError(
                "locale", f"locale must be one of {', '.join(languages)}, not {asked!r}."
            )
        return asked
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for accepted, _quality in translation.trans_real.parse_accept_lang_header(header):
        if accepted == "*":
            break
        try:
            return translation.get_supported_language_variant(accepted)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def check_query(request):
    """No NUL byte anywhere, and no value for the parameters the API does not offer."""
    if "\x00" in request.path or any(
        "\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values
    ):
        raise ParameterError(None, "The request holds a NUL byte.")
    for name in UNSUPPORTED:
        if request.GET.get(name):
            raise ParameterError(name, f"{name} is not supported by this API (see its profile).")


def rate_limited(request):
    """None when the request may go on; else the 429 answer. Anonymous requests count per
    client address (allauth's counting, behind TRUSTED_PROXY_COUNT proxies) in the shared
    cache at HSDS_API_RATE; signed-in members are not counted."""
    rate = settings.HSDS_API_RATE
    if not rate:
        return None
    # Reading the user opens the session: only for a request that carries one.
    if settings.SESSION_COOKIE_NAME in request.COOKIES and is_member(request.user):
        return None
    config = {RATE_LIMIT_ACTION: f"{rate}/ip"}
    usage = ratelimit.consume(
        request, app="allauth.account", action=RATE_LIMIT_ACTION, config=config, limit_get=True
    )
    if usage is not None:
        return None
    response = error_response(429, f"Too many requests: at most {rate} from one address.")
    response["Retry-After"] = str(int(ratelimit.parse_rate(f"{rate}/ip").duration))
    return response


def changed_at():
    """When what the API says last changed, at the latest: the moment this server first
    answered under the directory's current version (which changes with every publication,
    unpublication, move or restriction) and today's date (a service's end date passes)."""
    key = f"hsds-changed-at:{current_version()}:{timezone.localdate().isoformat()}"
    moment = cache.get(key)
    if moment is None:
        cache.add(key, timezone.now().replace(microsecond=0), 2 * 24 * 60 * 60)
        moment = cache.get(key) or timezone.now().replace(microsecond=0)
    return moment


def entity_tag(request, language):
    """The ETag of the answer, known before anything is rendered: the directory's version,
    today's date, the language and the request's URL."""
    parts = (
        current_version(),
        timezone.localdate().isoformat(),
        language,
        request.build_absolute_uri(request.path),
        "&".join(sorted(f"{key}={value}" for key, value in request.GET.lists())),
    )
    digest = hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def hsds_endpoint(view):
    """The part of every API view that is not its own (see the module's docstring)."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.urlconf = ANSWER_URLCONF
        if request.method not in ALLOWED_METHODS:
            response = error_response(405, f"{request.method} is not allowed here.")
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            return with_cors(response)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Methods"] = ", ".join(ALLOWED_METHODS)
            response["Access-Control-Allow-Headers"] = (
                "Accept, Accept-Language, If-None-Match, If-Modified-Since"
            )
            response["Access-Control-Max-Age"] = "86400"
            return with_cors(response)
        response = rate_limited(request)
        if response is not None:
            return with_cors(response)
        try:
            check_query(request)
            language = request_language(request)
        except ParameterError as error:
            return with_cors(error_response(error.status, error.message, error.parameter))
        etag = entity_tag(request, language)
        last_modified = changed_at()
        response = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified.timestamp())
        )
        if response is None:
            with translation.override(language):
                try:
                    response = view(request, language, *args, **kwargs)
                except ParameterError as error:
                    response = error_response(error.status, error.message, error.parameter)
                except Http404 as error:
                    response = error_response(404, str(error) or "Not found.")
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified.timestamp())
            response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        response["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return with_cors(response)

    return wrapper


# --- Parameters -------------------------------------------------------------------------------


def boolean(request, name):
    """A true/false parameter (false when absent)."""
    raw = request.GET.get(name, "").lower()
    if raw == "":
        return False
    if raw not in BOOLEANS:
        raise ParameterError(name, f"{name} must be true or false.")
    return BOOLEANS[raw]


def uuid_parameter(request, name):
    """A UUID parameter, or None when absent."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ParameterError(name, f"{name} must be a UUID.") from None


def path_uuid(raw):
    """A UUID in the path; anything else finds nothing."""
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise Http404("No such id.") from None


def moment_parameter(request, name):
    """An ISO 8601 date-time with its offset, or a date (its start in Istanbul); None when
    absent."""
    raw = request.GET.get(name, "")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise ParameterError(
            name, f"{name} must be an ISO 8601 date-time with its offset, or a date."
        )
    if timezone.is_naive(moment):
        if len(raw) > 10:
            raise ParameterError(name, f"{name} must give its offset from UTC, e.g. +03:00.")
        moment = timezone.make_aware(moment)
    return moment


def search_text(request):
    """The words of `search`, at most 200 characters of them."""
    return request.GET.get("search", "")[:200]


def output_format(request):
    """`json` (pages) or `ndjson` (everything streamed, one object a line)."""
    chosen = request.GET.get("format", "") or "json"
    if chosen not in ("json", "ndjson"):
        raise ParameterError("format", "format must be json or ndjson.")
    return chosen


def service_filters(request, taxonomy):
    """The filters of services a list request asks for."""
    return queries.ServiceFilters(
        search=search_text(request),
        taxonomy_term_id=uuid_parameter(request, "taxonomy_term_id"),
        taxonomy_id=uuid_parameter(request, "taxonomy_id"),
        organization_id=uuid_parameter(request, "organization_id"),
        modified_after=moment_parameter(request, "modified_after"),
        population_slugs=queries.population_slugs(taxonomy),
    )


def stream(objects):
    """One JSON object a line."""
    return StreamingHttpResponse(
        (json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n" for item in objects),
        content_type=NDJSON_TYPE,
    )


@dataclass
class ServicesAsked:
    """What a list of services (or of services at locations) asks for."""

    taxonomy: Taxonomy
    filters: queries.ServiceFilters
    format: str
    full: bool
    paging: Paging
    today: datetime.date

    @classmethod
    def of(cls, request, language):
        taxonomy = locale_taxonomy(language)
        return cls(
            taxonomy=taxonomy,
            filters=service_filters(request, taxonomy),
            format=output_format(request),
            full=boolean(request, "full"),
            paging=paging_from(request.GET),
            today=timezone.localdate(),
        )


# --- Endpoints --------------------------------------------------------------------------------


@hsds_endpoint
def api_root(request, language):
    """What the API is: its HSDS version, profile and OpenAPI document."""
    return json_response(
        {
            "version": HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("hsds:profile")),
            "openapi_url": request.build_absolute_uri(reverse("hsds:openapi")),
        }
    )


@hsds_endpoint
def service_list(request, language):
    """A page of services (or all of them, with `minimal` or `format=ndjson`)."""
    asked = ServicesAsked.of(request, language)
    minimal = boolean(request, "minimal")
    full, paging, today = asked.full, asked.paging, asked.today
    rows = queries.filtered_services(asked.filters, today)

    def render(loaded):
        if minimal:
            return minimal_service(loaded.page, loaded.last_modified, today)
        return loaded_to_hsds(loaded, language, full, asked.taxonomy, today)

    if asked.format == "ndjson":
        services = queries.stream_services(rows, language, full=full, today=today)
        return stream(render(loaded) for loaded in services)
    if minimal:
        services = queries.stream_services(rows, language, full=False, today=today)
        return json_response(whole_list(render(loaded) for loaded in services))
    keys = queries.service_keys(rows)
    total = keys.count()
    loaded = queries.load_services(
        keys[paging.start : paging.stop], language, full=full, today=today
    )
    return json_response(page_of(total, paging, [render(item) for item in loaded]))


@hsds_endpoint
def service_detail(request, language, service_id):
    """One service, fully nested."""
    key = path_uuid(service_id)
    loaded = queries.load_services([key], language, today=timezone.localdate())
    if not loaded:
        raise Http404("No such service.")
    return json_response(loaded_to_hsds(loaded[0], language, True, locale_taxonomy(language)))


def organizations_with_services(agencies, language, full, taxonomy):
    """The agencies as HSDS organizations with their published services nested (their
    one-to-one fields, or everything with `full`)."""
    today = timezone.localdate()
    services = queries.services_of_agencies(agencies, language, full=full, today=today)
    return [
        organization_to_hsds(
            agency,
            [
                loaded_to_hsds(loaded, language, full, taxonomy, today)
                for loaded in services[agency.translation_key]
            ],
        )
        for agency in agencies
    ]


@hsds_endpoint
def organization_list(request, language):
    """A page of organizations; with `full` their services nested, with `full_service` those
    fully nested."""
    chosen_format = output_format(request)
    full = boolean(request, "full")
    full_service = boolean(request, "full_service")
    paging = paging_from(request.GET)
    keys = queries.agency_keys(search_text(request))
    taxonomy = locale_taxonomy(language) if full_service else None

    def render(agencies):
        if full or full_service:
            return organizations_with_services(agencies, language, full_service, taxonomy)
        return [organization_to_hsds(agency) for agency in agencies]

    if chosen_format == "ndjson":

        def everything():
            for start in range(0, len(keys), queries.STREAM_BATCH):
                batch = keys[start : start + queries.STREAM_BATCH]
                yield from render(queries.load_agencies(batch, language))

        return stream(everything())
    agencies = queries.load_agencies(keys[paging.start : paging.stop], language)
    return json_response(page_of(len(keys), paging, render(agencies)))


@hsds_endpoint
def organization_detail(request, language, organization_id):
    """One organization with its services (their one-to-one fields, or fully nested with
    `full_service`)."""
    key = path_uuid(organization_id)
    full_service = boolean(request, "full_service")
    agencies = queries.load_agencies([key], language)
    if not agencies:
        raise Http404("No such organization.")
    taxonomy = locale_taxonomy(language) if full_service else None
    return json_response(organizations_with_services(agencies, language, full_service, taxonomy)[0])


def listed_in_memory(request, items, text_of):
    """A list kept in memory (taxonomies, terms): those whose text (`text_of`) holds every
    folded word of `search`, paged or streamed."""
    paging = paging_from(request.GET)
    chosen_format = output_format(request)
    words = fold_for_search(search_text(request)).split()
    items = [
        item for item in items if all(word in fold_for_search(text_of(item)) for word in words)
    ]
    if chosen_format == "ndjson":
        return stream(items)
    return json_response(page_of(len(items), paging, items[paging.start : paging.stop]))


def found_by_id(items, raw_id, what):
    """The item of the list with this id in the path, else a 404."""
    key = str(path_uuid(raw_id))
    for item in items:
        if item["id"] == key:
            return json_response(item)
    raise Http404(f"No such {what}.")


@hsds_endpoint
def taxonomy_list(request, language):
    """The ISWG's two taxonomies."""
    return listed_in_memory(
        request, taxonomies_to_hsds(), lambda item: f"{item['name']} {item['description']}"
    )


@hsds_endpoint
def taxonomy_detail(request, language, taxonomy_id):
    """One taxonomy."""
    return found_by_id(taxonomies_to_hsds(), taxonomy_id, "taxonomy")


@hsds_endpoint
def taxonomy_term_list(request, language):
    """A page of taxonomy terms: of one taxonomy, below one parent, or the top ones only."""
    taxonomy_id = uuid_parameter(request, "taxonomy_id")
    parent_id = uuid_parameter(request, "parent_id")
    top_only = boolean(request, "top_only")
    terms = taxonomy_terms(locale_taxonomy(language), language)
    if taxonomy_id:
        terms = [term for term in terms if term["taxonomy_id"] == str(taxonomy_id)]
    if parent_id:
        terms = [term for term in terms if term.get("parent_id") == str(parent_id)]
    if top_only:
        terms = [term for term in terms if "parent_id" not in term]
    return listed_in_memory(request, terms, lambda term: f"{term['name']} {term['code']}")


@hsds_endpoint
def taxonomy_term_detail(request, language, term_id):
    """One taxonomy term."""
    terms = taxonomy_terms(locale_taxonomy(language), language)
    return found_by_id(terms, term_id, "taxonomy term")


def locations_of(pairs, language, full, taxonomy, today):
    """The services at locations of (service key, location key) pairs, in that order."""
    loaded = queries.load_services(
        list(dict.fromkeys(key for key, _location in pairs)), language, today=today
    )
    by_key = {item.page.translation_key: item for item in loaded}
    results = []
    for service_key, location_key in pairs:
        item = by_key.get(service_key)
        if item is None:
            continue
        location = next(
            (row for row in item.page.locations.all() if row.row_key == location_key), None
        )
        if location is None:
            continue
        service = None
        if full:
            service = loaded_to_hsds(item, language, False, taxonomy, today)
        results.append(service_at_location_to_hsds(item.page, location, service=service))
    return results


@hsds_endpoint
def service_at_location_list(request, language):
    """A page of services at their locations."""
    asked = ServicesAsked.of(request, language)
    taxonomy, full, paging, today = asked.taxonomy, asked.full, asked.paging, asked.today
    pairs = queries.location_pairs(queries.filtered_services(asked.filters, today))
    if asked.format == "ndjson":

        def everything():
            all_pairs = list(pairs)
            for start in range(0, len(all_pairs), queries.STREAM_BATCH):
                batch = all_pairs[start : start + queries.STREAM_BATCH]
                yield from locations_of(batch, language, full, taxonomy, today)

        return stream(everything())
    total = pairs.count()
    contents = locations_of(
        list(pairs[paging.start : paging.stop]), language, full, taxonomy, today
    )
    return json_response(page_of(total, paging, contents))


@hsds_endpoint
def service_at_location_detail(request, language, service_at_location_id_):
    """One service at one of its locations, the service and location nested."""
    wanted = str(path_uuid(service_at_location_id_))
    today = timezone.localdate()
    pairs = queries.location_pairs(queries.published_services(today))
    for service_key, location_key in pairs:
        if service_at_location_id(service_key, location_key) == wanted:
            taxonomy = locale_taxonomy(language)
            found = locations_of([(service_key, location_key)], language, True, taxonomy, today)
            if found:
                return json_response(found[0])
    raise Http404("No such service at location.")


# --- Documents --------------------------------------------------------------------------------


@hsds_endpoint
def openapi(request, language):
    """The official OpenAPI document with the profile, for this site."""
    return json_response(
        documents.openapi_document(
            api_url=request.build_absolute_uri(reverse("hsds:root")),
            schema_url=request.build_absolute_uri(reverse("hsds:schema", args=["x"]))[:-1],
            profile_url=request.build_absolute_uri(reverse("hsds:profile")),
        )
    )


@hsds_endpoint
def schema_file(request, language, name):
    """An HSDS schema file with the profile's patch applied, or its licence and README."""
    if name not in documents.schema_file_names():
        raise Http404("No such schema file.")
    if name.endswith(".json"):
        return json_response(documents.profiled_schema(name))
    text = (documents.SCHEMA_DIR / name).read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@hsds_endpoint
def profile(request, language):
    """The ISWG profile's README."""
    text = (documents.PROFILE_DIR / "README.md").read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/markdown; charset=utf-8")


@hsds_endpoint
def profile_file(request, language, name):
    """One of the profile's JSON Merge Patch files."""
    if name not in documents.profile_file_names():
        raise Http404("No such profile file.")
    return json_response(documents.profile_patch(name))


@hsds_endpoint
def not_found(request, language, rest):
    """Any other path below the API: a JSON 404, not the site's redirect to a language."""
    raise Http404("No such endpoint.")


# --- Exports ----------------------------------------------------------------------------------


def export_response(export_key, language):
    """An export file, as built for the directory's current version (export_files.py)."""
    export = EXPORT_FORMATS[export_key]
    return FileResponse(
        open_export(export, language),
        as_attachment=export.attachment,
        filename=export.file_name(language),
        content_type=export.content_type,
    )


@hsds_endpoint
def export_json(request, language):
    """Every published service, fully nested, as one JSON array."""
    return export_response("json", language)


@hsds_endpoint
def export_zip(request, language):
    """The HSDS Tabular Data Package: datapackage.json and one CSV per table."""
    return export_response("tabular", language)


@hsds_endpoint
def three_w(request, language):
    """The 3W table (who does what where), an HXL hashtag row under its headers."""
    return export_response("3w", language)


@hsds_endpoint
def three_w_xlsx(request, language):
    """The 3W table as an Excel workbook, right to left in Arabic, Persian and Pashto."""
    return export_response("3w-xlsx", language)


@hsds_endpoint
def three_w_schema(request, language):
    """The HXL schema the 3W table follows, for HDX's HXL Proxy or `hxlvalidate`."""
    text = HXL_SCHEMA.read_text(encoding="utf-8")
    return HttpResponse(text, content_type="text/csv; charset=utf-8")
