"""The settings the suite runs under pass Django's checks, `migrate` makes the database cache's
table whichever cache is configured, and the migrated database kept between runs is known by
all that migrating reads: in the test process itself."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection

from tests.migrated import ROOT, files_migrating_reads


def test_the_test_settings_pass_the_system_checks():
    """The suite runs under them: checked here, in its own process, not in a new one."""
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_migrate_creates_the_table_of_the_database_cache(settings):
    settings.CACHES = {"default": settings.DATABASE_CACHE}
    call_command("migrate", verbosity=0)
    cache.set("shared", "yes")
    assert cache.get("shared") == "yes"


@pytest.mark.django_db
def test_migrate_makes_the_database_cache_table_even_while_redis_is_the_cache():
    """A server started later without REDIS_URL uses the database cache: its table must exist
    although the cache was another one when the database was migrated (here, the test cache)."""
    assert "portal_cache" in connection.introspection.table_names()


def test_the_kept_migrated_database_is_known_by_all_that_migrating_reads():
    """A change to any of these makes the next run migrate anew (tests/migrated.py)."""
    read = {
        path.relative_to(ROOT).as_posix()
        for path in files_migrating_reads()
        if path.is_relative_to(ROOT)
    }
    assert {
        "services_map/migrations/0001_initial.py",
        # Imported by a data migration, and what it imports in turn.
        "services_map/reference_data.py",
        "iswg_portal/core/locales.py",
        # Read by a data migration.
        "services_map/data/aegean-provinces.json",
        "iswg_portal/settings/base.py",
    } <= read
    assert "services_map/public/views.py" not in read
    assert any(path.match("wagtail/migrations/0001_initial.py") for path in files_migrating_reads())
