"""The fixed parts of the directory's result cards, kept in the shared cache per content
version: what a card shows of a service's published content (title, agency, badges, summary,
categories, places, languages, phone) is rendered once per service, language, site and
visitor kind, instead of on every search that lists it. What changes from one request to the
next (open now, today's hours, how far, which ticked districts) is worked out per request from
the places and weekly hours kept beside the HTML.

The key carries the content version (core/content_version.py), so a publication shows on the
next request, and whether the visitor may see protection-sensitive places; a card is only ever
read for a service the visitor's own search found, so a members-only card never reaches the
public through it."""

import contextlib
import hashlib
from functools import cache as memoize
from typing import NamedTuple

from django.core.cache import cache
from django.template.loader import get_template

from iswg_portal.core.fragments import FRAGMENT_SECONDS, fragment_key

CARD_TEMPLATE = "components/directory_result.html"
# The parts of the card template ({% card_part %}) a complete card holds.
CARD_PARTS = frozenset({"head", "badges", "details"})
# What a cached card holds; a change to its shape or to the code that prepares a card's
# fields must change this, as a deployment does not start a new content version.
CARD_FORMAT = 1


class WeeklyHours(NamedTuple):
    """One opening period of a service's week, as hours.opening_status reads it."""

    weekday: int
    opens_at: object
    closes_at: object


class CardPlace(NamedTuple):
    """A place of a service that the visitor may see: its position and district."""

    latitude: object
    longitude: object
    district_id: int

    @property
    def has_coordinates(self):
        """True when the place can be measured from the visitor."""
        return self.latitude is not None and self.longitude is not None


@memoize
def _template_digest():
    """A short digest of the card template's source: a deployment that changes the template
    reads none of the cards rendered with the old one."""
    template = get_template(CARD_TEMPLATE).template
    return hashlib.sha256(template.source.encode()).hexdigest()[:12]


class ResultCards:
    """The cached cards of one page of results, read in one round trip to the shared cache and
    written back in one after the page is rendered."""

    def __init__(self, host, language_code):
        self.host = host
        self.language_code = language_code
        self.new = []

    def key(self, service_pk, hides_places):
        """The cache key of one service's card for this page's visitors."""
        return fragment_key(
            "directory-card",
            CARD_FORMAT,
            _template_digest(),
            self.language_code,
            self.host,
            hides_places,
            service_pk,
        )

    def found(self, services, hides_places):
        """The cached cards of these services, by primary key."""
        keys = {self.key(service.pk, hides_places): service.pk for service in services}
        try:
            cached = cache.get_many(list(keys))
        except Exception:  # noqa: BLE001 - a failing cache is a cache that misses
            cached = {}
        return {keys[key]: card for key, card in cached.items() if _complete(card)}

    def start(self, service, hides_places, places, hours):
        """A new card for `service`, with the facts each request needs; the template fills in
        its parts as it renders them, and `keep()` stores it."""
        card = {"places": places, "hours": hours, "parts": {}}
        self.new.append((self.key(service.pk, hides_places), card))
        return card

    def keep(self, response=None):
        """Store the cards rendered whole (post-render callback of the page's response)."""
        complete = {key: card for key, card in self.new if _complete(card)}
        if complete:
            # A failing cache keeps nothing; the page is already built.
            with contextlib.suppress(Exception):
                cache.set_many(complete, FRAGMENT_SECONDS)
        self.new = []


def _complete(card):
    return isinstance(card, dict) and set(card.get("parts", ())) == CARD_PARTS
