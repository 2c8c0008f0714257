"""Arabic search: what people type in Arabic finds what agencies wrote, with or without the
diacritics, the tatweel and the letters written alike (test_search_text.py tests the Turkish)."""

import pytest

from tests.conftest import read_again
from tests.factories import services_map as build
from tests.services_map.test_search_text import found

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def arabic_for_module(module_data):
    """ASAM with psychosocial support and language lessons described in Arabic, built once for
    the module: each test reads them anew, and what it changes rolls back with it."""
    asam = build.agency(build.directory_page())
    return {
        "asam": asam,
        "psychosocial": build.service(
            asam, "الدعم النفسي", summary="جلسات فردية في مستشفى المدينة للأطفال."
        ),
        "lessons": build.service(asam, "دروس اللغة", summary="دروس في مدرسة الحي، إرشاد مهني."),
    }


@pytest.fixture
def asam(arabic_for_module):
    """The agency of the module's services (in place of tests/services_map/conftest.py's)."""
    return read_again(arabic_for_module["asam"])


@pytest.fixture
def arabic(arabic_for_module):
    """The module's two services, the only ones in the directory."""
    return read_again({key: arabic_for_module[key] for key in ("psychosocial", "lessons")})


@pytest.mark.parametrize("query", ["الدَّعْم", "الدعـــم", "الدعم"])
def test_arabic_with_diacritics_or_tatweel_matches(arabic, query):
    assert found(query) == ["الدعم النفسي"]


def test_arabic_alef_with_hamza_matches_bare_alef(arabic):
    assert found("ارشاد") == ["دروس اللغة"]


def test_arabic_alef_maksura_matches_ya(arabic):
    assert found("مستشفي") == ["الدعم النفسي"]


def test_arabic_ta_marbuta_matches_ha(arabic):
    assert found("مدرسه") == ["دروس اللغة"]


def test_one_wrong_letter_in_an_arabic_word_still_finds(arabic):
    assert found("النفسى") == ["الدعم النفسي"]
    assert found("النقسي") == ["الدعم النفسي"]


def test_longest_allowed_query_of_arabic_words_gives_a_page(client, arabic):
    letters = "ابتثجحخدذرزسشصضطظعغفق"[:20]
    words = [letters[i:] + letters[:i] for i in range(9)]
    response = client.get("/en/services/", {"q": " ".join(words)[:200]})
    assert response.status_code == 200
