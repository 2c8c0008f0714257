"""The words people use for each category, shipped with the portal in every language: loading
them fills the categories that have none and keeps the words an editor wrote."""

import pytest

from services_map.category_terms import load_category_terms, shipped_terms
from tests.factories import services_map as build

pytestmark = pytest.mark.django_db


def test_the_shipped_terms_fill_empty_categories_and_keep_edited_ones(directory):
    shipped = shipped_terms()
    assert len(shipped) == 26
    for slug, languages in shipped.items():
        assert set(languages) == {"en", "tr", "ar", "fa", "ps", "kmr"}, slug
        assert all(len(terms) >= 15 for terms in languages.values()), slug
    legal = build.category("Legal counselling", slug="legal-counselling")
    food = build.category("Food assistance", slug="food-assistance")
    food.search_terms = "bread"
    food.save()
    assert load_category_terms() == 1
    legal.refresh_from_db()
    food.refresh_from_db()
    assert "lawyer" in legal.term_lines()
    assert food.term_lines() == ["bread"]
