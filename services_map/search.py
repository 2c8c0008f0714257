"""The directory search: who may see which service, filters, facet counts, sorting, paging.

`search_services()` is the one entry point; the search page, the print sheet and the map data
all call it with the same parameters, so they always agree on what a visitor may see.
"""

import hashlib
import math
from dataclasses import dataclass, field, replace
from types import SimpleNamespace

from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Length, Substr
from django.utils import timezone

from .geo import distance_km
from .models import (
    AgencyPage,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePopulationGroup,
    ServiceSchedule,
    user_is_member,
)
from .search_text import expand_words, matching_ids, name_relevance, query_words
from .taxonomy import taxonomy_for

PAGE_SIZE = 20
PRIVATE_PATHS_KEY = "directory-private-paths"
SORTS = ("relevance", "distance", "name")
LISTABLE_STATUSES = (ServicePage.Status.ACTIVE, ServicePage.Status.TEMPORARILY_CLOSED)
CategoryLink = ServicePage.categories.through


@dataclass(frozen=True)
class SearchParams:
    """What the visitor asked for, already validated (see forms.DirectorySearchForm)."""

    q: str = ""
    categories: tuple = ()  # category slugs; a sector includes its types
    provinces: tuple = ()  # province slugs
    districts: tuple = ()  # district primary keys
    languages: tuple = ()  # language codes
    groups: tuple = ()  # population group tag slugs
    free: bool = False
    wheelchair: bool = False
    open_now: bool = False
    lat: float | None = None
    lng: float | None = None
    sort: str = ""
    page: int = 1

    @property
    def has_location(self):
        """True when the visitor shared where they are."""
        return self.lat is not None and self.lng is not None

    def active_filters(self):
        """Names of the filters in use, for 'drop a filter' suggestions."""
        names = [
            name
            for name in ("categories", "provinces", "districts", "languages", "groups")
            if getattr(self, name)
        ]
        names += [name for name in ("free", "wheelchair", "open_now") if getattr(self, name)]
        return names

    def without(self, name):
        """The same search without one filter (or the words, for 'q')."""
        empty = "" if name == "q" else (False if name in BOOLEAN_FACETS else ())
        return replace(self, **{name: empty, "page": 1})


BOOLEAN_FACETS = ("free", "wheelchair", "open_now")
LIST_FACETS = ("categories", "provinces", "districts", "languages", "groups")


@dataclass
class FacetOption:
    """One value of a facet with the number of services it would show."""

    value: str
    label: str
    count: int
    selected: bool
    depth: int = 0


@dataclass
class Facet:
    """A filter shown beside the results, with its options and their counts."""

    name: str
    options: list


@dataclass
class DirectoryResults:
    """One page of results, the facets to refine them and, when empty, what to try next."""

    params: SearchParams
    total: int
    page_number: int
    num_pages: int
    services: list
    facets: dict
    sort: str
    reference_point: tuple | None = None
    page_out_of_range: bool = False
    suggestions: list = field(default_factory=list)
    queryset: object = None

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages


class DirectorySearch:
    """Builds the querysets of one search for one visitor in one language."""

    def __init__(self, params, user, locale, now=None):
        self.params = params
        self.user = user
        self.locale = locale
        self.now = timezone.localtime(now or timezone.now())
        self.is_member = user_is_member(user)
        self.taxonomy = taxonomy_for(locale)
        self.words = expand_words(query_words(params.q)) if params.q else []

    # --- Who may see what -------------------------------------------------------------------

    def listed(self):
        """Services this visitor may find in this language: published, not closed or ended,
        members-only ones for members, and each service once: in the visitor's language when
        translated, otherwise in the language it was written in."""
        today = self.now.date()
        qs = ServicePage.objects.live().filter(
            Q(status__in=LISTABLE_STATUSES), Q(end_date__isnull=True) | Q(end_date__gte=today)
        )
        if not self.is_member:
            qs = qs.filter(is_internal=False)
        qs = qs.exclude(private_sections_q())
        translated = ServicePage.objects.live().filter(
            translation_key=OuterRef("translation_key"), locale=self.locale
        )
        older = ServicePage.objects.live().filter(
            translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
        )
        return qs.filter(Q(locale=self.locale) | (~Exists(translated) & ~Exists(older)))

    def hides_places(self):
        """The public never learns where a protection-sensitive service is below province."""
        return not self.is_member

    # --- Filters ----------------------------------------------------------------------------

    def filter_q(self, name):
        """The condition of one active filter."""
        p = self.params
        t = self.taxonomy
        if name == "categories":
            ids = t.category_ids_for(p.categories)
            return Q(
                Exists(
                    CategoryLink.objects.filter(
                        servicepage_id=OuterRef("pk"), servicecategory_id__in=ids
                    )
                )
            )
        if name == "provinces":
            ids = [t.province_by_slug[slug]["id"] for slug in p.provinces]
            return Q(Exists(ServiceLocation.objects.filter(page=OuterRef("pk"), province__in=ids)))
        if name == "districts":
            condition = Q(
                Exists(
                    ServiceLocation.objects.filter(page=OuterRef("pk"), district__in=p.districts)
                )
            )
            if self.hides_places():
                condition &= Q(is_protection_sensitive=False)
            return condition
        if name == "languages":
            ids = [t.language_by_code[code]["id"] for code in p.languages]
            return Q(Exists(ServiceLanguage.objects.filter(page=OuterRef("pk"), language__in=ids)))
        if name == "groups":
            return Q(
                Exists(
                    ServicePopulationGroup.objects.filter(
                        content_object=OuterRef("pk"), tag__slug__in=p.groups
                    )
                )
            )
        if name == "free":
            return Q(fee_type=ServicePage.FeeType.FREE)
        if name == "wheelchair":
            return Q(
                Exists(
                    ServiceLocation.objects.filter(page=OuterRef("pk"), wheelchair_accessible=True)
                )
            )
        if name == "open_now":
            moment = self.now
            return Q(status=ServicePage.Status.ACTIVE) & Q(
                Exists(
                    ServiceSchedule.objects.filter(
                        page=OuterRef("pk"),
                        weekday=moment.isoweekday(),
                        opens_at__lte=moment.time(),
                        closes_at__gt=moment.time(),
                    )
                )
            )
        raise ValueError(name)

    def filtered(self, skip=None):
        """Listed services matching the words and every filter but `skip`."""
        qs = self.listed()
        if self.words:
            qs = qs.filter(pk__in=matching_ids(self.words, ServicePage.objects.live()))
        for name in self.params.active_filters():
            if name != skip:
                qs = qs.filter(self.filter_q(name))
        return qs

    # --- Facets -----------------------------------------------------------------------------

    def facet_counts(self):
        """Counts of every facet value, and the total, in one SQL query; a facet's own selection
        is left out of its counts, so ticking a second language shows what it would add.

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
            grouped(
                ServicePopulationGroup.objects.annotate(page_link=F("content_object_id")).filter(
                    content_object__in=base("groups")
                ),
                "groups",
                "tag__slug",
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
        return counts

    def cached_facet_counts(self):
        """Facet counts from the shared cache when the same search ran within the same minute
        (open-now counts change by the minute) and nothing was published since."""
        from django.core.cache import cache

        from .taxonomy import current_version

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
            self.now.strftime("%Y-%m-%dT%H:%M"),
        )
        key = "directory-facets:" + hashlib.sha256(repr(fingerprint).encode()).hexdigest()
        counts = cache.get(key)
        if counts is None:
            counts = self.facet_counts()
            cache.set(key, counts, 120)
        return counts

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
                d["name"],
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
                        prov["name"],
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
                    key=lambda o: (-o.count, o.label),
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

    # --- Sorting ----------------------------------------------------------------------------

    def reference_point(self):
        """Where distances are measured from: the visitor's position, else the middle of the
        chosen district's services, else its province's centre."""
        p = self.params
        if p.has_location:
            return (p.lat, p.lng)
        if len(p.districts) == 1:
            district = self.taxonomy.district_by_id.get(p.districts[0])
            if district is not None:
                return district["point"]
        return None

    def sort_name(self):
        """The sort in force: the visitor's choice when possible, else the most useful one."""
        p = self.params
        point = self.reference_point()
        if p.sort == "distance" and point:
            return "distance"
        if p.sort == "relevance" and self.words:
            return "relevance"
        if p.sort == "name":
            return "name"
        if point:
            return "distance"
        return "relevance" if self.words else "name"

    def ordered(self, qs, sort, point):
        """Apply the sort; ties fall back to the name."""
        if sort == "distance":
            lat0, lng0 = point
            # An equirectangular approximation: plain arithmetic, so it runs in SQLite too,
            # and within the region it orders places exactly like great-circle distance.
            scale = math.cos(math.radians(lat0))
            places = ServiceLocation.objects.filter(page=OuterRef("pk"), latitude__isnull=False)
            nearest = (
                places.annotate(
                    d2=(F("latitude") - lat0) * (F("latitude") - lat0)
                    + (F("longitude") - lng0) * scale * (F("longitude") - lng0) * scale
                )
                .order_by("d2")
                .values("d2")[:1]
            )
            qs = qs.annotate(nearest=Subquery(nearest, output_field=FloatField()))
            if self.hides_places():
                qs = qs.annotate(
                    sensitive_last=Cast("is_protection_sensitive", IntegerField())
                ).order_by("sensitive_last", F("nearest").asc(nulls_last=True), "title", "pk")
            else:
                qs = qs.order_by(F("nearest").asc(nulls_last=True), "title", "pk")
            return qs
        if sort == "relevance":
            return qs.annotate(name_hits=name_relevance(self.words)).order_by(
                "-name_hits", "title", "pk"
            )
        return qs.order_by("title", "pk")

    # --- Loading results --------------------------------------------------------------------

    def load(self, qs):
        """Fetch services for display in a fixed number of queries, with their agency, visible
        places, languages, phones and category names in the visitor's language."""
        from django.db.models import Prefetch

        agency = AgencyPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ServicePage.steplen)
        )
        services = list(
            qs.annotate(
                agency_title=Subquery(agency.values("title")[:1]),
                agency_acronym=Subquery(agency.values("acronym")[:1]),
            ).prefetch_related(
                Prefetch(
                    "locations",
                    queryset=ServiceLocation.objects.select_related("province", "district"),
                ),
                Prefetch(
                    "service_languages",
                    queryset=ServiceLanguage.objects.select_related("language"),
                ),
                "phones",
                "categories",
            )
        )
        point = self.reference_point()
        for service in services:
            service.agency = (
                SimpleNamespace(title=service.agency_title, acronym=service.agency_acronym or "")
                if service.agency_title
                else None
            )
            service.address_hidden = service.is_protection_sensitive and self.hides_places()
            service.visible_locations = (
                list(service.locations.all()) if not service.address_hidden else []
            )
            service.provinces_shown = sorted({loc.province.name for loc in service.locations.all()})
            service.category_labels = self.taxonomy.category_labels(
                c.translation_key for c in service.categories.all()
            )
            service.distance = None
            if point:
                distances = [
                    distance_km(point[0], point[1], loc.latitude, loc.longitude)
                    for loc in service.visible_locations
                    if loc.has_coordinates
                ]
                service.distance = min(distances) if distances else None
        return services

    def suggestions(self):
        """When nothing matched: the same search without each filter (or the words), all of the
        chosen district's province, and the nearest districts of that province with results."""
        p = self.params
        ideas = []
        for name in ["q", *p.active_filters()] if p.q else p.active_filters():
            looser = p.without(name)
            count = DirectorySearch(looser, self.user, self.locale, self.now).filtered().count()
            if count:
                ideas.append({"kind": "drop", "filter": name, "params": looser, "count": count})
        if p.districts:
            t = self.taxonomy
            province_ids = {
                t.district_by_id[d]["province_id"] for d in p.districts if d in t.district_by_id
            }
            provinces = [prov for prov in t.provinces if prov["id"] in province_ids]
            if provinces:
                wider = replace(
                    p, districts=(), provinces=tuple(prov["slug"] for prov in provinces), page=1
                )
                wider_search = DirectorySearch(wider, self.user, self.locale, self.now)
                count = wider_search.filtered().count()
                if count:
                    ideas.append(
                        {
                            "kind": "province",
                            "names": [prov["name"] for prov in provinces],
                            "params": wider,
                            "count": count,
                        }
                    )
                    district_counts = wider_search.facet_counts().get("districts", {})
                    nearby = sorted(
                        (
                            (n, t.district_by_id[int(key)])
                            for key, n in district_counts.items()
                            if int(key) in t.district_by_id and int(key) not in p.districts
                        ),
                        key=lambda item: -item[0],
                    )[:3]
                    for n, district in nearby:
                        ideas.append(
                            {
                                "kind": "district",
                                "names": [district["name"]],
                                "params": replace(p, districts=(district["id"],), page=1),
                                "count": n,
                            }
                        )
        return ideas


def private_sections_q():
    """Pages below a view restriction (login, password, groups) never appear in the directory;
    the restricted paths are cached until a restriction changes."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    paths = cache.get(PRIVATE_PATHS_KEY)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(PRIVATE_PATHS_KEY, paths, 60 * 60)
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def search_services(params, user, locale, *, now=None, page_size=PAGE_SIZE, paginate=True):
    """Search the directory as `user` would see it in `locale` (a wagtail Locale).

    `params` is a SearchParams, usually `DirectorySearchForm(request.GET).search_params()`.
    Returns DirectoryResults: `.services` holds the requested page (or, with paginate=False,
    every match) ready for display: each service carries `.agency`, `.visible_locations`
    (empty when its address must stay hidden), `.address_hidden`, `.provinces_shown`,
    `.category_labels` and `.distance` (km or None). `.facets` maps facet names to Facets.
    """
    search = DirectorySearch(params, user, locale, now)
    qs = search.filtered()
    sort = search.sort_name()
    point = search.reference_point()
    ordered = search.ordered(qs, sort, point)
    counts = search.cached_facet_counts()
    total = counts.get("total", {}).get("all", 0)
    num_pages = max(1, math.ceil(total / page_size))
    page_number = params.page
    out_of_range = page_number > num_pages
    page_number = min(max(page_number, 1), num_pages)
    if paginate:
        start = (page_number - 1) * page_size
        services = search.load(ordered[start : start + page_size]) if total else []
    else:
        services = search.load(ordered) if total else []
    return DirectoryResults(
        params=params,
        total=total,
        page_number=page_number,
        num_pages=num_pages,
        services=services,
        facets=search.facets(counts),
        sort=sort,
        reference_point=point,
        page_out_of_range=out_of_range,
        suggestions=search.suggestions() if total == 0 else [],
        queryset=ordered,
    )


def map_markers(params, user, locale, *, now=None, limit=2000):
    """Points for the map of the same search: one per location the visitor may see, as
    [latitude, longitude, service page id]; protection-sensitive places never appear for the
    public."""
    search = DirectorySearch(params, user, locale, now)
    locations = ServiceLocation.objects.filter(
        page__in=search.filtered().values("pk"), latitude__isnull=False, longitude__isnull=False
    )
    if search.hides_places():
        locations = locations.filter(page__is_protection_sensitive=False)
    return list(
        locations.order_by("page_id", "sort_order").values_list(
            "latitude", "longitude", "page_id", "page__title", "page__url_path", "page__locale_id"
        )[:limit]
    )
