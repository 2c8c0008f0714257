"""The search analysis, case by case: the words people type meet the words agencies wrote."""

import pytest

from iswg_portal.core.analysis import index_text, keys_meet, query_terms, word_keys


def meet(typed, written):
    return keys_meet(word_keys(typed), word_keys(written))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # Arabic: the article and the clitics و ب ل ف ك, with or without hamza.
        ("اطفال", "الأطفال"),
        ("والأطفال", "الأطفال"),
        ("للأطفال", "أطفال"),
        ("بالمستشفى", "مستشفى"),
        ("لغة", "اللغة"),
        ("تركية", "التركية"),
        ("قانونية", "القانونية"),
        ("مساعدة", "المساعدة"),
        # Persian and Dari: plurals with ها and ان, with or without the zero-width non-joiner.
        ("دکترها", "دکتر"),
        ("کلاس‌های", "کلاس"),
        ("کلاسهای", "کلاس"),
        ("کودکان", "کودک"),
        # Pashto plural.
        ("ډاکټران", "ډاکټر"),
        # Turkish: plural, possessive and case endings, with or without Turkish letters.
        ("kursları", "kursu"),
        ("kurslari", "kurs"),
        ("yardımı", "yardım"),
        ("avukata", "avukat"),
        ("çocuklar", "cocuk"),
        ("hastaneler", "hastane"),
        ("sağlığı", "sağlık"),
        ("İZMİR", "izmir"),
        # English: singular and plural, -ancy and -ant.
        ("permit", "permits"),
        ("lessons", "lesson"),
        ("pregnant", "pregnancy"),
        ("children", "children"),
        # Kurmanji endings.
        ("zarokan", "zarok"),
        ("doktorê", "doktor"),
    ],
)
def test_forms_of_a_word_meet(typed, written):
    assert meet(typed, written)


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("doctor", "lawyer"),
        ("طبيب", "محامي"),
        ("kira", "kurs"),
        ("izmir", "izmit"),
        ("interpreter", "international"),
    ],
)
def test_different_words_do_not_meet(typed, written):
    assert not meet(typed, written)


def test_queries_drop_the_words_that_carry_no_need():
    assert query_terms("I need a lawyer") == ["lawyer"]
    assert query_terms("bana avukat lazım") == ["avukat"]
    assert query_terms("بدي دكتور للأطفال") == ["دكتور", "للأطفال"]
    assert query_terms("من به دکتر نیاز دارم") == ["دکتر"]


def test_work_in_turkish_is_not_taken_for_the_english_is():
    assert query_terms("iş arıyorum") == ["iş"]


def test_a_query_of_stop_words_only_keeps_them():
    assert query_terms("where") == ["where"]


def test_queries_keep_words_as_typed_and_once():
    assert query_terms("Çocuk ÇOCUK cocuk") == ["Çocuk"]
    assert len(query_terms(" ".join(f"word{n}" for n in range(50)))) == 8


def test_stored_text_holds_every_key_once():
    text = index_text("Türkçe kursları, Türkçe kursu")
    keys = text.split()
    assert len(keys) == len(set(keys))
    assert "kurs" in keys
    assert "turkce" in keys
