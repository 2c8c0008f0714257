"""Who may see which service, the filters, the sort and the loading of one search."""

import math
from dataclasses import replace
from types import SimpleNamespace

from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone

from iswg_portal.accounts.roles import is_member
from iswg_portal.core.analysis import STOP_WORDS, fold_word, query_terms
from iswg_portal.core.collation import sorted_by_name
from iswg_portal.core.text import fold_for_search
from iswg_portal.core.translation import translation_rank

from ..geo import distance_km
from ..hours import opening_status
from ..models import (
    AgencyPage,
    ServiceLanguage,
    ServiceLocation,
    ServicePage,
    ServicePopulationGroup,
    ServiceSchedule,
)
from ..taxonomy import taxonomy_for
from .cards import CardPlace, WeeklyHours
from .concepts import concept_index
from .facets import MISSING, FacetCountingMixin, serves_everyone
from .places import find_places
from .text import (
    MAX_QUERY_WORDS,
    SCORE_OUTPUT,
    analyse_query,
    in_categories,
    padded_name,
    score,
    text_match,
    words_conditions,
)

# At most this many "did you mean" and category ideas when the words found nothing.
MAX_WORD_SUGGESTIONS = 4


class DirectorySearch(FacetCountingMixin):
    """Builds the querysets of one search for one visitor in one language."""

    def __init__(self, params, user, locale, now=None):
        self.params = params
        self.user = user
        self.locale = locale
        self.now = timezone.localtime(now or timezone.now())
        self.is_member = is_member(user)
        self.taxonomy = taxonomy_for(locale)
        self.words = []
        self.places = ()
        self.concepts = None
        if params.q:
            self.concepts = concepts = concept_index()
            typed = query_terms(params.q, MAX_QUERY_WORDS, drop_stop_words=False)
            # Place names in the query ("إزمير", "buca") become a condition on where a service
            # is (places_q); the other words do the text matching.
            parts = {word: fold_for_search(word).split() for word in typed}
            self.places, rest = find_places(
                [part for word in typed for part in parts[word]], self.taxonomy
            )
            others = [word for word in typed if all(part in rest for part in parts[word])]
            if self.places:
                # "في إزمير", "li Izmirê": with the place gone, "in" asks for nothing.
                others = [word for word in others if fold_word(word) not in STOP_WORDS]
            self.words = analyse_query(others, concepts.words, concepts.version) if others else []
            found, related = concepts.match([word.keys for word in self.words])
            for word, slugs, nearby in zip(self.words, found, related, strict=True):
                word.concepts = slugs
                word.related = nearby
        self._mode = None
        self._word_conditions = {}
        self._search_cache_key = None
        self._cached_search = MISSING

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

    # --- Places named in the query ----------------------------------------------------------

    def places_q(self):
        """Services located in one of the places the query names, or whose text mentions it.
        For the public a district never finds a protection-sensitive service, as with the
        district filter."""
        provinces = [place.id for place in self.places if not place.is_district]
        districts = [place.id for place in self.places if place.is_district]
        spellings = frozenset(spelling for place in self.places for spelling in place.spellings)
        named = SimpleNamespace(keys=spellings)
        condition = Q(pk__in=text_match(named))
        if provinces:
            condition |= Q(
                Exists(ServiceLocation.objects.filter(page=OuterRef("pk"), province__in=provinces))
            )
        if districts:
            in_district = Q(
                Exists(ServiceLocation.objects.filter(page=OuterRef("pk"), district__in=districts))
            )
            if self.hides_places():
                in_district &= Q(is_protection_sensitive=False)
            condition |= in_district
        return condition

    # --- Filters ----------------------------------------------------------------------------

    def filter_q(self, name):
        """The condition of one active filter."""
        p = self.params
        t = self.taxonomy
        if name == "categories":
            return in_categories(t.category_ids_for(p.categories))
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

    def word_conditions(self, match_all):
        """The conditions of the query's words, built once per search for each mode."""
        if match_all not in self._word_conditions:
            self._word_conditions[match_all] = words_conditions(
                self.words, self.taxonomy, every=match_all
            )
        return self._word_conditions[match_all]

    def mode(self):
        """(in_places, match_all): whether a service must be in the places the query names, and
        whether it must match every query word. Strict when anything matches so; else keeping
        the place and matching any word, then anywhere with every word, then anywhere with any
        word: something near is better than nothing (the page says what was loosened)."""
        if self._mode is None:
            self._mode = self.cached_mode()
        if self._mode is None:
            several = len(self.words) > 1
            tries = [(True, True)] + [(True, False)] * several
            if self.places and self.words:
                tries += [(False, True)] + [(False, False)] * several
            self._mode = tries[0]
            for in_places, match_all in tries[:-1]:
                if self.filtered(in_places=in_places, match_all=match_all).exists():
                    self._mode = (in_places, match_all)
                    break
            else:
                self._mode = tries[-1]
        return self._mode

    def match_all(self):
        """True when a service must match every query word."""
        return self.mode()[1]

    def in_places(self):
        """True when a service must be in the places the query names."""
        return self.mode()[0]

    def filtered(self, skip=None, *, in_places=None, match_all=None):
        """Listed services matching the words and every filter but `skip`."""
        if in_places is None or match_all is None:
            in_places, match_all = self.mode()
        qs = self.listed()
        if self.places and in_places:
            qs = qs.filter(self.places_q())
        for condition in self.word_conditions(match_all) if self.words else ():
            qs = qs.filter(condition)
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
        if self.places and not self.in_places():
            row = self.place_row(self.places[0])
            if row is not None:
                return row.get("point") or (row["latitude"], row["longitude"])
        return None

    def place_row(self, place):
        """The taxonomy's row of a place the query names."""
        if place.is_district:
            return self.taxonomy.district_by_id.get(place.id)
        return next((row for row in self.taxonomy.provinces if row["id"] == place.id), None)

    def widened_places(self):
        """The labels of the places the query named when nothing there matched and the
        results come from elsewhere, nearest first."""
        if not self.places or self.in_places():
            return []
        rows = [self.place_row(place) for place in self.places]
        return [row["label"] for row in rows if row is not None]

    def sort_name(self):
        """The sort in force: "best" (the default), "distance" when there is a point to measure
        from, or "name"."""
        if self.params.sort == "distance" and self.reference_point():
            return "distance"
        if self.params.sort == "name":
            return "name"
        return "best"

    def ordered(self, qs, sort, point):
        """Apply the sort. Best first: how well the words match, then services in the visitor's
        language before those in a fallback language, then the nearest, then the name.
        Distance: the nearest first. Name: alphabetical in the visitor's language."""
        order = []
        if sort == "best" and self.words:
            qs = qs.annotate(padded_name=padded_name()).annotate(
                score=ExpressionWrapper(
                    score(self.words, self.taxonomy, count_text=not self.match_all()),
                    output_field=SCORE_OUTPUT,
                )
            )
            order.append(F("score").desc())
        if sort == "best":
            order.append("language_rank")
        if point and sort != "name":
            qs = self.with_distance(qs, point)
            if self.hides_places():
                qs = qs.annotate(sensitive_last=Cast("is_protection_sensitive", IntegerField()))
                order.append("sensitive_last")
            order.append(F("nearest").asc(nulls_last=True))
        # Ties, and the "Name" sort, go by each title's own alphabet (core/collation.py).
        return qs.order_by(*order, "title_sort_key", "pk")

    def page_of(self, ordered, sort, point, start, size):
        """One page of the ordered matches. Without words to score, the page's keys are chosen
        by a query that sorts keys alone, then only those rows are read whole and sorted again:
        sorting every match with all its columns took most of PostgreSQL's time for the whole
        directory, a far page or the nearest first. With the words' score in the order, sorting
        again would build and compute the score twice (its category and text conditions), which
        cost more than it saved: then the page is cut from the whole rows."""
        if self.words and sort == "best":
            return ordered[start : start + size]
        chosen = ordered.values("pk")[start : start + size]
        rows = ServicePage.objects.filter(pk__in=chosen).alias(
            language_rank=translation_rank(self.locale.language_code)
        )
        return self.ordered(rows, sort, point)

    def with_distance(self, qs, point):
        """Annotate `nearest`: the squared distance to the service's nearest place.

        An equirectangular approximation: plain arithmetic, so it runs in SQLite too, and within
        the region it orders places exactly like great-circle distance."""
        lat0, lng0 = point
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
        return qs.annotate(nearest=Subquery(nearest, output_field=FloatField()))

    # --- Loading results --------------------------------------------------------------------

    @staticmethod
    def card_prefetches():
        """What a card shows of each service besides the service's own row."""
        return (
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
            "schedules",
        )

    def load(self, qs, cards=None):
        """Fetch services for display in a fixed number of queries, with their agency, visible
        places, languages, phones, category names in the visitor's language and whether they
        are open now (`opening`, see hours.opening_status).

        A card gives a distance only from where the visitor is (`distance`); with a district
        ticked instead it names the ticked districts the service is in (`in_districts`): a
        distance from a district's middle would read as one from the visitor.

        With `cards` (search/cards.py, the directory page), a service whose card is cached
        for this content version carries it as `.card` and loads nothing more: its places and
        weekly hours come with the card, and only what changes per request is worked out."""
        agency = AgencyPage.objects.filter(
            path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - ServicePage.steplen)
        )
        services = list(
            qs.annotate(
                agency_title=Subquery(agency.values("title")[:1]),
                agency_acronym=Subquery(agency.values("acronym")[:1]),
                language_code=F("locale__language_code"),
            )
        )
        hides_places = self.hides_places()
        cached = cards.found(services, hides_places) if cards is not None else {}
        prefetch_related_objects(
            [service for service in services if service.pk not in cached], *self.card_prefetches()
        )
        point = (self.params.lat, self.params.lng) if self.params.has_location else None
        ticked = set(self.params.districts)
        for service in services:
            service.card = cached.get(service.pk)
            if service.card is None:
                places, hours = self.prepare_card(service, hides_places)
                if cards is not None:
                    service.card = cards.start(service, hides_places, places, hours)
            else:
                places, hours = service.card["places"], service.card["hours"]
            service.opening = opening_status(
                hours,
                self.now,
                temporarily_closed=service.status == ServicePage.Status.TEMPORARILY_CLOSED,
            )
            service.in_districts = sorted_by_name(
                {
                    self.taxonomy.district_by_id[place.district_id]["label"]
                    for place in places
                    if place.district_id in ticked and not point
                },
                self.locale.language_code,
            )
            service.distance = None
            if point:
                distances = [
                    distance_km(point[0], point[1], place.latitude, place.longitude)
                    for place in places
                    if place.has_coordinates
                ]
                service.distance = min(distances) if distances else None
        return services

    def prepare_card(self, service, hides_places):
        """Set what a card shows of the service's own content on it; return the places the
        visitor may see and the weekly hours, which each request measures and reads again."""
        service.agency = (
            SimpleNamespace(title=service.agency_title, acronym=service.agency_acronym or "")
            if service.agency_title
            else None
        )
        # A service not yet translated is listed in its own language, marked as such.
        service.shown_in = "" if service.locale_id == self.locale.pk else service.language_code
        service.address_hidden = service.is_protection_sensitive and hides_places
        service.visible_locations = (
            list(service.locations.all()) if not service.address_hidden else []
        )
        service.provinces_shown = sorted_by_name(
            {loc.province.name for loc in service.locations.all()}, self.locale.language_code
        )
        service.category_labels = self.taxonomy.category_labels(
            c.translation_key for c in service.categories.all()
        )
        places = [
            CardPlace(loc.latitude, loc.longitude, loc.district_id)
            for loc in service.visible_locations
        ]
        hours = [
            WeeklyHours(schedule.weekday, schedule.opens_at, schedule.closes_at)
            for schedule in service.schedules.all()
        ]
        return places, hours

    def count_for(self, params):
        """How many services the same visitor would find with other parameters."""
        return DirectorySearch(params, self.user, self.locale, self.now).filtered().count()

    def word_suggestions(self):
        """When the words found nothing: the query spelled as the words people use for the
        categories ("did you mean"), and those categories, each with what it would find."""
        if not self.words:
            return []
        p = self.params
        folded = [word.folded for word in self.words]
        fixes, slugs = self.concepts.nearest(folded)
        ideas = []
        if fixes:
            spelled = dict(fixes)
            q = " ".join(spelled.get(word, word) for word in folded)
            fixed = replace(p, q=q, page=1)
            count = self.count_for(fixed)
            if count:
                ideas.append({"kind": "spelling", "q": q, "params": fixed, "count": count})
        labels = dict(self.taxonomy.category_order)
        categories = [
            (labels.get(str(category["translation_key"]), slug), slug)
            for slug, category in self.taxonomy.category_by_slug.items()
            if slug in slugs and slug not in p.categories
        ]
        for label, slug in sorted(categories):
            browse = replace(p, q="", categories=(slug,), page=1)
            count = self.count_for(browse)
            if count:
                ideas.append(
                    {"kind": "category", "names": [label], "params": browse, "count": count}
                )
        return ideas[:MAX_WORD_SUGGESTIONS]

    def suggestions(self):
        """When nothing matched: the same search without each filter (or the words), all of the
        chosen district's province, and the nearest districts of that province with results."""
        p = self.params
        ideas = self.word_suggestions()
        for name in ["q", *p.active_filters()] if p.q else p.active_filters():
            looser = p.without(name)
            count = self.count_for(looser)
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
