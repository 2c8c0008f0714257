"""The home page's ways into the directory for a person looking for help: the needs as tiles,
each a link to the directory filtered by a sector or a type of service, and the place they
chose ("Where are you?"), carried into every link so a tap on a need finds the services there.

The place is remembered in the home page's own query string (`?province=izmir&district=12`),
so all of this works without JavaScript and without a cookie."""

from dataclasses import dataclass, field

from django.http import QueryDict

# The tiles, in the order a person in need looks for them: each sector, and beside it the types
# of service people ask for most (the demo's and the partners' most listed), each with its
# pictogram (templates/components/pictograms/). A sector the co-chairs add later gets a tile
# with the general pictogram; a type of service not in the taxonomy gets none.
NEEDS = [
    ("health", "health"),
    ("legal-counselling", "legal"),
    ("registration-documentation", "documents"),
    ("basic-needs", "basic-needs"),
    ("cash-assistance", "cash"),
    ("protection", "protection"),
    ("sgbv-response", "women"),
    ("child-protection", "child"),
    ("psychosocial-support", "support"),
    ("education", "education"),
    ("turkish-language-courses", "language"),
    ("livelihoods", "work"),
]
GENERAL_PICTOGRAM = "general"


@dataclass
class Place:
    """Where the visitor said they are: a province, and maybe one of its districts (the rows
    of the directory's taxonomy snapshot, labelled in the visitor's language)."""

    province: dict | None = None
    district: dict | None = None
    query: QueryDict = field(default_factory=QueryDict)

    @property
    def label(self):
        """The place's name as the visitor reads it: the district's, else the province's."""
        chosen = self.district or self.province
        return chosen["label"] if chosen else ""

    def __bool__(self):
        return self.province is not None


def chosen_place(params, taxonomy):
    """The place named by the home page's query string, checked against the taxonomy: a
    district brings its own province (a district of another province than the one given wins,
    being the more precise choice); unknown values are left out."""
    district = None
    district_id = params.get("district", "")
    if district_id.isdigit():
        district = taxonomy.district_by_id.get(int(district_id))
    if district is not None:
        province = next(
            (row for row in taxonomy.provinces if row["id"] == district["province_id"]), None
        )
    else:
        province = taxonomy.province_by_slug.get(params.get("province", ""))
    query = QueryDict(mutable=True)
    if district is not None:
        # The directory's district filter alone: its province is implied.
        query["district"] = str(district["id"])
    elif province is not None:
        query["province"] = province["slug"]
    return Place(province=province, district=district, query=query)


def directory_link(directory_url, place, **filters):
    """A link into the directory with the place and the given filters (`category="health"`,
    `open_now="1"`)."""
    query = place.query.copy()
    for name, value in filters.items():
        query[name] = value
    encoded = query.urlencode()
    return f"{directory_url}?{encoded}" if encoded else directory_url


def need_tiles(taxonomy, directory_url, place):
    """The tiles of the needs: each with its name in the visitor's language, its pictogram
    and its link into the directory at the chosen place."""
    tiles = []
    shown = set()
    listed = [*NEEDS, *((sector["slug"], GENERAL_PICTOGRAM) for sector in taxonomy.sectors)]
    for slug, pictogram in listed:
        category = taxonomy.category_by_slug.get(slug)
        if category is None or slug in shown:
            continue
        shown.add(slug)
        tiles.append(
            {
                "slug": slug,
                "name": category["name"],
                "pictogram": pictogram,
                "url": directory_link(directory_url, place, category=slug),
            }
        )
    return tiles


def district_groups(taxonomy):
    """The districts grouped by province, both in the visitor's alphabetical order, for a
    select that needs no script: [(province row, [district rows])]."""
    by_province = {}
    for district in taxonomy.districts:
        by_province.setdefault(district["province_id"], []).append(district)
    return [
        (province, by_province[province["id"]])
        for province in taxonomy.provinces
        if province["id"] in by_province
    ]
