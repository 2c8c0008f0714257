"""Cost of publishing a service whose translations share its facts, on SQLite or PostgreSQL.

Publishing the original of a service copies its facts into each translation (shared_facts.py):
the translation's row and rows below it, its search index entry, its reference index, a line
in its history. This builds a service (one place, weekday hours, two phones, two languages,
two categories, a population group) with 0, 1 and 5 translations and publishes it twice: a
new phone (a fact: every translation is rewritten) and a new summary (words only: the
translations are read, not written). It prints the SQL queries and the time of each publish.

    .venv/bin/python bench/publishing.py
    .venv/bin/python bench/publishing.py --database postgres [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
"""

import argparse
import io
import logging
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from directory import DEFAULT_PG_SERVER, setup_django, throwaway_postgres  # noqa: E402

LANGUAGES = ("tr", "ar", "fa", "ps", "kmr")


def build_service(agency, translations):
    """A published service below the agency with the given number of translations."""
    from wagtail.models import Locale

    from services_map.models import ServicePage
    from tests.factories import services_map as build

    service = build.service(
        agency,
        f"Legal counselling with {translations} translations",
        phones=("+90 232 420 63 18", "+90 232 420 63 19"),
        schedules=build.weekdays(),
        categories=[build.category("Protection"), build.category("Health")],
        languages=[build.language("ar", "Arabic", "العربية"), build.language("tr", "Turkish")],
        population_groups=["women-at-risk"],
    )
    for code in LANGUAGES[:translations]:
        copy = service.copy_for_translation(
            Locale.objects.get(language_code=code), copy_parents=True
        )
        copy.title = f"{service.title} ({code})"
        copy.save_revision().publish()
    return ServicePage.objects.get(pk=service.pk)


def publish(service, change):
    """Save a revision with the change and publish it: (queries, milliseconds)."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from services_map.models import ServicePage

    page = ServicePage.objects.get(pk=service.pk)
    change(page)
    revision = page.save_revision()
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        started = time.perf_counter()
        revision.publish()
        elapsed = (time.perf_counter() - started) * 1000
    return len(queries), elapsed


def new_phone(page):
    phones = list(page.phones.all())
    phones[0].number = "+90 232 999 11 22"
    page.phones = phones


def new_summary(page):
    page.summary = f"{page.summary} Also on Saturdays."


def run(database):
    setup_django(database)
    logging.disable(logging.INFO)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.db import connection

    from home.demo import seed_site
    from services_map.reference_data import seed_directory_page
    from tests.factories import services_map as build

    call_command("migrate", verbosity=0)
    seed_site(io.StringIO())
    agency = build.agency(seed_directory_page(io.StringIO()))
    engine = (
        f"PostgreSQL {connection.pg_version // 10000}"
        if connection.vendor == "postgresql"
        else f"SQLite {connection.Database.sqlite_version}"
    )
    print(f"Publishing a service on {engine}")
    print(f"{'translations':>12}  {'change':10} {'queries':>8} {'ms':>8}")
    for translations in (0, 1, 5):
        service = build_service(agency, translations)
        for label, change in (("phone", new_phone), ("summary", new_summary)):
            queries, elapsed = publish(service, change)
            print(f"{translations:>12}  {label:10} {queries:>8} {elapsed:8.0f}", flush=True)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_SERVER)
    args = parser.parse_args()
    if args.database == "postgres":
        with throwaway_postgres(args.pg_url, f"iswg_bench_publish_{os.getpid()}") as url:
            run(url)
        return
    workdir = Path(tempfile.mkdtemp(prefix="iswg-bench-"))
    try:
        run(workdir / "bench.sqlite3")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
