"""Folding of Turkish and Arabic text for search, case by case."""

import pytest

from iswg_portal.core.text import fold_for_search


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("izmir", "İzmir"),
        ("İZMİR", "İzmir"),
        ("Izmir", "İzmir"),
        ("IZMIR", "izmir"),
        ("saglik", "Sağlık"),
        ("SAĞLIK", "sağlık"),
        ("karsiyaka", "Karşıyaka"),
        ("cocuk", "Çocuk"),
        ("ogrenci", "Öğrenci"),
        ("usak", "Uşak"),
        ("مستشفى", "مُسْتَشْفَى"),  # diacritics
        ("كتاب", "كتـــاب"),  # tatweel
        ("احمد", "أحمد"),  # alef with hamza above
        ("اسلام", "إسلام"),  # alef with hamza below
        ("امنه", "آمنة"),  # alef madda, ta marbuta
        ("مستشفي", "مستشفى"),  # alef maksura
        ("خدمات", "خدمات"),
        ("كودك", "کودک"),  # Persian keheh
        ("زندگي", "زندگی"),  # Persian yeh
        ("گروهی", "ګروهی"),  # Pashto gaf with ring
        ("مرستی", "مرستې"),  # Pashto e
        ("دي", "دۍ"),  # Pashto yeh with tail
        ("شځو", "ښځو"),  # Pashto x̌in
        ("دله", "ډله"),  # Pashto retroflex d
    ],
)
def test_typed_text_folds_to_the_same_as_stored_text(typed, stored):
    assert fold_for_search(typed) == fold_for_search(stored)


def test_punctuation_and_spacing_are_collapsed():
    assert fold_for_search("  Legal-aid,   (Konak) ") == "legal aid konak"


def test_arabic_indic_and_persian_digits_become_ascii():
    assert fold_for_search("٠٥٣٢ ۱۲۳") == "0532 123"


def test_empty_and_none_fold_to_empty():
    assert fold_for_search("") == ""
    assert fold_for_search(None) == ""
