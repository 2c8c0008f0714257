"""Facet counts of a directory search: one SQL statement, cached until a service opens or
closes, the day changes or anything is published."""

import hashlib

from django.core.cache import cache
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce

from iswg_portal.core.collation import sort_key

from ..cache_version import current_version
from ..models import (
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePopulationGroup,
)
from .results import BOOLEAN_FACETS, Facet, FacetOption

CategoryLink = ServicePage.categories.through

# The population group of services anyone may come to; a service with no group at all is
# taken to be for everyone too.
EVERYONE = "all"
CACHE_SECONDS = 60 * 60
# Not looked up in the cache yet (None is a lookup that found nothing).
MISSING = object()


def serves_everyone():
    """The condition on ServicePage of a service for everyone: tagged "all" or with no
    population group. Such a service is found under every group."""
    groups = ServicePopulationGroup.objects.filter(content_object=OuterRef("pk"))
    return Q(Exists(groups.filter(tag__slug=EVERYONE))) | ~Q(Exists(groups))


class FacetCountingMixin:
    """Counts and labels of the facets of a DirectorySearch."""

    def facet_counts(self):
        """Counts of every facet value, and the total, in one SQL query; a facet's own selection
        is left out of its counts, so ticking a second language shows what it would add. A
        population group's count includes the services for everyone, as its filter does.

        Each distinct set of matching services is a common table expression, so the database
        works it out once however many facets count within it."""
        active = set(self.params.active_filters())
        bases = {}

        def base(name):
            key = name if name in active else None
            if key not in bases:
                matching = self.filtered(skip=key).order_by().values("pk")
                sql, params = matching.query.sql_with_params()
                bases[key] = (f"directory_base_{key or 'all'}", sql, params)
            # Only fixed names go into this SQL; every value stays a query parameter.
            return RawSQL(f'SELECT "pk" FROM "{bases[key][0]}"', [])  # noqa: S608, S611

        def grouped(qs, facet, key):
            return (
                qs.annotate(
                    facet=Value(facet, output_field=CharField()), key=Cast(key, CharField())
                )
                .values("facet", "key")
                .annotate(n=Count("page_link", distinct=True))
                .values_list("facet", "key", "n")
                .order_by()
            )

        locations = ServiceLocation.objects.annotate(page_link=F("page_id"))
        district_locations = locations.filter(page__in=base("districts"))
        if self.hides_places():
            district_locations = district_locations.filter(page__is_protection_sensitive=False)
        categories = CategoryLink.objects.annotate(page_link=F("servicepage_id"))
        parts = [
            grouped(
                categories.filter(servicepage__in=base("categories")),
                "categories",
                "servicecategory_id",
            ),
            grouped(
                categories.filter(servicepage__in=base("categories")),
                "sectors",
                Coalesce("servicecategory__parent_id", "servicecategory_id"),
            ),
            grouped(locations.filter(page__in=base("provinces")), "provinces", "province_id"),
            grouped(district_locations, "districts", "district_id"),
            grouped(
                ServiceLanguage.objects.annotate(page_link=F("page_id")).filter(
                    page__in=base("languages")
                ),
                "languages",
                "language_id",
            ),
            # Services for a group in particular, per group; those for everyone are counted
            # once below and added to every group's count.
            grouped(
                ServicePopulationGroup.objects.annotate(page_link=F("content_object_id"))
                .filter(content_object__in=base("groups"))
                .exclude(tag__slug=EVERYONE)
                .exclude(
                    Exists(
                        ServicePopulationGroup.objects.filter(
                            content_object=OuterRef("content_object_id"), tag__slug=EVERYONE
                        )
                    )
                ),
                "groups",
                "tag__slug",
            ),
            grouped(
                ServicePage.objects.annotate(page_link=F("pk")).filter(
                    Q(pk__in=base("groups")) & serves_everyone()
                ),
                "groups_everyone",
                Value(EVERYONE),
            ),
        ]
        for name in BOOLEAN_FACETS:
            parts.append(
                grouped(
                    ServicePage.objects.annotate(page_link=F("pk")).filter(
                        Q(pk__in=base(name)) & self.filter_q(name)
                    ),
                    name,
                    Value("yes"),
                )
            )
        parts.append(
            grouped(
                ServicePage.objects.annotate(page_link=F("pk")).filter(pk__in=base("total")),
                "total",
                Value("all"),
            )
        )
        part_sql, params = [], []
        for name, sql, base_params in bases.values():
            part_sql.append(f'"{name}" AS MATERIALIZED ({sql})')
            params.extend(base_params)
        selects = []
        for number, part in enumerate(parts):
            sql, part_params = part.query.sql_with_params()
            selects.append(f'SELECT * FROM ({sql}) AS "facet_{number}"')  # noqa: S608
            params.extend(part_params)
        query = f"WITH {', '.join(part_sql)} {' UNION ALL '.join(selects)}"
        counts = {}
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            for facet, key, n in cursor.fetchall():
                counts.setdefault(facet, {})[key] = n
        everyone = counts.pop("groups_everyone", {}).get(EVERYONE, 0)
        group_counts = counts.setdefault("groups", {})
        for slug in self.taxonomy.group_slugs:
            group_counts[slug] = group_counts.get(slug, 0) + everyone
        return counts

    def search_cache_key(self):
        """The shared cache's key of what this search works out before its page: the facet
        counts and how many of the words a service must match (DirectorySearch.mode). Both
        stay true until a service opens or closes (open-now counts change only then), the day
        changes or anything is published (a new directory version)."""
        if self._search_cache_key is None:
            p = self.params
            fingerprint = (
                current_version(),
                self.locale.pk,
                self.is_member,
                p.q,
                p.categories,
                p.provinces,
                p.districts,
                p.languages,
                p.groups,
                p.free,
                p.wheelchair,
                p.open_now,
                self.now.date(),
                self.taxonomy.last_opening_change(self.now),
            )
            digest = hashlib.sha256(repr(fingerprint).encode()).hexdigest()
            self._search_cache_key = f"directory-search:{digest}"
        return self._search_cache_key

    def cached_search(self):
        """This search's entry in the shared cache ({"counts", "mode"}), or None; read once."""
        if self._cached_search is MISSING:
            self._cached_search = cache.get(self.search_cache_key())
        return self._cached_search

    def cached_mode(self):
        """The mode a search with the same words and filters found earlier, or None."""
        entry = self.cached_search()
        return tuple(entry["mode"]) if entry and entry["mode"] else None

    def cached_facet_counts(self):
        """Facet counts from the shared cache when the same search ran earlier, else counted
        and kept there together with the search's mode."""
        entry = self.cached_search()
        if entry is None:
            counts = self.facet_counts()
            entry = {"counts": counts, "mode": self.mode() if self.words else None}
            cache.set(self.search_cache_key(), entry, CACHE_SECONDS)
            self._cached_search = entry
        return entry["counts"]

    def facets(self, counts):
        """Facet options with labels in the visitor's language, most useful first."""
        p = self.params
        t = self.taxonomy
        category_counts = counts.get("categories", {})
        sector_counts = counts.get("sectors", {})
        category_options = []
        for sector in t.sectors:
            category_options.append(
                FacetOption(
                    sector["slug"],
                    sector["name"],
                    sector_counts.get(str(sector["id"]), 0),
                    sector["slug"] in p.categories,
                )
            )
            for child in sector["children"]:
                category_options.append(
                    FacetOption(
                        child["slug"],
                        child["name"],
                        category_counts.get(str(child["id"]), 0),
                        child["slug"] in p.categories,
                        depth=1,
                    )
                )
        province_counts = counts.get("provinces", {})
        district_counts = counts.get("districts", {})
        selected_provinces = {t.province_by_slug[s]["id"] for s in p.provinces}
        district_options = [
            FacetOption(
                str(d["id"]),
                d["label"],
                district_counts.get(str(d["id"]), 0),
                d["id"] in p.districts,
            )
            for d in t.districts
            if d["id"] in p.districts
            # Districts are offered once a province is chosen: the region has over two
            # hundred, too many to read through on a phone.
            or (district_counts.get(str(d["id"])) and d["province_id"] in selected_provinces)
        ]
        language_counts = counts.get("languages", {})
        group_counts = counts.get("groups", {})
        return {
            "categories": Facet(
                "categories", [o for o in category_options if o.count or o.selected]
            ),
            "provinces": Facet(
                "provinces",
                [
                    FacetOption(
                        prov["slug"],
                        prov["label"],
                        province_counts.get(str(prov["id"]), 0),
                        prov["slug"] in p.provinces,
                    )
                    for prov in t.provinces
                ],
            ),
            "districts": Facet("districts", district_options),
            "languages": Facet(
                "languages",
                sorted(
                    (
                        FacetOption(
                            lang["code"],
                            lang["label"],
                            language_counts.get(str(lang["id"]), 0),
                            lang["code"] in p.languages,
                        )
                        for lang in t.languages
                        if language_counts.get(str(lang["id"])) or lang["code"] in p.languages
                    ),
                    key=lambda o: (-o.count, sort_key(o.label, self.locale.language_code)),
                ),
            ),
            "groups": Facet(
                "groups",
                [
                    FacetOption(
                        g["slug"], g["label"], group_counts.get(g["slug"], 0), g["slug"] in p.groups
                    )
                    for g in t.groups
                    if group_counts.get(g["slug"]) or g["slug"] in p.groups
                ],
            ),
            **{
                name: Facet(
                    name,
                    [FacetOption("1", name, counts.get(name, {}).get("yes", 0), getattr(p, name))],
                )
                for name in BOOLEAN_FACETS
            },
        }
