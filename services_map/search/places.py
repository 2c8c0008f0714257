"""Place names in a query, in any script: `إزمير`, `izmir`, `IZMIR`, `ازمیر`, `بوجا`, `kemal pasa`,
`بإزمير` or `izmirde` each name a province or district of the directory.

Pure: it reads the places of the taxonomy snapshot (services_map/taxonomy.py, where each place
carries its names in every script folded as `spellings`) and the folded words of a query, and
touches no database. `DirectorySearch` turns the places found into conditions on where a
service is; the remaining words do the text matching.
"""

from dataclasses import dataclass

# Arabic prefixes written onto the next word: و (and), ف (so), ب (in, at), ل (to, for), ك (like)
# and their pairs ("وبإزمير"). A place name is recognised with them; words written apart
# ("في إزمير") stay words of their own.
ARABIC_CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
# Turkish case endings written onto a place name ("izmirde", "bucaya") or after an apostrophe,
# which folding turns into a word of its own ("İzmir'de" → "izmir de"); Kurmanji's -ê ("li
# Izmirê") folds to -e, and English "Izmir's" leaves an "s".
TURKISH_ENDINGS = (
    "deki",
    "daki",
    "teki",
    "taki",
    "den",
    "dan",
    "ten",
    "tan",
    "de",
    "da",
    "te",
    "ta",
    "ye",
    "ya",
    "e",
    "a",
)
DETACHED_ENDINGS = {*TURKISH_ENDINGS, "s"}
# What must remain once a prefix or ending is taken off: shorter stems ("kas" in "kasa", a till)
# are everyday words more often than places.
MIN_ARABIC_STEM = 3
MIN_LATIN_STEM = 4
# "Merkez" ("centre") names the central district of four provinces and is an everyday word in
# Turkish and, as "مركز", in Arabic and Persian ("مركز صحي", a health centre): such a district
# is named only together with its province ("Uşak Merkez", "مركز أوشاك").
GENERIC_DISTRICT_NAMES = {"merkez"}


@dataclass(frozen=True)
class Place:
    """A province or district a query names, with the folded names a text may mention it by."""

    kind: str  # "province" or "district"
    id: int
    name: str  # the Turkish name
    province_id: int  # a province's own id
    spellings: tuple

    @property
    def is_district(self):
        return self.kind == "district"


class PlaceIndex:
    """The folded names of every province and district, in every script, as word sequences."""

    def __init__(self, provinces, districts):
        """`provinces` and `districts` are the taxonomy snapshot's lists: dicts with `id`, the
        Turkish `name`, `spellings` (folded names) and, for a district, `province_id`."""
        self.names = {}
        province_spellings = {}
        for row in provinces:
            spellings = tuple(row["spellings"])
            province_spellings[row["id"]] = spellings
            self._add(Place("province", row["id"], row["name"], row["id"], spellings))
        for row in districts:
            spellings = tuple(row["spellings"])
            if spellings and spellings[0] in GENERIC_DISTRICT_NAMES:
                around = province_spellings.get(row["province_id"], ())
                spellings = tuple(
                    phrase
                    for own in spellings
                    for province in around
                    for phrase in (f"{province} {own}", f"{own} {province}")
                )
            self._add(Place("district", row["id"], row["name"], row["province_id"], spellings))
        self.longest = max((len(key) for key in self.names), default=0)

    def _add(self, place):
        for spelling in place.spellings:
            key = tuple(spelling.split())
            if place not in self.names.get(key, ()):
                self.names[key] = (*self.names.get(key, ()), place)

    def find_places(self, words):
        """The provinces and districts the folded `words` name, and the words left over.

        Longest names first ("kemal pasa" before a place called "kemal"). A district named
        with its province stands for itself alone ("Buca İzmir" is Buca); a district name that
        two provinces share means both, unless the query names one of them too."""
        mentions, remaining = [], []
        position = 0
        while position < len(words):
            match = self._match_at(words, position)
            if match is None:
                remaining.append(words[position])
                position += 1
                continue
            places, length = match
            mentions.append(places)
            position += length
            if position < len(words) and words[position] in DETACHED_ENDINGS:
                position += 1
        return resolve(mentions), remaining

    def _match_at(self, words, position):
        """The places named by the words from `position` on, and how many words name them."""
        for length in range(min(self.longest, len(words) - position), 0, -1):
            phrase = tuple(words[position : position + length])
            for key in spellings_of(phrase):
                if key in self.names:
                    return self.names[key], length
        return None


def spellings_of(phrase):
    """The phrase as typed, then without an Arabic prefix on its first word, then without a
    Turkish ending on its last word."""
    yield phrase
    first, last = phrase[0], phrase[-1]
    if is_arabic_script(first):
        for clitic in ARABIC_CLITICS:
            if first.startswith(clitic) and len(first) - len(clitic) >= MIN_ARABIC_STEM:
                yield (first[len(clitic) :], *phrase[1:])
    elif last.isascii():
        for ending in TURKISH_ENDINGS:
            if last.endswith(ending) and len(last) - len(ending) >= MIN_LATIN_STEM:
                yield (*phrase[:-1], last[: -len(ending)])


def is_arabic_script(word):
    """True when the word begins with a letter of the Arabic script (Arabic, Persian, Pashto)."""
    return bool(word) and "\u0600" <= word[0] <= "\u06ff"


def resolve(mentions):
    """The places meant by the mentions (each a tuple of places one name may mean), in order,
    each once: a shared district name keeps the candidates in a province also named, and a
    province gives way to its districts named beside it."""
    named_provinces = {p.id for places in mentions for p in places if not p.is_district}
    chosen = []
    for places in mentions:
        narrowed = [p for p in places if p.is_district and p.province_id in named_provinces]
        for place in narrowed if len(places) > 1 and narrowed else places:
            if place not in chosen:
                chosen.append(place)
    with_districts = {p.province_id for p in chosen if p.is_district}
    return tuple(p for p in chosen if p.is_district or p.id not in with_districts)


def find_places(words, taxonomy):
    """The provinces and districts the folded query `words` name (Place objects) and the words
    left for the text search, read from a Taxonomy snapshot."""
    if not words:
        return (), list(words)
    return place_index(taxonomy).find_places(words)


# Place indexes built in this process, by taxonomy snapshot: a snapshot never changes, a new
# directory version makes a new one.
_indexes = {}
MAX_INDEXES = 32


def place_index(taxonomy):
    """The PlaceIndex of a Taxonomy snapshot, built once per snapshot in each process."""
    key = taxonomy.snapshot_key
    index = _indexes.get(key) if key is not None else None
    if index is None:
        index = PlaceIndex(taxonomy.provinces, taxonomy.districts)
        if key is not None:
            if len(_indexes) >= MAX_INDEXES:
                _indexes.clear()
            _indexes[key] = index
    return index
