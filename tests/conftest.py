"""Fixtures shared by the whole suite."""

import io

import pytest

from home.demo import seed_site


@pytest.fixture
def home_page(db):
    """The site with its home page in every interface language, built by the real seeder."""
    return seed_site(io.StringIO())


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (rate limits and cached fragments included)."""
    from django.core.cache import cache

    cache.clear()
    yield
