"""How search reads words: the same analysis for what agencies wrote and what
people type, so `اطفال` finds `الأطفال`, `kursu` finds `kursları` and `permit` finds `permits`.

A word is folded (iswg_portal.core.text: case, accents, Arabic letter variants) and gives a set
of *keys*: the folded word itself and its stems. Two words match when their keys meet. The
language of a single word is rarely known (an Arabic speaker types Arabic in the Turkish
directory, Turkish pages quote English names), so a word is analysed by its script with every
language written in it:

- Latin script (English, Turkish, Kurmanji): the Snowball stemmers of English and Turkish, the
  word cut to its first six letters (Turkish adds suffixes only, and a six-letter prefix
  conflates its forms as well as a stemmer does), Turkish case and possessive endings, and
  the Kurmanji endings -an, -ên, -ê, -a, -ek;
- Arabic script (Arabic, Persian, Pashto): the Arabic clitics (ال, وال, بال, فال, كال, لل and a
  single و, ب, ل, ف, ك) taken off, then the Snowball stemmers of Arabic and Persian, and the
  Persian and Pashto plural endings (ها, های, ان, ات, ونه, گان).

Stored text is indexed as the keys of its words (`index_text`); a query word matches a service
when any of its keys is among them. Words that carry no need (I, need, a, بدي, من, می‌خواهم)
are dropped from queries (`STOP_WORDS`).
"""

import re
from functools import lru_cache

import snowballstemmer

from .text import fold_for_search

# Below this many letters a stem is too short to tell words apart.
MIN_STEM = 3
# A Latin word longer than this is also matched by its first PREFIX_LENGTH letters.
PREFIX_LENGTH = 6

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Words, keeping combining marks (Arabic harakat, decomposed accents) and a Persian zero-width
# non-joiner inside the word they belong to.
WORD = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200c]+")

# Clitics written onto an Arabic word, longest first: "and the", "with the", "so the",
# "like the", "for the", "the"; then one-letter conjunctions and prepositions.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
ARABIC_LETTER_PREFIXES = ("و", "ب", "ل", "ف", "ك")
# Plural and attached endings of Persian and Pashto (folded spelling), longest first.
PERSIAN_PASHTO_SUFFIXES = ("هاي", "ها", "گاني", "گانو", "ونه", "انو", "ان", "ات", "ي")
# Turkish plural, possessive and case endings (folded: ı→i, ü→u), longest first.
TURKISH_SUFFIXES = (
    "lari",
    "leri",
    "lar",
    "ler",
    "nin",
    "nun",
    "dan",
    "den",
    "tan",
    "ten",
    "si",
    "su",
    "ya",
    "ye",
    "da",
    "de",
    "ta",
    "te",
    "in",
    "un",
    "i",
    "u",
    "a",
    "e",
)
# Kurmanji plural, definite and indefinite endings (folded: ê→e, î→i).
KURMANJI_SUFFIXES = ("eke", "yen", "ye", "ya", "an", "en", "ek", "e", "a")

# Words that say nothing about the need, per language, folded. Only dropped from queries. Not
# "is": folded, the Turkish "iş" (work) is spelled the same.
STOP_WORDS = frozenset(
    fold_for_search(
        " ".join(
            [
                # English
                "a an the i me my we our you your he she his her it its they them their of in "
                "on at to for from by with and or am are was be been have has had do does "
                "need needs needed want wants looking look search find where how what who can "
                "get some any please near nearby there this that help",
                # Turkish
                "bir ben benim biz bize bana sen siz o bu şu ve ile için de da mi mı mu mü ne "
                "nerede nereye nasıl kim var yok lazım istiyorum arıyorum ariyorum gerek "
                "gerekiyor ihtiyacım ihtiyacim ihtiyaç yakın yakınımda en çok",
                # Kurmanji
                "ez min em me tu te ew wî wê û ji bo li di de ku çi kî ka kengê hewce dixwazim "
                "digerim heye tune",
                # Arabic (Standard, Syrian, Iraqi)
                "انا أنا نحن انت أنت هو هي من في على الى إلى عن مع و او أو ما ماذا وين فين "
                "اين أين كيف شو ايش هل بدي بدنا اريد أريد نريد احتاج أحتاج نحتاج محتاج "
                "ابحث أبحث عم لي الي اللي يلي عند قريب جنب هاد هذا هذه",
                # Persian and Dari
                "من ما تو شما او آنها در به از با برای که را و یا این آن کجا چطور چگونه "
                "می‌خواهم میخواهم میخوام لازم دارم نیاز احتیاج است هست کی چه نزدیک",
                # Pashto
                "زه موږ ته تاسو هغه په د له سره لپاره چې او یا دا کوم چیرته څنګه غواړم "
                "اړتیا لرم ده دی",
            ]
        )
    ).split()
)


def fold_word(word):
    """One word folded as one word: a Persian word joined by a zero-width non-joiner, which
    folding splits, stays whole."""
    return fold_for_search(word).replace(" ", "")


_STEMMERS = {name: snowballstemmer.stemmer(name) for name in ("english", "turkish")}
_ARABIC_STEMMERS = {name: snowballstemmer.stemmer(name) for name in ("arabic", "persian")}


def _settle(stemmer, word):
    """Stem until the stemmer changes nothing more: Snowball's Turkish and Arabic stemmers take
    off one layer of endings at a time, so `yardımları` and `yardım` meet only at the end."""
    for _ in range(4):
        stem = stemmer.stemWord(word)
        if stem == word:
            break
        word = stem
    return word


def _strip(word, suffixes, min_stem=MIN_STEM + 1):
    """The word without its endings from `suffixes`, taken off one after another."""
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= min_stem:
                word = word[: -len(suffix)]
                changed = True
                break
    return word


def _arabic_bases(word):
    """The folded Arabic-script word and its forms without clitics."""
    bases = {word}
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            bases.add(word[len(prefix) :])
            break
    for prefix in ARABIC_LETTER_PREFIXES:
        if word.startswith(prefix) and len(word) - 1 > MIN_STEM:
            rest = word[1:]
            bases.add(rest)
            for article in ("ال", "لل"):
                if rest.startswith(article) and len(rest) - 2 >= MIN_STEM:
                    bases.add(rest[2:])
    return bases


@lru_cache(maxsize=50_000)
def word_keys(word):
    """The keys of one word as written (any case, any script): the folded word and its stems."""
    raw = word.replace("\u200c", "").translate(str.maketrans({"İ": "i", "I": "ı"})).lower()
    folded = fold_word(raw)
    if not folded:
        return frozenset()
    keys = {folded}
    if ARABIC_SCRIPT.search(folded):
        for base in _arabic_bases(folded):
            keys.add(base)
            for stemmer in _ARABIC_STEMMERS.values():
                keys.add(fold_word(_settle(stemmer, base)))
            keys.add(_strip(base, PERSIAN_PASHTO_SUFFIXES))
        # The Persian stemmer reads Persian letters, which folding turned into Arabic ones.
        keys.add(fold_word(_settle(_ARABIC_STEMMERS["persian"], raw)))
    else:
        for stemmer in _STEMMERS.values():
            keys.add(fold_for_search(_settle(stemmer, raw)))
            keys.add(_settle(stemmer, folded))
        if len(folded) > PREFIX_LENGTH:
            keys.add(folded[:PREFIX_LENGTH])
        keys.add(_strip(folded, TURKISH_SUFFIXES))
        keys.add(_strip(folded, KURMANJI_SUFFIXES))
    # Latin stems need a letter more than Arabic ones (whose roots have three): `res` from
    # both "residence" and "resume" would join unrelated words.
    shortest = MIN_STEM if ARABIC_SCRIPT.search(folded) else MIN_STEM + 1
    return frozenset(key for key in keys if len(key) >= shortest or key == folded)


def words_of(text):
    """The words of a text as written, in order."""
    return WORD.findall(str(text or ""))


def index_text(text):
    """The text as the search index stores it: the keys of its words, each once."""
    seen = {}
    for word in words_of(text):
        for key in sorted(word_keys(word)):
            seen.setdefault(key, None)
    return " ".join(seen)


def query_terms(text, max_words=8, *, drop_stop_words=True):
    """The words of a query, as typed, each once; without the words that carry no need
    (unless the query is nothing but such words). Kept as typed: the Turkish stemmer reads ç,
    ş and ı, which folding would take away."""
    words = {}
    for word in words_of(text):
        folded = fold_word(word)
        if folded and folded not in words:
            words[folded] = word[:40]
    if drop_stop_words:
        meaningful = [word for folded, word in words.items() if folded not in STOP_WORDS]
        if meaningful:
            return meaningful[:max_words]
    return list(words.values())[:max_words]


def keys_meet(first, second):
    """True when two words (given by their keys) match."""
    return not first.isdisjoint(second)
