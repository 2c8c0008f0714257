"""Where the directory covers the response and where it does not: each live listing once, with
its places, its sectors and whether it is stale, counted by province (or district) and sector
for the co-chairs' overview; the lists behind those counts filter the very same listings, so a
number and its list always agree. A fixed number of queries, whatever the number of services."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language

from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.translation import best_translations

from .models import District, ServiceCategory, ServiceLocation, ServicePage
from .models.forms import provinces_in_order

# Counted in the "All sectors" column: every listing of the place, with a sector or without.
ALL_SECTORS = None


@dataclass
class Listing:
    """One service, whichever of its translations are live: what the overview counts."""

    key: object  # its translation key
    stale: bool = False
    internal: bool = False
    places: set = field(default_factory=set)  # (province id, district id)
    sectors: set = field(default_factory=set)  # translation keys of its sectors

    def is_in(self, province=None, district=None, sector=ALL_SECTORS):
        """True when given somewhere in this province (and district), in this sector."""
        if province is not None and not any(place[0] == province for place in self.places):
            return False
        if district is not None and not any(place[1] == district for place in self.places):
            return False
        return sector is ALL_SECTORS or sector in self.sectors


def live_services(member=None, today=None):
    """Services anyone may find: published, not closed, not ended, below no view restriction;
    given a `member`, the internal ones too, as members find them."""
    today = today or timezone.localdate()
    return ServicePage.objects.listed_for(member, today).outside_restricted_sections()


def listings(member=None, today=None):
    """Each live listing once (by translation key), with its places and sectors, in three
    queries. Places and categories are facts every translation shares (shared_facts.py), so
    the union over translations is each one's."""
    today = today or timezone.localdate()
    services = live_services(member, today)
    found = {}
    for key, last_verified, internal in services.values_list(
        "translation_key", "last_verified", "is_internal"
    ):
        listing = found.setdefault(key, Listing(key=key, internal=internal))
        listing.stale = listing.stale or ServicePage(last_verified=last_verified).is_stale(today)
    places = ServiceLocation.objects.filter(page__in=services.values("pk")).values_list(
        "page__translation_key", "province_id", "district_id"
    )
    for key, province_id, district_id in places:
        found[key].places.add((province_id, district_id))
    tagged = ServicePage.categories.through.objects.filter(
        servicepage__in=services.values("pk")
    ).values_list(
        "servicepage__translation_key",
        "servicecategory__translation_key",
        "servicecategory__parent__translation_key",
    )
    for key, category_key, sector_key in tagged:
        found[key].sectors.add(sector_key or category_key)
    return list(found.values())


def sectors_in_order(language=None):
    """Each sector (a category without a sector of its own) once, named in the reader's
    language or the nearest, in its alphabetical order."""
    language = language or get_language()
    rows = ServiceCategory.objects.filter(parent__isnull=True).select_related("locale")
    return sorted_by_name(
        best_translations(rows, language), language, key=lambda sector: sector.name
    )


def sector_keys_by_slug(slug):
    """The translation keys of the sectors with this slug (kept the same in every language)."""
    return set(
        ServiceCategory.objects.filter(parent__isnull=True, slug=slug).values_list(
            "translation_key", flat=True
        )
    )


def places_in_order(province=None, language=None):
    """The provinces, or a province's districts, named and ordered as the reader reads them."""
    language = language or get_language()
    if province is None:
        return provinces_in_order(language)
    return sorted_by_name(
        District.objects.filter(province=province),
        language,
        key=lambda district: district.label_in(language),
    )


@dataclass
class CoverageMatrix:
    """Counts of live public listings by place (rows) and sector (columns), with each row's
    count of listings in any sector."""

    places: list
    sectors: list
    counts: dict  # (place id, sector key or ALL_SECTORS) -> number of listings

    def count(self, place, sector=ALL_SECTORS):
        return self.counts.get((place.pk, sector.translation_key if sector else ALL_SECTORS), 0)


def coverage_matrix(province=None, language=None, today=None):
    """The coverage of the provinces, or of one province's districts, by sector, from the
    live public listings (nothing internal)."""
    language = language or get_language()
    places = places_in_order(province, language)
    sectors = sectors_in_order(language)
    counts = defaultdict(int)
    for listing in listings(today=today):
        if province is None:
            where = {province_id for province_id, _district_id in listing.places}
        else:
            where = {
                district_id
                for province_id, district_id in listing.places
                if province_id == province.pk
            }
        for place_id in where:
            counts[(place_id, ALL_SECTORS)] += 1
            for sector_key in listing.sectors:
                counts[(place_id, sector_key)] += 1
    return CoverageMatrix(places=places, sectors=sectors, counts=dict(counts))


def services_behind(*, province=None, district=None, sector_keys=None, stale=None, member=None):
    """The live listings a count of the overview stands for, each in the reader's language or
    the nearest, in its alphabetical order: those in this province, district and sector (any
    of `sector_keys`), stale or not; internal ones too when a `member` asks."""
    keys = [
        listing.key
        for listing in listings(member)
        if listing.is_in(
            province.pk if province else None, district.pk if district else None, ALL_SECTORS
        )
        and (sector_keys is None or listing.sectors & sector_keys)
        and (stale is None or listing.stale == stale)
    ]
    language = get_language()
    pages = (
        live_services(member)
        .filter(translation_key__in=keys)
        .select_related("locale")
        .prefetch_related("locations__province", "locations__district")
    )
    shown = best_translations(pages, language)
    return sorted_by_name(shown, language, key=lambda page: page.title)
