"""Fixtures of the directory tests."""

import pytest

from tests.factories import services_map as build


@pytest.fixture
def directory(home_page):
    """The English directory page, its translations and the ten provinces."""
    return build.directory_page()


@pytest.fixture
def asam(directory):
    """A published agency."""
    return build.agency(directory)
