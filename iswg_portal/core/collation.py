"""Alphabetical order as each language's readers expect it, from ICU's collation rules (CLDR):
in Turkish Ç after C and İzmir between Isparta and Kütahya, Persian ک between ق and گ.
See docs/decisions/0009-icu-collation.md."""

from functools import lru_cache

import icu

# Portal language codes that ICU knows by another name: Kurmanji is ICU's "ku" (Latin script).
ICU_LOCALES = {"kmr": "ku"}


@lru_cache(maxsize=64)
def collator(language_code):
    """The ICU collator of a language ("tr", "fa", "kmr", "pt-br"...), made once per process.

    A language ICU has no rules for gets the root order of the Unicode Collation Algorithm
    (accents and case after the letter, each script together), as does an unknown code.
    Numbers within names compare by value ("Centre 2" before "Centre 10")."""
    tag = ICU_LOCALES.get(language_code, language_code or "")
    try:
        made = icu.Collator.createInstance(icu.Locale.forLanguageTag(tag))
    except icu.ICUError:
        made = icu.Collator.createInstance(icu.Locale.getRoot())
    made.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
    made.setAttribute(icu.UCollAttribute.NORMALIZATION_MODE, icu.UCollAttributeValue.ON)
    return made


def sort_key(text, language_code):
    """The ICU sort key of a text as lowercase hexadecimal, to store in a database column:
    ordered as plain text (byte by byte, as SQLite and PostgreSQL compare it), such keys give
    the language's alphabetical order on any database."""
    # ICU ends every key with a zero byte, which adds nothing to the comparison.
    return collator(language_code).getSortKey(text or "").rstrip(b"\x00").hex()


def sorted_by_name(items, language_code, key=None):
    """The items in the language's alphabetical order of their names; `key` gives an item's
    name (by default the item itself)."""
    name_of = key or (lambda item: item)
    order = collator(language_code)
    return sorted(items, key=lambda item: order.getSortKey(name_of(item) or ""))
