"""Fixtures shared by the whole suite."""

import io

import pytest

from home.demo import seed_site


@pytest.fixture
def home_page(db):
    """The site with its home page in every interface language, built by the real seeder."""
    return seed_site(io.StringIO())
