"""Free-text matching of services: each query word as its search keys (folded word and stems,
iswg_portal/core/analysis.py), the words one typo away that the directory knows, the category
terms it meets (concepts.py), and the score that puts the best matches first.

Stored text is indexed as search keys too, so the search backend only ever compares keys; it
can be the database backend (SQLite FTS5, PostgreSQL full text) or Elasticsearch/OpenSearch,
chosen in WAGTAILSEARCH_BACKENDS.
"""

import hashlib
import string
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Concat
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from iswg_portal.core.analysis import fold_word, query_terms, word_keys
from iswg_portal.core.text import fold_for_search

from ..models import SearchTerm, ServicePage
from .facets import CategoryLink

MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
# Shorter words are too easily confused with other words (ev/el, ilk/ilk) to forgive a typo.
TYPO_MIN_LENGTH = 5
# Longer "words" are codes or noise; forgiving them would only bloat the vocabulary lookup.
TYPO_MAX_LENGTH = 20
# Without a database-backed result set (Elasticsearch), this many matches are kept.
MAX_BACKEND_RESULTS = 5000
# How long the typo fixes of a word stay in the shared cache, at most (a new directory version
# forgets them sooner).
TYPO_CACHE_SECONDS = 60 * 60

# What a query word is worth to a service: in its name or agency's name, through one of the
# service's categories (a term people use for it), anywhere in its text.
NAME_POINTS = 3
CONCEPT_POINTS = 4
RELATED_POINTS = 2
TEXT_POINTS = 1

LATIN = string.ascii_lowercase + string.digits
# Arabic letters after folding (hamza forms, ta marbuta and alef maksura are already folded) and
# the Persian letters that folding keeps.
ARABIC = "ءاآبتثجحخدذرزسشصضطظعغفقكلمنهويپچژگ"


@dataclass
class QueryWord:
    """One word of a query: as typed, its search keys (its own and those of the directory's words
    one typo away) and the category slugs whose terms it meets."""

    typed: str
    folded: str
    keys: frozenset
    concepts: set = field(default_factory=set)
    related: set = field(default_factory=set)


def query_words(text):
    """The folded words of a query, each once (a Persian word joined by a zero-width non-joiner
    counts as its parts), at most MAX_QUERY_WORDS typed words."""
    words = []
    for typed in query_terms(text, MAX_QUERY_WORDS, drop_stop_words=False):
        words.extend(part for part in fold_for_search(typed).split() if part not in words)
    return words


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


def expand_words(words, vocabulary=frozenset(), version=None):
    """For each folded query word, the words to look for: itself, and, when neither the
    directory nor `vocabulary` (the category terms' words) contains it and it is long enough,
    their words one typo away. At most one query, none when the category terms know every
    word. With `version`, the directory cache version `vocabulary` belongs to, the fixes are
    kept in the shared cache under it: the directory's words change only with a new version
    (services_map/signals.py)."""
    candidates = [
        word
        for word in dict.fromkeys(words)
        if TYPO_MIN_LENGTH <= len(word) <= TYPO_MAX_LENGTH and word not in vocabulary
    ]
    fixes = {}
    if candidates and version is None:
        fixes = typo_fixes(candidates, vocabulary)
    elif candidates:
        keys = {word: typo_cache_key(version, word) for word in candidates}
        cached = cache.get_many(keys.values())
        fixes = {word: cached[key] for word, key in keys.items() if key in cached}
        missing = [word for word in candidates if word not in fixes]
        if missing:
            found = typo_fixes(missing, vocabulary)
            cache.set_many({keys[word]: found[word] for word in missing}, TYPO_CACHE_SECONDS)
            fixes.update(found)
    return [[word, *fixes.get(word, ())] for word in words]


def typo_cache_key(version, word):
    """The shared cache's key of a word's typo fixes under a directory version."""
    digest = hashlib.sha256(word.encode()).hexdigest()
    return f"directory-typos:{version}:{digest}"


def typo_fixes(words, vocabulary):
    """For each word the directory does not know, the known words one typo away, sorted; an
    empty list for a word the directory knows. One query."""
    variants = {word: one_edit_variants(word) for word in words}
    lookup = set(words).union(*variants.values())
    known = set(SearchTerm.objects.filter(word__in=lookup).values_list("word", flat=True))
    known |= lookup & vocabulary
    return {word: [] if word in known else sorted(variants[word] & known) for word in words}


def analyse_query(typed, vocabulary=frozenset(), version=None):
    """The QueryWords of the words of a query as typed (places already taken out), without the
    words that carry no need, typos forgiven (see expand_words for `version`)."""
    typed = query_terms(" ".join(typed), MAX_QUERY_WORDS)
    spellings = expand_words([fold_word(word) for word in typed], vocabulary, version)
    words = []
    for word, (folded_word, *fixes) in zip(typed, spellings, strict=True):
        keys = set(word_keys(word))
        for fix in fixes:
            keys |= word_keys(fix)
        words.append(QueryWord(typed=word, folded=folded_word, keys=frozenset(keys)))
    return words


def remember_words(*texts):
    """Add the words of folded texts to the vocabulary used for typo tolerance."""
    words = {word[:64] for text in texts for word in (text or "").split() if len(word) >= 3}
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word) for word in sorted(words)], ignore_conflicts=True
        )


def text_match(word, queryset):
    """The primary keys of services in `queryset` whose text has one of the word's keys, as a
    subquery when the backend is database-backed so nothing is loaded into Python."""
    return texts_match([word], queryset)


def texts_match(words, queryset, *, every=True):
    """The primary keys of services in `queryset` whose text has one of the keys of every word
    (or, with every=False, of any word): one search of the backend however many words."""
    backend = get_search_backend()
    if every:
        parts = [_any_key(word.keys) for word in words]
        query = parts[0] if len(parts) == 1 else And(parts)
    else:
        query = _any_key(frozenset().union(*(word.keys for word in words)))
    results = backend.search(query, queryset, order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [obj.pk for obj in results[:MAX_BACKEND_RESULTS]]


def _any_key(keys):
    """The backend query of a text with any of these search keys."""
    terms = [PlainText(key) for key in sorted(keys)]
    return terms[0] if len(terms) == 1 else Or(terms)


def in_categories(category_ids):
    """The condition on ServicePage of a service in any of these categories."""
    links = CategoryLink.objects.filter(
        servicepage_id=OuterRef("pk"), servicecategory_id__in=category_ids
    )
    return Q(Exists(links))


def concept_ids(word, taxonomy):
    """The categories a query word names (a sector brings its types along)."""
    return taxonomy.category_ids_for(sorted(word.concepts))


def text_or_categories(text_pks, category_ids):
    """The condition of a service among `text_pks` or in one of the categories: one `IN` over
    the union of both, which the database answers as one set instead of testing an `OR` of
    two subqueries for every listed service."""
    if not category_ids:
        return Q(pk__in=text_pks)
    in_category = CategoryLink.objects.filter(servicecategory_id__in=category_ids).values(
        "servicepage_id"
    )
    if isinstance(text_pks, list):
        return Q(pk__in=text_pks) | Q(pk__in=in_category)
    return Q(pk__in=text_pks.union(in_category))


def word_condition(word, taxonomy):
    """A service matches a query word through its text or through a category the word names."""
    return text_or_categories(
        text_match(word, ServicePage.objects.live()), concept_ids(word, taxonomy)
    )


def words_conditions(words, taxonomy, *, every=True):
    """The conditions a service must meet to match every query word (or, with every=False, any
    of them). The words no category answers for are matched together by one backend search."""
    live = ServicePage.objects.live()
    if not every:
        ids = sorted({pk for word in words for pk in concept_ids(word, taxonomy)})
        return [text_or_categories(texts_match(words, live, every=False), ids)]
    conditions = []
    text_only = []
    for word in words:
        ids = concept_ids(word, taxonomy)
        if ids:
            conditions.append(text_or_categories(text_match(word, live), ids))
        else:
            text_only.append(word)
    if text_only:
        conditions.insert(0, Q(pk__in=texts_match(text_only, live)))
    return conditions


def in_name(word):
    """The condition of a word among the keys of the service's or agency's name."""
    condition = Q()
    for key in sorted(word.keys):
        condition |= Q(padded_name__contains=f" {key} ")
    return condition


def padded_name():
    """The name keys with a space at each end, so a key is found only as a whole key."""
    return Concat(Value(" "), F("search_name"), Value(" "))


def score(words, taxonomy, *, count_text=False):
    """A SQL expression of how well a service matches: for each query word, points for the
    name, for a category it names, for a category whose terms use it and (when not every word
    has to match) for the text."""
    total = Value(0)
    for word in words:
        total = total + Case(When(in_name(word), then=Value(NAME_POINTS)), default=Value(0))
        ids = concept_ids(word, taxonomy)
        if ids:
            total = total + Case(
                When(in_categories(ids), then=Value(CONCEPT_POINTS)), default=Value(0)
            )
        # Each category whose terms use the word adds: a health centre (primary care and
        # reproductive health) before a mental health service for "doktor".
        for slug in sorted(word.related):
            ids = taxonomy.category_ids_for([slug])
            if ids:
                total = total + Case(
                    When(in_categories(ids), then=Value(RELATED_POINTS)), default=Value(0)
                )
        if count_text:
            in_text = Q(pk__in=text_match(word, ServicePage.objects.live()))
            total = total + Case(When(in_text, then=Value(TEXT_POINTS)), default=Value(0))
    return total


SCORE_OUTPUT = IntegerField()
