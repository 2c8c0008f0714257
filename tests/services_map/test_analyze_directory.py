"""The command that keeps SQLite's planner from scanning the full-text index per row."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_analyze_directory_refreshes_statistics():
    out = io.StringIO()
    call_command("analyze_directory", stdout=out)
    assert "Refreshed planner statistics" in out.getvalue()


def test_analyze_directory_dry_run_changes_nothing():
    out = io.StringIO()
    call_command("analyze_directory", "--dry-run", stdout=out)
    assert "Would run ANALYZE" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_postgresql_is_vacuumed_as_well():
    out = io.StringIO()
    call_command("analyze_directory", "--dry-run", stdout=out)
    statement = "VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE"
    assert f"Would run {statement} on the {connection.vendor} database." in out.getvalue()
    call_command("analyze_directory", stdout=io.StringIO())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = %s",
                ["wagtailsearch_indexentry"],
            )
            assert cursor.fetchone()[0] is not None
