"""Fixtures shared by the whole suite."""

import io
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from home.demo import seed_site

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def pytest_sessionstart(session):
    """Compile the interface translations that changed, as `make messages` does: Django serves
    /ps/ and /kmr/ only once the portal's catalogue exists, having none of its own for them."""
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)


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
