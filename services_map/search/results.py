"""What a directory search takes and gives back: parameters, facets, one page of results."""

from dataclasses import dataclass, field, replace

PAGE_SIZE = 20
SORTS = ("relevance", "distance", "name")


@dataclass(frozen=True)
class SearchParams:
    """What the visitor asked for, already validated (see public.forms.DirectorySearchForm)."""

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
    # False when no service matched every word and these match some of them.
    all_words_matched: bool = True
    # The places the query named, when nothing there matched and these come from elsewhere.
    widened_places: list = field(default_factory=list)

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.num_pages
