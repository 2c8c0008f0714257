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
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast, Concat
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import And, Or, PlainText
from wagtail.search.utils import get_descendants_content_types_pks

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


def text_match(word):
    """The primary keys of services whose text has one of the word's keys (see texts_match)."""
    return texts_match([word])


def texts_match(words, *, every=True):
    """The primary keys of services whose text has one of the keys of every word (or, with
    every=False, of any word), as a subquery when the backend is database-backed so nothing is
    loaded into Python. Not a listing: it may hold services nobody may list, and a search keeps
    only those of its own listing that it holds."""
    backend = get_search_backend()
    if on_postgres_index(backend):
        return postgres_texts_match(backend, words, every=every)
    if every:
        parts = [_any_key(word.keys) for word in words]
        query = parts[0] if len(parts) == 1 else And(parts)
    else:
        query = _any_key(frozenset().union(*(word.keys for word in words)))
    # One backend search however many words: SQLite's full-text table answers an OR of every
    # word's keys at once.
    results = backend.search(query, ServicePage.objects.live(), order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [obj.pk for obj in results[:MAX_BACKEND_RESULTS]]


def on_postgres_index(backend):
    """True when the search backend is Wagtail's database backend on PostgreSQL, whose index
    table texts_match reads directly."""
    if connection.vendor != "postgresql":
        return False
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend

    return isinstance(backend, PostgresSearchBackend)


def postgres_texts_match(backend, words, *, every):
    """texts_match on PostgreSQL: the services' keys read from Wagtail's index table alone,
    through the GIN index on its search text (migration 0018).

    The backend's own search joins the index table to the services and their pages, which the
    listing that uses the keys joins anyway: PostgreSQL then built the whole directory before
    it looked at the words, or tested a word's text service by service. A set of keys of which
    any will do is a subquery per key: PostgreSQL counts the services of one key well, but
    prices an `OR` of keys as if they were independent (a word's stems mostly come together),
    counted up to four times the services they find, and read the whole table instead of the
    index, 20 times slower. Several words that must all match stay one query, which the index
    answers at once and PostgreSQL never counts high."""
    entries = _service_entries()
    if every and len(words) > 1:
        return _index_keys(backend, entries, And([_any_key(word.keys) for word in words]))
    keys = sorted(frozenset().union(*(word.keys for word in words)))
    per_key = [_index_keys(backend, entries, PlainText(key)) for key in keys]
    return per_key[0].union(*per_key[1:], all=True)


def _service_entries():
    """The services' rows of Wagtail's index table, with their search text as the GIN index of
    migration 0018 has it."""
    from django.contrib.postgres.search import SearchVectorField

    search_text = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    return IndexEntry.objects.filter(
        content_type_id__in=get_descendants_content_types_pks(ServicePage)
    ).alias(search_text=search_text)


def _index_keys(backend, entries, query):
    """The primary keys of the services whose index entry matches a backend query, built into
    the same tsquery as the backend's own search."""
    compiler = backend.query_compiler_class(ServicePage.objects.none(), query)
    tsquery = compiler.build_tsquery(query, config=compiler.get_config(backend))
    return entries.filter(search_text=tsquery).values(service=Cast("object_id", IntegerField()))


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
    return text_or_categories(text_match(word), concept_ids(word, taxonomy))


def words_conditions(words, taxonomy, *, every=True):
    """The conditions a service must meet to match every query word (or, with every=False, any
    of them). The words no category answers for are matched together by one backend search."""
    if not every:
        ids = sorted({pk for word in words for pk in concept_ids(word, taxonomy)})
        return [text_or_categories(texts_match(words, every=False), ids)]
    conditions = []
    text_only = []
    for word in words:
        ids = concept_ids(word, taxonomy)
        if ids:
            conditions.append(text_or_categories(text_match(word), ids))
        else:
            text_only.append(word)
    if text_only:
        conditions.insert(0, Q(pk__in=texts_match(text_only)))
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
            in_text = Q(pk__in=text_match(word))
            total = total + Case(When(in_text, then=Value(TEXT_POINTS)), default=Value(0))
    return total


SCORE_OUTPUT = IntegerField()
