"""What the HSDS API publishes and how it finds it: the services anyone may see (never an
internal one), filtered as the API's parameters ask, one per translation key, loaded with their
rows in a fixed number of queries whatever the length of the page."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone
from wagtail.models import Locale

from iswg_portal.core.text import fold_for_search
from iswg_portal.core.translation import best_translation, best_translations

from ..models import (
    AgencyPage,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePopulationGroup,
)
from ..models.services import LISTABLE_STATUSES
from ..restrictions import private_sections_q
from ..search.text import analyse_query, texts_match
from ..taxonomy import taxonomy_for
from .mapping import (
    POPULATION_TAXONOMY_ID,
    SECTOR_TAXONOMY_ID,
    plain_text,
    population_term_id,
)

# An ended or closed service stays in the API this long as `inactive`, so partners who sync
# learn that it ended; then it leaves.
INACTIVE_GRACE_DAYS = 90
# How many services a streamed (ndjson) answer loads at a time.
STREAM_BATCH = 100


@dataclass
class ServiceFilters:
    """The API's filters of services; each given one narrows the result (AND)."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime.datetime | None = None
    population_slugs: dict = field(default_factory=dict)


@dataclass
class LoadedService:
    """A service in the reader's best language, its agency in that language, and the latest
    publication of any of its translations."""

    page: ServicePage
    agency: AgencyPage
    last_modified: datetime.datetime | None


def published_services(today=None):
    """The rows, in every language, of the services the API publishes: live, not internal,
    outside restricted sections; listed ones, and closed or ended ones for 90 days."""
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=INACTIVE_GRACE_DAYS)
    cutoff_moment = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    not_ended = Q(end_date__isnull=True) | Q(end_date__gte=today)
    listed = Q(status__in=LISTABLE_STATUSES) & not_ended
    recently_ended = Q(end_date__lt=today, end_date__gte=cutoff)
    recently_closed = Q(status=ServicePage.Status.CLOSED, last_published_at__gte=cutoff_moment) & (
        Q(end_date__isnull=True) | Q(end_date__gte=cutoff)
    )
    return (
        ServicePage.objects.live()
        .filter(is_internal=False)
        .exclude(private_sections_q())
        .filter(listed | recently_ended | recently_closed)
    )


def locale_taxonomy(language):
    """The directory's vocabulary snapshot in this language."""
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    return taxonomy_for(locale)


def filtered_services(filters, today=None):
    """The published rows that meet every given filter."""
    rows = published_services(today)
    if filters.search:
        words = analyse_query([filters.search])
        if words:
            rows = rows.filter(pk__in=texts_match(words))
    if filters.taxonomy_term_id:
        rows = rows.filter(term_condition(filters.taxonomy_term_id, filters.population_slugs))
    if filters.taxonomy_id:
        rows = rows.filter(taxonomy_condition(filters.taxonomy_id))
    if filters.organization_id:
        rows = rows.filter(organization_condition(filters.organization_id))
    if filters.modified_after:
        rows = rows.filter(last_published_at__gte=filters.modified_after)
    return rows


def term_condition(term_id, population_slugs):
    """Services filed under a category, or tagged with a population group, by term id.
    `population_slugs` maps each population group's term id to its tag's slug."""
    slug = population_slugs.get(str(term_id))
    if slug is not None:
        return Q(
            pk__in=ServicePopulationGroup.objects.filter(tag__slug=slug).values("content_object")
        )
    return Q(categories__translation_key=term_id)


def taxonomy_condition(taxonomy_id):
    """Services with any term of one of the two taxonomies."""
    if taxonomy_id == SECTOR_TAXONOMY_ID:
        return Q(categories__isnull=False)
    if taxonomy_id == POPULATION_TAXONOMY_ID:
        return Q(pk__in=ServicePopulationGroup.objects.values("content_object"))
    return Q(pk__in=[])


def organization_condition(*organization_ids):
    """Services below any translation of these agencies."""
    agencies = AgencyPage.objects.filter(translation_key__in=organization_ids).values_list(
        "path", "depth"
    )
    condition = Q(pk__in=[])
    for path, depth in agencies:
        condition |= Q(path__startswith=path, depth=depth + 1)
    return condition


def population_slugs(taxonomy):
    """{term id: tag slug} of the population groups in the directory's snapshot."""
    return {population_term_id(group["slug"]): group["slug"] for group in taxonomy.groups}


def service_keys(rows):
    """The translation keys of these rows, each once, in a stable order (the key itself)."""
    return rows.order_by("translation_key").values_list("translation_key", flat=True).distinct()


def load_services(keys, language, *, full=True, today=None):
    """The services of these translation keys, in that order, each in the translation a reader
    of `language` reads best, with their rows (when `full`) and agency: a fixed number of
    queries."""
    keys = list(keys)
    if not keys:
        return []
    candidates = (
        published_services(today)
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("pk", "translation_key", "last_published_at", "locale__language_code")
    )
    by_key = {}
    for row in candidates:
        by_key.setdefault(row.translation_key, []).append(row)
    chosen = {key: best_translation(rows, language).pk for key, rows in by_key.items()}
    last_modified = {
        key: max((row.last_published_at for row in rows if row.last_published_at), default=None)
        for key, rows in by_key.items()
    }
    pages = ServicePage.objects.filter(pk__in=chosen.values()).select_related("locale")
    if full:
        pages = pages.prefetch_related(
            Prefetch(
                "locations",
                queryset=ServiceLocation.objects.select_related("province", "district"),
            ),
            "schedules",
            "phones",
            Prefetch(
                "service_languages", queryset=ServiceLanguage.objects.select_related("language")
            ),
            "categories",
            Prefetch(
                "tagged_population_groups",
                queryset=ServicePopulationGroup.objects.select_related("tag"),
            ),
        )
    pages = {page.translation_key: page for page in pages}
    agencies = agencies_of(pages.values(), language)
    return [
        LoadedService(
            page=pages[key],
            agency=agencies[pages[key].path[: -ServicePage.steplen]],
            last_modified=last_modified[key],
        )
        for key in keys
        if key in pages
    ]


def agencies_of(services, language):
    """{parent path: the agency in the translation a reader of `language` reads best} for
    these services: two queries."""
    paths = {service.path[: -ServicePage.steplen] for service in services}
    parents = list(AgencyPage.objects.filter(path__in=paths).select_related("locale"))
    translations = (
        AgencyPage.objects.live()
        .filter(translation_key__in={parent.translation_key for parent in parents})
        .select_related("locale")
    )
    best = {agency.translation_key: agency for agency in best_translations(translations, language)}
    return {parent.path: best.get(parent.translation_key, parent) for parent in parents}


def stream_services(rows, language, *, full=True, today=None):
    """Every service of these rows, loaded STREAM_BATCH at a time."""
    keys = list(service_keys(rows))
    for start in range(0, len(keys), STREAM_BATCH):
        yield from load_services(
            keys[start : start + STREAM_BATCH], language, full=full, today=today
        )


def titles_by_language(keys, today=None):
    """{translation key: {language code: title}} of the published translations of these
    services (a language without one is absent): one query."""
    titles = {}
    rows = (
        published_services(today)
        .filter(translation_key__in=list(keys))
        .values_list("translation_key", "locale__language_code", "title")
    )
    for key, language, title in rows:
        titles.setdefault(key, {})[language] = title
    return titles


# --- Organizations ----------------------------------------------------------------------------


def published_agencies():
    """Live agencies outside restricted sections, in every language."""
    return AgencyPage.objects.live().exclude(private_sections_q())


def agency_keys(search=""):
    """The translation keys of the published agencies, in a stable order; with `search`, those
    whose name, acronym or description (in any language) holds every folded word."""
    rows = published_agencies().values_list("translation_key", "title", "acronym", "description")
    words = fold_for_search(search).split()
    texts = {}
    for key, title, acronym, description in rows:
        text = fold_for_search(f"{title} {acronym} {plain_text(description)}")
        texts[key] = f"{texts.get(key, '')} {text}"
    return sorted(
        (key for key, text in texts.items() if all(word in text for word in words)), key=str
    )


def load_agencies(keys, language):
    """The agencies of these keys, in that order, each in its best translation: one query."""
    rows = published_agencies().filter(translation_key__in=list(keys)).select_related("locale")
    best = {agency.translation_key: agency for agency in best_translations(rows, language)}
    return [best[key] for key in keys if key in best]


def services_of_agencies(agencies, language, *, full=True, today=None):
    """{agency translation key: its published services, loaded} for a page of agencies: the
    same number of queries for one agency or a hundred."""
    by_agency = {agency.translation_key: [] for agency in agencies}
    if not by_agency:
        return by_agency
    rows = published_services(today).filter(organization_condition(*by_agency))
    for loaded in stream_services(rows, language, full=full, today=today):
        by_agency.setdefault(loaded.agency.translation_key, []).append(loaded)
    return by_agency


# --- Services at locations --------------------------------------------------------------------


def location_pairs(rows):
    """(service translation key, location row key) of every place of these services, each
    once, in a stable order."""
    return (
        ServiceLocation.objects.filter(page__in=rows.values("pk"))
        .order_by("page__translation_key", "row_key")
        .values_list("page__translation_key", "row_key")
        .distinct()
    )
