"""Who may see which service, the filters, the sort and the loading of one search."""

import math
from dataclasses import replace
from types import SimpleNamespace

from django.db.models import (
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.translation import translation_rank

from ..geo import distance_km
from ..models import (
    AgencyPage,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePopulationGroup,
    ServiceSchedule,
)
from ..taxonomy import taxonomy_for
from .facets import CategoryLink, FacetCountingMixin, serves_everyone
from .text import expand_words, matching_ids, name_relevance, query_words


class DirectorySearch(FacetCountingMixin):
    """Builds the querysets of one search for one visitor in one language."""

    def __init__(self, params, user, locale, now=None):
        self.params = params
        self.user = user
        self.locale = locale
        self.now = timezone.localtime(now or timezone.now())
        self.is_member = is_member(user)
        self.taxonomy = taxonomy_for(locale)
        self.words = expand_words(query_words(params.q)) if params.q else []

    # --- Who may see what -------------------------------------------------------------------

    def listed(self):
        """Services this visitor may find in this language: published, not closed or ended,
        members-only ones for members, and each service once, in the language the visitor
        reads best (core/translation.py), among equals the one written first."""
        qs = ServicePage.objects.listed_for(self.user, self.now.date())
        qs = qs.outside_restricted_sections()
        rank = translation_rank(self.locale.language_code)
        better = (
            ServicePage.objects.live()
            .filter(translation_key=OuterRef("translation_key"))
            .alias(rank=rank)
            .filter(
                Q(rank__lt=OuterRef("language_rank"))
                | Q(rank=OuterRef("language_rank"), pk__lt=OuterRef("pk"))
            )
        )
        return qs.alias(language_rank=rank).filter(~Exists(better))

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
            # "For whom" means who may come: a service for everyone serves every group.
            return (
                Q(
                    Exists(
                        ServicePopulationGroup.objects.filter(
                            content_object=OuterRef("pk"), tag__slug__in=p.groups
                        )
                    )
                )
                | serves_everyone()
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
        # Alphabetical in each title's own language (core/collation.py), not by code point.
        return qs.order_by("title_sort_key", "pk")

    # --- Loading results --------------------------------------------------------------------

    def load(self, qs):
        """Fetch services for display in a fixed number of queries, with their agency, visible
        places, languages, phones and category names in the visitor's language."""
        agency = AgencyPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ServicePage.steplen)
        )
        services = list(
            qs.annotate(
                agency_title=Subquery(agency.values("title")[:1]),
                agency_acronym=Subquery(agency.values("acronym")[:1]),
                language_code=F("locale__language_code"),
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
            # A service not yet translated is listed in its own language, marked as such.
            service.shown_in = "" if service.locale_id == self.locale.pk else service.language_code
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
