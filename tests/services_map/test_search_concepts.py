"""Needs in people's own words: the words people use for a category find its services in every
language's directory, and the best matches come first."""

import pytest
from wagtail.models import Locale

from services_map.models import ServiceCategory
from tests.conftest import read_again
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def titles(client, language, q, **params):
    response = client.get(f"/{language}/services/", {"q": q, **params})
    assert response.status_code == 200
    return [service.title for service in response.context["results"].services]


def translated_category(english, language, name, terms):
    return ServiceCategory.objects.create(
        locale=Locale.objects.get(language_code=language),
        translation_key=english.translation_key,
        slug=english.slug,
        name=name,
        parent=None,
        search_terms=terms,
    )


@pytest.fixture(scope="module")
def needs_for_module(module_data):
    """Categories with the words people use for them in three languages, and a service in each
    (one only mentioning a doctor), built once for the module: every test reads them, and what
    a test changes rolls back with it."""
    asam = build.agency(build.directory_page())
    health = build.category("Health")
    primary = build.category("Primary health care", parent=health)
    primary.search_terms = "doctor\nfamily doctor\nhospital\ndentist"
    primary.save()
    translated_category(primary, "ar", "الرعاية الصحية الأولية", "طبيب\nدكتور\nمستوصف")
    translated_category(primary, "tr", "Birinci basamak sağlık", "doktor\naile hekimi\nhastane")
    courses = build.category("Turkish language courses")
    courses.search_terms = "turkish lessons\nlearn turkish"
    courses.save()
    translated_category(courses, "ar", "دورات اللغة التركية", "دورة لغة تركية\nتعلم التركي")
    psychosocial = build.category("Psychosocial support")
    translated_category(psychosocial, "tr", "Psikososyal destek", "psikolojik destek\npsikolog")
    legal = build.category("Legal counselling")
    return {
        "clinic": build.service(asam, "Migrant Health Centre", categories=[primary]),
        "course": build.service(asam, "Language classes", categories=[courses]),
        "counselling": build.service(asam, "Group sessions", categories=[psychosocial]),
        "mention": build.service(
            asam,
            "Legal aid desk",
            summary="We can also refer you to a doctor.",
            categories=[legal],
        ),
    }


@pytest.fixture
def needs(needs_for_module):
    return read_again(needs_for_module)


@pytest.mark.parametrize(
    ("language", "q"),
    [
        ("en", "doctor"),
        ("en", "i need a doctor"),
        ("tr", "doktor"),
        ("tr", "hastane"),
        ("ar", "دكتور"),
        ("ar", "طبيب"),
        # Any language's words in any language's directory.
        ("tr", "طبيب"),
        ("fa", "doctor"),
        ("ps", "doktor"),
    ],
)
def test_a_word_people_use_finds_the_category_in_every_directory(client, needs, language, q):
    assert titles(client, language, q)[0] == "Migrant Health Centre"


def test_a_phrase_finds_its_category_in_any_order_and_any_form(client, needs):
    assert titles(client, "ar", "دورة لغة تركية") == ["Language classes"]
    assert titles(client, "ar", "دورات اللغة التركية") == ["Language classes"]
    assert titles(client, "en", "lessons turkish") == ["Language classes"]
    assert titles(client, "tr", "psikolojik destek") == ["Group sessions"]


def test_a_match_through_the_category_ranks_above_a_stray_mention(client, needs):
    assert titles(client, "en", "doctor") == ["Migrant Health Centre", "Legal aid desk"]


def test_a_misspelt_term_is_forgiven(client, needs):
    assert titles(client, "en", "docter")[0] == "Migrant Health Centre"


def test_terms_edited_in_the_admin_count_at_once(client, needs):
    assert titles(client, "en", "gynaecologist") == []
    category = ServiceCategory.objects.get(slug="primary-health-care", locale__language_code="en")
    category.search_terms += "\ngynaecologist"
    category.save()
    assert titles(client, "en", "gynaecologist") == ["Migrant Health Centre"]


def test_nothing_found_suggests_the_spelling_and_the_categories_people_mean(client, needs):
    response = client.get("/en/services/", {"q": "docttorr"})
    assert response.context["results"].total == 0
    ideas = {idea["kind"]: idea for idea in response.context["results"].suggestions}
    assert ideas["spelling"]["q"] == "doctor"
    assert ideas["category"]["names"] == ["Primary health care"]
    page = response.content.decode()
    assert "Did you mean “doctor”? 2 services" in page
    assert "Primary health care: 1 service" in page
    followed = client.get("/en/services/" + ideas["category"]["url"])
    assert [s.title for s in followed.context["results"].services] == ["Migrant Health Centre"]


def test_nothing_of_the_kind_in_the_place_named_shows_the_nearest_elsewhere_and_says_so(
    client, needs, asam
):
    primary = ServiceCategory.objects.get(slug="primary-health-care", locale__language_code="en")
    build.service(
        asam,
        "Family health centre",
        categories=[primary],
        place=("aydin", "Efeler"),
        coordinates=(37.8444, 27.8458),
    )
    build.province("denizli")
    response = client.get("/en/services/", {"q": "doctor denizli"})
    results = response.context["results"]
    # Denizli has no doctor: Aydın's is nearer than İzmir's.
    assert [s.title for s in results.services][:2] == [
        "Family health centre",
        "Migrant Health Centre",
    ]
    assert results.widened_places == ["Denizli"]
    assert "Nothing in Denizli matches" in response.content.decode()
    response = client.get("/en/services/", {"q": "doctor aydin"})
    assert [s.title for s in response.context["results"].services] == ["Family health centre"]
    assert response.context["results"].widened_places == []
