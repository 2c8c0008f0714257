"""Searches that found nothing or one service, kept for the co-chairs' report "What people
looked for and did not find" (issue 16, point 8).

A search is recorded as what was looked for, never who looked: the day, the directory's
language, the folded words, the filters and the provinces chosen, and how many services it
found. No address, session, account, browser or time of day is kept, and words that may be a
phone or identity number or an e-mail address are left out. At most SEARCH_MISS_DAILY_LIMIT
searches are kept a day, so a script cannot fill the database, and none older than
SEARCH_MISS_RETENTION_DAYS (`prune_search_misses`, run daily).
"""

import datetime
import logging
import re

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncWeek

from iswg_portal.core.page_cache import skip_page_cache
from iswg_portal.core.text import fold_for_search
from iswg_portal.core.time import local_today

from .models import SearchMiss
from .reference_data import slugify_turkish
from .search import BOOLEAN_FACETS

logger = logging.getLogger(__name__)

# Searches finding more than this are not misses.
MOST_RESULTS_RECORDED = 1
MAX_WORDS = 8
MAX_WORDS_LENGTH = SearchMiss._meta.get_field("words").max_length
MAX_FILTERS_LENGTH = SearchMiss._meta.get_field("filters").max_length
MAX_PROVINCES_LENGTH = SearchMiss._meta.get_field("provinces").max_length
# A query holding this many digits in all may be a phone number (0532 123 45 67) or an identity
# number; a street (1203 sokak) or a year holds fewer.
NUMBER_DIGITS = 7
DIGIT = re.compile(r"\d")


def recordable_words(text):
    """The words of a query as the report keeps them: folded, at most MAX_WORDS of them and
    MAX_WORDS_LENGTH characters, without what may identify a person (an e-mail address or
    handle; every word with a digit when the query holds NUMBER_DIGITS digits or more)."""
    kept = " ".join(token for token in (text or "").split() if "@" not in token)
    words = fold_for_search(kept).split()
    if len(DIGIT.findall(" ".join(words))) >= NUMBER_DIGITS:
        words = [word for word in words if not DIGIT.search(word)]
    return " ".join(words[:MAX_WORDS])[:MAX_WORDS_LENGTH].strip()


def chosen_districts(params, taxonomy):
    """(province slug, district slug) of each district filter, in a stable order, read from the
    directory's vocabulary (no query)."""
    province_slugs = {province["id"]: province["slug"] for province in taxonomy.provinces}
    chosen = []
    for pk in params.districts:
        district = taxonomy.district_by_id.get(pk)
        if district:
            # A vocabulary cached before districts carried their slug gives the same from the name.
            slug = district.get("slug") or slugify_turkish(district["name"])
            chosen.append((province_slugs.get(district["province_id"], ""), slug))
    return sorted(chosen)


def describe_filters(params, districts):
    """The filters of a search as short normalised text, the same whatever their order in the
    link: "categories=health,legal-aid districts=izmir/buca free"."""
    parts = []
    for name in ("categories", "provinces", "languages", "groups"):
        values = sorted(str(value) for value in getattr(params, name))
        if values:
            parts.append(f"{name}={','.join(values)}")
    if districts:
        parts.append("districts=" + ",".join(f"{province}/{slug}" for province, slug in districts))
    parts.extend(name for name in BOOLEAN_FACETS if getattr(params, name))
    return " ".join(parts)[:MAX_FILTERS_LENGTH]


def chosen_provinces(params, districts):
    """Slugs of the provinces a search was limited to: those chosen and those of the districts
    chosen, comma-separated in alphabetical order."""
    slugs = set(params.provinces) | {province for province, _slug in districts}
    return ",".join(sorted(slugs))[:MAX_PROVINCES_LENGTH]


def is_recorded(request, params, results):
    """True for a visitor's search worth recording: on its first page, with words or filters,
    that found nothing or one service. Editors' previews are not visitors' searches."""
    if getattr(request, "is_preview", False) or params.page != 1:
        return False
    if not (params.q.strip() or params.active_filters()):
        return False
    return results.total <= MOST_RESULTS_RECORDED


def record_search_miss(request, params, results, language, taxonomy):
    """Record the search if it is a miss (is_recorded). Never fails the page: a failed write is
    logged as a warning and the page is shown as if nothing had happened."""
    if not is_recorded(request, params, results):
        return False
    # Each visitor's miss counts in the report: such a page is built every time, never kept.
    skip_page_cache(request)
    try:
        districts = chosen_districts(params, taxonomy)
        row = {
            "day": local_today(),
            "language": language,
            "words": recordable_words(params.q),
            "filters": describe_filters(params, districts),
            "provinces": chosen_provinces(params, districts),
            "result_count": results.total,
        }
        if connection.in_atomic_block:
            # Inside a transaction (a test's, or ATOMIC_REQUESTS), a failed statement would
            # void the rest of it on PostgreSQL: a savepoint keeps it usable. Requests run in
            # autocommit, where the one statement needs none.
            with transaction.atomic():
                return store_search_miss(row)
        return store_search_miss(row)
    except Exception:  # noqa: BLE001 - a statistic must never cost a visitor their search page
        logger.warning("Could not record a directory search without results", exc_info=True)
        return False


def store_search_miss(row):
    """Write one SearchMiss with the values in `row`, unless SEARCH_MISS_DAILY_LIMIT rows exist
    for its day; True if it was written.

    One statement (INSERT ... SELECT ... WHERE the day's count is below the limit) rather than
    a count and an insert: it is paid by a visitor's search page, whose queries are counted."""
    table = connection.ops.quote_name(SearchMiss._meta.db_table)
    names = list(row)
    columns = ", ".join(
        connection.ops.quote_name(SearchMiss._meta.get_field(name).column) for name in names
    )
    day = connection.ops.quote_name(SearchMiss._meta.get_field("day").column)
    placeholders = ", ".join(["%s"] * len(names))
    # Only the model's own table and column names are written into the text; values are
    # parameters.
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {placeholders} WHERE "  # noqa: S608
        f"(SELECT COUNT(*) FROM {table} WHERE {day} = %s) < %s"
    )
    values = {
        name: SearchMiss._meta.get_field(name).get_db_prep_value(value, connection)
        for name, value in row.items()
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values.values(), values["day"], settings.SEARCH_MISS_DAILY_LIMIT])
        return cursor.rowcount == 1


def prune_search_misses(today=None, *, dry_run=False):
    """Delete the searches recorded more than SEARCH_MISS_RETENTION_DAYS days before today;
    return how many there were."""
    today = today or local_today()
    cutoff = today - datetime.timedelta(days=settings.SEARCH_MISS_RETENTION_DAYS)
    old = SearchMiss.objects.filter(day__lt=cutoff)
    if dry_run:
        return old.count()
    deleted, _by_model = old.delete()
    return deleted


# --- The report -------------------------------------------------------------------------------


def iso_week(day):
    """The ISO week of a date as ISO 8601 writes it: '2026-W05'."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(label):
    """(Monday, Sunday) of an ISO week written '2026-W05'; ValueError for anything else."""
    match = re.fullmatch(r"(\d{4})-W(\d{2})", label or "")
    if not match:
        raise ValueError(f"Not an ISO week: {label!r}")
    year, week = int(match[1]), int(match[2])
    monday = datetime.date.fromisocalendar(year, week, 1)
    return monday, monday + datetime.timedelta(days=6)


def province_q(slug):
    """Searches limited to this province (alone or with others)."""
    return (
        Q(provinces=slug)
        | Q(provinces__startswith=f"{slug},")
        | Q(provinces__endswith=f",{slug}")
        | Q(provinces__contains=f",{slug},")
    )


def report_weeks(today=None):
    """The ISO weeks from the one of the oldest recorded search to this one, newest first, as
    (label, Monday): what a range of weeks in the report may start and end with."""
    today = today or local_today()
    this_monday = today - datetime.timedelta(days=today.weekday())
    oldest = SearchMiss.objects.aggregate(oldest=Min("day"))["oldest"] or today
    monday = oldest - datetime.timedelta(days=oldest.weekday())
    weeks = []
    while monday <= this_monday:
        weeks.append((iso_week(monday), monday))
        monday += datetime.timedelta(days=7)
    return weeks[::-1]


def grouped_misses(queryset=None):
    """Searches counted by ISO week, language, provinces, words, filters and result count:
    newest week first, then by language and province, the most frequent search first within
    each. Each row is a dict with `week` (its Monday) and `times`."""
    queryset = SearchMiss.objects.all() if queryset is None else queryset
    return (
        queryset.annotate(week=TruncWeek("day"))
        .values("week", "language", "provinces", "words", "filters", "result_count")
        .annotate(times=Count("pk"))
        .order_by("-week", "language", "provinces", "-times", "words", "filters", "result_count")
    )
