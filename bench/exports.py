"""Cost of the directory's exports (decision 0026), on SQLite or PostgreSQL.

Seeds N services as bench/directory.py does, then asks each export URL in English and in
Arabic through the whole Django stack: the first request after a change builds the file and
keeps it, the next is served from the kept file. It prints, per export: the time and SQL
queries of the building request, the file's size, the time and queries of the next, unchanged
request, and the peak of Python memory while building it once more (tracemalloc: what the
rendering holds, not the temporary files on disk).

    .venv/bin/python bench/exports.py --services 2000
    .venv/bin/python bench/exports.py --database postgres --services 2000 [--pg-url postgres://postgres@127.0.0.1:5432/postgres]
"""

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from directory import DEFAULT_PG_SERVER, seed, setup_django, throwaway_postgres  # noqa: E402

EXPORTS = ("export.json", "export.zip", "3w.csv", "3w.xlsx")


def timed_request(client, url, trace=False):
    """(milliseconds, SQL queries, bytes, peak traced memory in MB or None) of one GET, its
    body read to the end. Tracing memory slows Python down: the time of a traced request is
    not printed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if trace:
        tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        size = sum(len(chunk) for chunk in response.streaming_content)
        elapsed = (time.perf_counter() - started) * 1000
    peak = None
    if trace:
        peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed, len(queries), size, peak


def run(database, count, seed_number):
    setup_django(database)
    logging.disable(logging.INFO)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from services_map.cache_version import bump_version

    settings.HSDS_API_RATE = None
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    seed(count, random.Random(seed_number))
    engine = (
        f"PostgreSQL {connection.pg_version // 10000}"
        if connection.vendor == "postgresql"
        else f"SQLite {connection.Database.sqlite_version}"
    )
    print(f"Seeded {count} services on {engine} in {time.perf_counter() - started:.0f} s.")
    client = Client()
    print(
        f"{'export':22} {'build ms':>9} {'queries':>8} {'kB':>8} {'kept ms':>8} "
        f"{'queries':>8} {'peak MB':>8}"
    )
    for language in ("en", "ar"):
        for path in EXPORTS:
            url = f"/api/hsds/{path}?locale={language}"
            built_ms, built_queries, size, _none = timed_request(client, url)
            kept_ms, kept_queries, _size, _none = timed_request(client, url)
            bump_version()
            _ms, _queries, _size, peak = timed_request(client, url, trace=True)
            print(
                f"{path + ' ' + language:22} {built_ms:9.0f} {built_queries:8d} "
                f"{size / 1024:8.0f} {kept_ms:8.1f} {kept_queries:8d} {peak:8.1f}",
                flush=True,
            )
    print(f"\nLoad average {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors.")
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_SERVER)
    args = parser.parse_args()
    if args.database == "postgres":
        name = f"iswg_bench_exports_{os.getpid()}"
        with throwaway_postgres(args.pg_url, name) as url:
            run(url, args.services, args.seed)
        return
    workdir = Path(tempfile.mkdtemp(prefix="iswg-bench-"))
    try:
        run(workdir / "bench.sqlite3", args.services, args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
