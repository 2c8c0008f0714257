"""The command that keeps SQLite's planner from scanning the full-text index per row."""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_analyze_directory_refreshes_statistics():
    out = io.StringIO()
    call_command("analyze_directory", stdout=out)
    assert "Refreshed planner statistics" in out.getvalue()


def test_analyze_directory_dry_run_changes_nothing():
    out = io.StringIO()
    call_command("analyze_directory", "--dry-run", stdout=out)
    assert "Would run ANALYZE" in out.getvalue()
