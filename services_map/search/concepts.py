"""Needs in people's own words: a query word that is one of the words people use for a service
category (`ServiceCategory.search_terms`, and the category's names) finds that category's
services, whatever language the word is in and whichever language's directory it is typed in.

A term matches when each of its words meets a different word of the query (search keys,
iswg_portal/core/analysis.py), in any order: `دورة لغة تركية` is met by the term `دورة لغة`,
`residence permit` by `residence permit`. The words a term meets are then satisfied by the
category as well as by the text.
"""

import difflib
from collections import Counter

from django.core.cache import cache

from iswg_portal.core.analysis import STOP_WORDS, word_keys, words_of
from iswg_portal.core.text import fold_for_search

from ..cache_version import current_version
from ..models import ServiceCategory

CACHE_SECONDS = 60 * 60
# A word used in this many of a category's terms is a word of that category.
RELATED_USES = 2
# "Did you mean": words this long or longer, this much alike (difflib's ratio).
NEAREST_MIN_LENGTH = 4
NEAREST_CUTOFF = 0.75
# The built index of the current version, kept in each process: rebuilt when the version moves.
_local = {}


class ConceptIndex:
    """Every category term as the keys of its words, looked up by any key of any word."""

    def __init__(self, terms, words=None, version=None):
        # terms: [(slug, (frozenset of keys, ...)), ...]; words: {folded word: [slugs]} of the
        # terms' words, which the typo tolerance knows as well as the services' own words.
        self.terms = terms
        # The directory cache version the index was built under (None: not from the cache).
        self.version = version
        self.word_slugs = words or {}
        self.words = frozenset(self.word_slugs)
        self.by_key = {}
        for number, (_slug, words) in enumerate(terms):
            for keys in words:
                for key in keys:
                    self.by_key.setdefault(key, set()).add(number)

    def match(self, query_keys):
        """For each query word (given as its set of keys): the category slugs whose terms it
        meets, wholly or together with other query words; and the slugs of the categories
        whose longer terms use the word at least RELATED_USES times and at least half as often
        as the category using it most (`ښوونځی`, school, in "school enrolment", "school
        books", "change school" ...), which rank their services higher without being
        required. Two lists as long as `query_keys`."""
        found = [set() for _ in query_keys]
        uses = [Counter() for _ in query_keys]
        candidates = set()
        for keys in query_keys:
            for key in keys:
                candidates |= self.by_key.get(key, set())
        for number in candidates:
            slug, words = self.terms[number]
            used = _assign(words, query_keys)
            if used is not None:
                for index in used:
                    found[index].add(slug)
                continue
            for index, query in enumerate(query_keys):
                if any(not keys.isdisjoint(query) for keys in words):
                    uses[index][slug] += 1
        related = [
            {
                slug
                for slug, n in counts.items()
                if n >= RELATED_USES and 2 * n >= max(counts.values())
            }
            - strong
            for counts, strong in zip(uses, found, strict=True)
        ]
        return found, related

    def nearest(self, folded_words):
        """For words that found nothing: the terms' words spelled most like each (two typos
        away at most), and the categories that use them. ([(word, near word)], slugs)"""
        fixes, slugs = [], set()
        for word in folded_words:
            if len(word) < NEAREST_MIN_LENGTH:
                continue
            close = difflib.get_close_matches(word, self.word_slugs, n=3, cutoff=NEAREST_CUTOFF)
            if close:
                if close[0] != word:
                    fixes.append((word, close[0]))
                for near in close:
                    slugs.update(self.word_slugs[near])
        return fixes, slugs


def _assign(term_words, query_keys):
    """Indexes of distinct query words meeting each word of the term, or None."""
    used = []
    for keys in term_words:
        for index, query in enumerate(query_keys):
            if index not in used and not keys.isdisjoint(query):
                used.append(index)
                break
        else:
            return None
    return used


def term_words(text):
    """A term's words as search keys, without the words that carry no need."""
    words = [word for word in words_of(text) if fold_for_search(word) not in STOP_WORDS]
    return tuple(keys for keys in (word_keys(word) for word in words) if keys)


def build_terms():
    """(slug, words) for every category name and term in every language, and the terms' folded
    words with the slugs of the categories that use them."""
    terms = {}
    vocabulary = {}
    rows = ServiceCategory.objects.values_list("slug", "name", "search_terms")
    for slug, name, search_terms in rows:
        for line in [name, *search_terms.splitlines()]:
            words = term_words(line)
            if words:
                terms.setdefault((slug, words), None)
                for word in fold_for_search(line).split():
                    if word not in STOP_WORDS:
                        vocabulary.setdefault(word, set()).add(slug)
    return list(terms), {word: sorted(slugs) for word, slugs in vocabulary.items()}


def concept_index():
    """The index of the current cache version: from this process, else the shared cache's
    terms, else the database."""
    version = current_version()
    index = _local.get(version)
    if index is None:
        key = f"directory-concepts:{version}"
        built = cache.get(key)
        if built is None:
            built = build_terms()
            cache.set(key, built, CACHE_SECONDS)
        index = ConceptIndex(*built, version=version)
        _local.clear()
        _local[version] = index
    return index
