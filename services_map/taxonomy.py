"""The directory's vocabularies (categories, places, languages, population groups) in one
cached snapshot per language, so a search page spends no queries on labels and choices."""

import bisect
from functools import lru_cache
from operator import itemgetter

from babel import Locale as BabelLocale
from babel.core import UnknownLocaleError
from django.core.cache import cache
from django.db.models import Avg
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.text import fold_for_search
from iswg_portal.core.translation import best_translations, fallback_languages

from .cache_version import current_version
from .models import (
    District,
    Language,
    Province,
    ServiceCategory,
    ServiceLocation,
    ServicePopulationGroup,
    ServiceSchedule,
)
from .models.snippets import PLACE_NAME_FIELDS, place_label

CACHE_SECONDS = 60 * 60
# Part of the cache key: a snapshot cached by an earlier release of the code, in another shape,
# is never read (the directory's version outlives a deployment).
SNAPSHOT_FORMAT = 2

# Labels of the population groups services are usually tagged with, so they show in the
# visitor's language; other tags show as the editors wrote them.
POPULATION_GROUP_LABELS = {
    "children": _("Children"),
    "women-at-risk": _("Women at risk"),
    "women": _("Women"),
    "persons-with-disabilities": _("Persons with disabilities"),
    "older-persons": _("Older persons"),
    "lgbtiq": _("LGBTIQ+"),
    "youth": _("Youth"),
    "families": _("Families"),
    "men": _("Men"),
    "all": _("Everyone"),
}


@lru_cache(maxsize=512)
def language_name_for(code, english_name, visitor_code):
    """The name of a spoken language in the visitor's language, from the Unicode CLDR data
    Babel carries ("التركية" for tr in Arabic), or its English name where CLDR has none."""
    try:
        names = BabelLocale.parse(visitor_code.replace("-", "_")).languages
    except (UnknownLocaleError, ValueError):
        return english_name
    return names.get(code) or english_name


def spoken_language_names(code, name, native_name, visitor_code):
    """The names a language a service speaks is listed by: (in itself, in the visitor's words),
    each "" where it is not shown: no name in itself, or the visitor's words say the same."""
    local = language_name_for(code, name, visitor_code)
    if not native_name:
        return "", local
    if native_name.casefold() == local.casefold():
        return native_name, ""
    return native_name, local


def spoken_language_label(code, name, native_name, visitor_code):
    """How a language a service speaks is listed: in itself, and in the visitor's words when
    they differ ("Türkçe (التركية)")."""
    native, local = spoken_language_names(code, name, native_name, visitor_code)
    return f"{native} ({local})" if native and local else native or local


class Taxonomy:
    """Vocabularies of the directory as plain data, labelled for one language."""

    def __init__(self, data, snapshot_key=None):
        self.__dict__.update(data)
        # Names this snapshot (its version and language) for what is built from it once per
        # process, such as the index of place names (search/places.py); None: build afresh.
        self.snapshot_key = snapshot_key
        self.province_by_slug = {p["slug"]: p for p in self.provinces}
        self.district_by_id = {d["id"]: d for d in self.districts}
        self.language_by_code = {lang["code"]: lang for lang in self.languages}
        self.category_by_slug = {}
        for sector in self.sectors:
            self.category_by_slug[sector["slug"]] = sector
            for child in sector["children"]:
                self.category_by_slug.setdefault(child["slug"], child)
        self.group_slugs = {g["slug"] for g in self.groups}

    def category_ids_for(self, slugs):
        """Category ids a filter on these slugs matches; a sector brings its types along."""
        ids = []
        for slug in slugs:
            category = self.category_by_slug.get(slug)
            if category:
                ids.append(category["id"])
                ids.extend(child["id"] for child in category.get("children", []))
        return ids

    def last_opening_change(self, moment):
        """The latest time at or before `moment`, on its weekday, when any service opens or
        closes: the set of services open now stays the same until the next such time."""
        times = self.opening_changes.get(moment.isoweekday(), [])
        index = bisect.bisect_right(times, moment.time().isoformat())
        return times[index - 1] if index else None

    def category_labels(self, translation_keys):
        """Names of categories in this language, in taxonomy order."""
        wanted = {str(key) for key in translation_keys}
        return [name for key, name in self.category_order if key in wanted]


# Snapshots this process has read, by cache key (version and language): a search page would
# otherwise read and unpickle the same 70 KB from the shared cache twice per request. Only the
# newest few are kept; a new version's key never meets an old one's entry.
_in_process = {}
IN_PROCESS_SNAPSHOTS = 12


def taxonomy_for(locale):
    """The snapshot for a wagtail Locale (read-only), from this process or the shared cache
    when it is there."""
    version = current_version()
    key = f"directory-taxonomy:{SNAPSHOT_FORMAT}:{version}:{locale.language_code}"
    taxonomy = _in_process.get(key)
    if taxonomy is not None:
        return taxonomy
    data = cache.get(key)
    if data is None:
        with translation.override(locale.language_code):
            data = build_snapshot(locale)
        cache.set(key, data, CACHE_SECONDS)
    taxonomy = Taxonomy(data, snapshot_key=key)
    if len(_in_process) >= IN_PROCESS_SNAPSHOTS:
        _in_process.pop(next(iter(_in_process)))
    _in_process[key] = taxonomy
    return taxonomy


def place_data(row, language_code):
    """A province's or district's row as the snapshot keeps it: its names in every script, the
    other spellings as a list, all of them folded for search (`spellings`, see search/places.py)
    and its label in the visitor's language ("إزمير (İzmir)")."""
    other_names = [line.strip() for line in row["other_names"].splitlines() if line.strip()]
    names = [row[field] for field in ("name", *PLACE_NAME_FIELDS["ps"])] + other_names
    spellings = []
    for name in names:
        folded = fold_for_search(name)
        if folded and folded not in spellings:
            spellings.append(folded)
    return dict(
        row,
        other_names=other_names,
        spellings=spellings,
        label=place_label(row, language_code),
    )


def build_snapshot(locale):
    """Read the vocabularies from the database for one language, each list in the
    alphabetical order of that language (core/collation.py)."""
    default = Locale.get_default()
    # Each category named in the nearest language that names it (core/translation.py).
    named = ServiceCategory.objects.filter(
        locale__language_code__in=fallback_languages(locale.language_code)
    ).select_related("locale")
    local_names = {
        category.translation_key: category.name
        for category in best_translations(named, locale.language_code)
    }
    rows = list(
        ServiceCategory.objects.filter(locale=default)
        .order_by("name")
        .values("id", "slug", "name", "parent_id", "translation_key")
    )
    for row in rows:
        row["name"] = local_names.get(row["translation_key"], row["name"])
    rows = sorted_by_name(rows, locale.language_code, key=itemgetter("name"))
    sectors = [dict(row, children=[]) for row in rows if row["parent_id"] is None]
    by_id = {sector["id"]: sector for sector in sectors}
    for row in rows:
        if row["parent_id"] in by_id:
            by_id[row["parent_id"]]["children"].append(dict(row))
    category_order = []
    for sector in sectors:
        category_order.append((str(sector["translation_key"]), sector["name"]))
        category_order.extend(
            (str(child["translation_key"]), child["name"]) for child in sector["children"]
        )

    place_names = ("name", *PLACE_NAME_FIELDS["ps"], "other_names")
    provinces = [
        place_data(row, locale.language_code)
        for row in Province.objects.order_by("name").values(
            "id", "slug", "latitude", "longitude", *place_names
        )
    ]
    # In the order of the names the visitor reads ("إزمير (İzmir)" in Arabic).
    provinces = sorted_by_name(provinces, locale.language_code, key=itemgetter("label"))
    centres = {p["id"]: (p["latitude"], p["longitude"]) for p in provinces}
    middles = {
        row["district_id"]: (row["lat"], row["lng"])
        for row in ServiceLocation.objects.filter(
            latitude__isnull=False, page__is_protection_sensitive=False
        )
        .values("district_id")
        .annotate(lat=Avg("latitude"), lng=Avg("longitude"))
        .order_by()
    }
    districts = [
        dict(
            place_data(row, locale.language_code),
            point=middles.get(row["id"]) or centres.get(row["province_id"]),
        )
        for row in District.objects.order_by("name").values(
            "id", "slug", "province_id", *place_names
        )
    ]
    districts = sorted_by_name(districts, locale.language_code, key=itemgetter("label"))
    languages = [
        dict(
            row,
            label=spoken_language_label(
                row["code"], row["name"], row["native_name"], locale.language_code
            ),
        )
        for row in Language.objects.order_by("name").values("id", "code", "name", "native_name")
    ]
    languages = sorted_by_name(languages, locale.language_code, key=itemgetter("label"))
    tags = (
        ServicePopulationGroup.objects.values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )
    groups = [
        {"slug": slug, "label": str(POPULATION_GROUP_LABELS.get(slug, name))} for slug, name in tags
    ]
    groups = sorted_by_name(groups, locale.language_code, key=itemgetter("label"))
    opening_changes = {}
    periods = ServiceSchedule.objects.values_list("weekday", "opens_at", "closes_at").distinct()
    for weekday, opens_at, closes_at in periods:
        opening_changes.setdefault(weekday, set()).update(
            (opens_at.isoformat(), closes_at.isoformat())
        )
    return {
        "opening_changes": {day: sorted(times) for day, times in opening_changes.items()},
        "sectors": sectors,
        "category_order": category_order,
        "provinces": provinces,
        "districts": districts,
        "languages": languages,
        "groups": groups,
    }
