"""Alphabetical order in each language, case by case."""

import random

import pytest

from iswg_portal.core.collation import sort_key, sorted_by_name


def shuffled(names):
    """The names in an order that is certainly not the expected one."""
    mixed = list(reversed(names))
    random.Random(16).shuffle(mixed)
    return mixed


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        # İzmir between Isparta and Kütahya: dotless I comes before dotted İ, both before K.
        ("tr", ["Antalya", "Aydın", "Burdur", "Denizli", "Isparta", "İzmir", "Kütahya", "Manisa"]),
        # Ç is a letter of its own between C and D.
        ("tr", ["Bornova", "Buca", "Cide", "Çeşme", "Çiğli", "Dikili"]),
        ("tr", ["Cinsel sağlık", "Çocuk koruma", "Dil kursu"]),
        # Ö after O, Ş after S, Ü after U.
        ("tr", ["Ortaca", "Ödemiş", "Selçuk", "Söke", "Şehzadeler", "Urla", "Uşak", "Üzümlü"]),
        # Ğ between G and H; dotless ı before i.
        ("tr", ["Agop", "Ağrı", "Ahlat", "Kırkağaç", "Kiraz"]),
        # Persian: پ after ب, چ after ج, ژ after ز, ک after ق and before گ, all before م.
        ("fa", ["بابا", "پدر", "جان", "چای", "زن", "ژاله", "قلم", "کتاب", "گل", "مادر", "یار"]),
        # Arabic in the order of its alphabet, the article ال read as the letters it is.
        (
            "ar",
            ["أطفال", "الصحة", "باب", "تعليم", "جامعة", "حماية", "خدمات", "دعم", "رعاية"]
            + ["سكن", "شرطة", "عمل", "غذاء", "قانون", "كتاب", "لغة", "مدرسة", "هوية", "وطن"],
        ),
        # Pashto: ټ after ت, ځ and چ after ج, ډ after د, ښ after ش, ګ after ک.
        ("ps", ["تور", "ټول", "ثور", "جوړ", "ځای", "چرګ", "دوا", "ډاکټر", "شپه", "ښځه"]),
        # English ignores case and accents but for ties: apple, Apple, banana, éclair, Zebra.
        ("en", ["apple", "Apple", "banana", "eagle", "éclair", "Zebra"]),
        # Kurmanji (ICU's "ku"): ê and î are letters of their own after e and i; ç after c, ş
        # after s.
        ("kmr", ["cih", "çav", "ez", "êvar", "fêkî", "ir", "îro", "sor", "şîr", "xwarin"]),
        # Numbers in names compare by value.
        ("tr", ["Toplum Merkezi 2", "Toplum Merkezi 10", "Toplum Merkezi 11"]),
    ],
)
def test_names_follow_the_alphabet_of_the_language(language, expected):
    assert sorted_by_name(shuffled(expected), language) == expected


def test_izmir_sits_between_isparta_and_kutahya_not_after_them():
    provinces = ["Kütahya", "İzmir", "Uşak", "Isparta", "Aydın"]
    assert sorted(provinces) == ["Aydın", "Isparta", "Kütahya", "Uşak", "İzmir"]
    assert sorted_by_name(provinces, "tr") == ["Aydın", "Isparta", "İzmir", "Kütahya", "Uşak"]


def test_persian_keheh_comes_before_meem_not_after_it():
    words = ["مادر", "کتاب", "گل", "قلم"]
    # By code point ک (U+06A9) and گ (U+06AF) come after م (U+0645).
    assert sorted(words) == ["قلم", "مادر", "کتاب", "گل"]
    assert sorted_by_name(words, "fa") == ["قلم", "کتاب", "گل", "مادر"]


def test_arabic_kaf_typed_in_persian_text_sorts_with_keheh():
    # Many keyboards give ك for ک: such a word stays beside its Persian spelling.
    ordered = sorted_by_name(["گل", "كتاب", "قلم", "کتابخانه"], "fa")
    assert ordered == ["قلم", "كتاب", "کتابخانه", "گل"]


def test_kurmanji_e_with_circumflex_is_a_letter_after_e():
    assert sorted_by_name(["êvar", "ez"], "kmr") == ["ez", "êvar"]
    # Where ê is e with an accent (English), it sorts as e.
    assert sorted_by_name(["êvar", "ez"], "en") == ["êvar", "ez"]


def test_english_order_ignores_case():
    assert sorted_by_name(["banana", "Cherry", "apple"], "en") == ["apple", "banana", "Cherry"]


@pytest.mark.parametrize("language", ["so", "xx", "", "not a language tag", "<script>"])
def test_a_language_without_rules_of_its_own_gets_the_common_unicode_order(language):
    # The Unicode Collation Algorithm's root order: case and accents after the letter, each
    # script together (Latin, then Arabic).
    names = ["Zebra", "éclair", "apple", "مدرسة", "Eagle", "باب"]
    assert sorted_by_name(names, language) == ["apple", "Eagle", "éclair", "Zebra", "باب", "مدرسة"]


def test_stored_keys_compare_as_text_in_the_same_order():
    names = ["Kütahya", "İzmir", "Isparta", "izmir", "Çiğli", "Cide", "Dikili", "Şile", "Sivas"]
    by_key = sorted(names, key=lambda name: sort_key(name, "tr"))
    assert by_key == sorted_by_name(names, "tr")
    assert all(set(sort_key(name, "tr")) <= set("0123456789abcdef") for name in names)


def test_keys_of_an_empty_or_missing_name_come_first():
    assert sort_key("", "tr") < sort_key("A", "tr")
    assert sort_key(None, "tr") == sort_key("", "tr")
    assert sorted_by_name(["B", None, "A"], "en") == [None, "A", "B"]


def test_sorts_items_by_the_name_the_key_gives():
    provinces = [{"name": "Kütahya"}, {"name": "İzmir"}, {"name": "Isparta"}]
    ordered = sorted_by_name(provinces, "tr", key=lambda province: province["name"])
    assert [p["name"] for p in ordered] == ["Isparta", "İzmir", "Kütahya"]
