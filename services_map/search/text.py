"""Free-text matching of services: folded words, one-typo tolerance, Wagtail's search backend.

Stored text and query are both folded with `fold_for_search`, so the search backend only ever
sees lower-case ASCII or normalised Arabic letters; it can be the database backend (SQLite FTS5,
PostgreSQL full text) or Elasticsearch/OpenSearch, chosen in WAGTAILSEARCH_BACKENDS.
"""

import string

from django.db.models import Case, ExpressionWrapper, IntegerField, Q, Value, When
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from iswg_portal.core.text import fold_for_search

from ..models import SearchTerm

MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
# Shorter words are too easily confused with other words (ev/el, ilk/ilk) to forgive a typo.
TYPO_MIN_LENGTH = 5
# Longer "words" are codes or noise; forgiving them would only bloat the vocabulary lookup.
TYPO_MAX_LENGTH = 20
# Without a database-backed result set (Elasticsearch), this many matches are kept.
MAX_BACKEND_RESULTS = 5000

LATIN = string.ascii_lowercase + string.digits
# Arabic letters after folding (hamza forms, ta marbuta and alef maksura are already folded) and
# the Persian letters that folding keeps.
ARABIC = "ءاآبتثجحخدذرزسشصضطظعغفقكلمنهويپچژگ"


def query_words(text):
    """The folded words of a query, without repeats, at most MAX_QUERY_WORDS of them."""
    words = []
    for word in fold_for_search(text).split():
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def one_edit_variants(word):
    """Every word one deletion, insertion, substitution or swap of neighbours away, spelled in
    the word's own script."""
    alphabet = LATIN if all(ch in LATIN for ch in word) else ARABIC + LATIN
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    variants = {left + right[1:] for left, right in splits if right}
    variants |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    variants |= {left + ch + right[1:] for left, right in splits if right for ch in alphabet}
    variants |= {left + ch + right for left, right in splits for ch in alphabet}
    variants.discard(word)
    return variants


def expand_words(words):
    """For each query word, the words to look for: itself, and, when the directory does not
    contain it and it is long enough, the directory's words one typo away. One query at most."""
    candidates = {}
    for word in words:
        if TYPO_MIN_LENGTH <= len(word) <= TYPO_MAX_LENGTH:
            candidates[word] = one_edit_variants(word)
    known = set()
    if candidates:
        lookup = set(candidates) | set().union(*candidates.values())
        known = set(SearchTerm.objects.filter(word__in=lookup).values_list("word", flat=True))
    expanded = []
    for word in words:
        if word in candidates and word not in known:
            fixes = sorted(candidates[word] & known)
            expanded.append([word, *fixes])
        else:
            expanded.append([word])
    return expanded


def remember_words(*texts):
    """Add the words of folded texts to the vocabulary used for typo tolerance."""
    words = {word[:64] for text in texts for word in (text or "").split() if len(word) >= 3}
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True
        )


def build_query(expanded):
    """Every query word must match (any of its spellings)."""
    parts = []
    for spellings in expanded:
        terms = [PlainText(spelling) for spelling in spellings]
        parts.append(terms[0] if len(terms) == 1 else Or(terms))
    return parts[0] if len(parts) == 1 else And(parts)


def matching_ids(expanded, queryset):
    """The primary keys of services in `queryset` whose text matches, as a subquery when the
    backend is database-backed so nothing is loaded into Python."""
    backend = get_search_backend()
    results = backend.search(build_query(expanded), queryset, order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().values("pk")
    return [obj.pk for obj in results[:MAX_BACKEND_RESULTS]]


def name_relevance(expanded):
    """A SQL expression counting the query words found in the service's or agency's name, so
    those services rank above ones that only mention the words in their description."""
    score = Value(0)
    for spellings in expanded:
        in_name = Q()
        for spelling in spellings:
            in_name |= Q(search_name__contains=spelling)
        score = score + Case(When(in_name, then=Value(1)), default=Value(0))
    return ExpressionWrapper(score, output_field=IntegerField())
