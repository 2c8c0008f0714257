"""Place names in a query, in any script, case by case: the index is built from the reference
file as the taxonomy snapshot holds it, without a database."""

import functools

import pytest

from services_map.reference_data import place_name_fields, reference_provinces
from services_map.search.places import PlaceIndex
from services_map.search.text import query_words
from services_map.taxonomy import place_data


@functools.cache
def index():
    """The index of the ten provinces and their districts, numbered as they come."""
    provinces, districts = [], []
    for number, entry in enumerate(reference_provinces(), start=1):
        provinces.append(
            place_data({"id": number, "name": entry["name"], **place_name_fields(entry)}, "ar")
        )
        for district in entry["districts"]:
            districts.append(
                place_data(
                    {
                        "id": len(districts) + 1,
                        "name": district["name"],
                        "province_id": number,
                        **place_name_fields(district),
                    },
                    "ar",
                )
            )
    return PlaceIndex(provinces, districts)


def places(query):
    """(names of the places found, with their province's id for districts; remaining words)."""
    found, remaining = index().find_places(query_words(query))
    return [place.name for place in found], remaining


@pytest.mark.parametrize(
    "query",
    ["إزمير", "ازمير", "ازمیر", "izmir", "IZMIR", "İzmir", "Izmir", "ايزمير", "ezmir"],
)
def test_izmir_is_found_in_every_script_and_case(query):
    assert places(query) == (["İzmir"], [])


@pytest.mark.parametrize("query", ["Buca", "buca", "بوجا", "BUCA"])
def test_buca_is_found_in_latin_and_arabic_script(query):
    assert places(query) == (["Buca"], [])


@pytest.mark.parametrize("query", ["Kemalpaşa", "kemalpasa", "kemal pasa", "كمال باشا"])
def test_a_name_written_in_two_words_is_one_place(query):
    assert places(query) == (["Kemalpaşa"], [])


@pytest.mark.parametrize(
    ("query", "province"),
    [
        ("مانيسا", "Manisa"),
        ("مانیسا", "Manisa"),
        ("أيدين", "Aydın"),
        ("آیدین", "Aydın"),
        ("دنيزلي", "Denizli"),
        ("موغلا", "Muğla"),
        ("أنطاليا", "Antalya"),
        ("انطالیه", "Antalya"),
        ("إسبرطة", "Isparta"),
        ("كوتاهيا", "Kütahya"),
        ("أوشاك", "Uşak"),
        ("بوردور", "Burdur"),
    ],
)
def test_provinces_are_found_by_their_arabic_and_persian_names(query, province):
    assert places(query) == ([province], [])


def test_karabaglar_is_found_in_two_arabic_words():
    assert places("قره باغلار") == (["Karabağlar"], [])


@pytest.mark.parametrize("query", ["بإزمير", "وإزمير", "لإزمير", "فإزمير", "وبإزمير"])
def test_arabic_prefix_written_onto_the_name_is_recognised(query):
    assert places(query) == (["İzmir"], [])


def test_arabic_preposition_written_apart_stays_a_word():
    assert places("طبيب في إزمير") == (["İzmir"], ["طبيب", "في"])


@pytest.mark.parametrize(
    ("query", "place"),
    [
        ("İzmir'de", "İzmir"),
        ("izmirde", "İzmir"),
        ("Buca'da", "Buca"),
        ("bucaya", "Buca"),
        ("Izmir's", "İzmir"),
    ],
)
def test_turkish_case_ending_is_recognised(query, place):
    assert places(query) == ([place], [])


def test_kurmanji_ending_is_recognised_and_the_preposition_stays_a_word():
    assert places("li Izmirê") == (["İzmir"], ["li"])


def test_a_word_that_is_not_a_place_is_left_for_the_text_search():
    assert places("doktor") == ([], ["doktor"])


def test_place_and_other_words_are_separated_in_order():
    assert places("avukat buca ucretsiz") == (["Buca"], ["avukat", "ucretsiz"])


def test_a_district_name_two_provinces_share_means_both():
    found, _remaining = index().find_places(["kemer"])
    assert [place.name for place in found] == ["Kemer", "Kemer"]
    assert len({place.province_id for place in found}) == 2


def test_a_shared_district_name_beside_its_province_means_that_province_s_district():
    antalya = next(p for p in index().names[("antalya",)])
    found, remaining = index().find_places(["kemer", "antalya"])
    assert [(place.name, place.province_id) for place in found] == [("Kemer", antalya.id)]
    assert remaining == []


def test_a_district_named_with_its_province_stands_for_the_district():
    assert places("Buca İzmir") == (["Buca"], [])


def test_two_districts_are_both_kept():
    assert places("buca konak") == (["Buca", "Konak"], [])


def test_merkez_alone_is_an_everyday_word_not_a_place():
    assert places("merkez") == ([], ["merkez"])
    assert places("مركز صحي") == ([], ["مركز", "صحي"])


def test_merkez_with_its_province_is_the_central_district():
    assert places("Uşak Merkez") == (["Merkez"], [])


def test_a_short_stem_is_not_taken_for_a_place_with_an_ending():
    # "kasa" (a till) is not Kaş with a dative ending.
    assert places("kasa") == ([], ["kasa"])


def test_every_district_of_the_file_has_arabic_and_persian_names():
    for entry in reference_provinces():
        assert entry["ar"] and entry["fa"] and entry["ps"], entry["name"]
        for district in entry["districts"]:
            assert district["ar"] and district["fa"], district["name"]


def test_every_place_is_found_by_each_of_its_names():
    for entry in reference_provinces():
        for place in [entry, *entry["districts"]]:
            if place["name"] == "Merkez":
                continue
            for name in [place["name"], place["ar"], place["fa"], *place.get("other_names", [])]:
                found, remaining = places(name)
                assert place["name"] in found, name
                assert remaining == [], name
