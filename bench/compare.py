"""Side-by-side benchmark of the directory search of two checkouts, on SQLite or PostgreSQL.

On a machine others share, two runs made one after the other meet different loads and cannot
be compared. This seeds one database per checkout (each with its own code and migrations, the
same services: same seed), then measures the searches of bench/directory.py in turns, A then B
then B then A ..., each turn a fresh process of that checkout's code, and prints the medians
side by side. It also checks that both checkouts give the same results: for each search, the
number found and the services of its first pages in order; it exits with status 1 when they
differ.

    .venv/bin/python bench/compare.py /work/main /work/wt/mine --services 10000 --rounds 4
    .venv/bin/python bench/compare.py /work/main . --database postgres --rounds 4 --repeat 5

The searches are those of this checkout's bench/directory.py; each checkout seeds with its
own bench/directory.py (`seed()`), so both must have one.
"""

import argparse
import contextlib
import importlib.util
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

HERE = Path(__file__).resolve()
RESULT_ID = re.compile(r'<li class="directory-result" id="service-(\d+)"')


def load_module(path, name):
    """Import a file as a module without leaving its folder on sys.path."""
    saved = list(sys.path)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.path[:] = saved
    return module


def checkout_bench(checkout):
    """The checkout's bench/directory.py, with the checkout first on sys.path so that Django
    and the portal's apps are imported from it."""
    checkout = Path(checkout).resolve()
    sys.path.insert(0, str(checkout))
    os.chdir(checkout)
    module = load_module(checkout / "bench" / "directory.py", "checkout_directory_bench")
    sys.path.insert(0, str(checkout))
    return module


# --- In the worker processes (one checkout's code) ---------------------------------------------


def worker_seed(args):
    """Migrate and seed the database with the checkout's own code."""
    import logging
    import warnings

    bench = checkout_bench(args.checkout)
    bench.setup_django(args.db, page_cache=False)
    logging.disable(logging.INFO)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    bench.seed(args.services, random.Random(args.seed))
    call_command("analyze_directory", verbosity=0)


def worker_migrate(args):
    """Bring a copy of the first checkout's database to this checkout's migrations; on
    PostgreSQL rewrite the search index table, so that an index just made on it is used at
    once (see bench/README.md)."""
    import logging

    bench = checkout_bench(args.checkout)
    bench.setup_django(args.db, page_cache=False)
    logging.disable(logging.INFO)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    tidy_search_index()


def tidy_search_index():
    """On PostgreSQL, VACUUM FULL ANALYZE the search index table: an index built on a table
    whose rows were updated is used only by transactions that start after every transaction
    then running has ended, which on a shared server can take long."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM FULL ANALYZE wagtailsearch_indexentry")


def worker_measure(args):
    """One turn: every search once to warm it, its first pages' results, its queries, then
    `repeat` timed requests; written as JSON to --out."""
    import logging
    import warnings

    bench = checkout_bench(args.checkout)
    bench.setup_django(args.db, page_cache=False)
    logging.disable(logging.INFO)
    warnings.filterwarnings("ignore", message="No directory at")
    # The server's start as the checkout's WSGI module makes it.
    importlib.import_module("iswg_portal.wsgi")
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    # The searches of the comparing checkout, so both run the same list.
    searches = load_module(HERE.parent / "directory.py", "compare_searches").searches()
    client = Client()
    for language in ("en", "tr", "ar", "fa"):
        client.get(f"/{language}/services/")
    out = {}
    for label, url in searches:
        if args.only and not any(part in label for part in args.only):
            continue
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        row = {"url": url, "found": bench.services_found(response.content.decode())}
        row["pages"] = result_pages(client, url, args.pages)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        row["queries"] = len(captured)
        times, cpu = [], []
        for _ in range(args.repeat):
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        row["times"], row["cpu"] = times, cpu
        out[label] = row
    Path(args.out).write_text(json.dumps(out))


def result_pages(client, url, pages):
    """The services of the first `pages` result pages (or of the page the search asks for), in
    order, and whether the page says that not every word matched or that the results come
    from elsewhere."""
    if "page=" in url:
        urls = [url]
    else:
        separator = "&" if "?" in url else "?"
        urls = [url] + [f"{url}{separator}page={number}" for number in range(2, pages + 1)]
    shown = []
    for page_url in urls:
        html = client.get(page_url).content.decode()
        shown.append(
            {"services": RESULT_ID.findall(html), "partial": "directory__partial-note" in html}
        )
    return shown


# --- In the comparing process ------------------------------------------------------------------


def run_worker(checkout, mode, db, args, out=None):
    """Run one worker in a fresh process of `checkout`'s code (its own virtualenv if it has
    one)."""
    python = Path(checkout) / ".venv" / "bin" / "python"
    command = [
        str(python if python.exists() else sys.executable),
        str(HERE),
        "--worker",
        mode,
        "--checkout",
        str(checkout),
        "--db",
        str(db),
        "--services",
        str(args.services),
        "--seed",
        str(args.seed),
        "--repeat",
        str(args.repeat),
        "--pages",
        str(args.pages),
    ]
    for part in args.only or []:
        command += ["--only", part]
    if out:
        command += ["--out", str(out)]
    environment = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    # The command is this script and paths given on its own command line.
    subprocess.run(command, check=True, env=environment)  # noqa: S603


@contextlib.contextmanager
def databases(args):
    """A database per checkout: given (--reuse), or made here and removed at the end unless
    --keep."""
    if args.reuse:
        yield args.reuse
        return
    names = [f"iswg_compare_{os.getpid()}_{side}" for side in ("a", "b")]
    if args.database == "postgres":
        import psycopg
        from psycopg import sql

        bench = load_module(HERE.parent / "directory.py", "compare_bench")
        with psycopg.connect(args.pg_url, autocommit=True) as admin:
            for name in names:
                admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        urls = [bench.database_url(args.pg_url, name) for name in names]
        try:
            yield urls
        finally:
            if args.keep:
                print(f"Databases kept: {' '.join(urls)}")
            else:
                with psycopg.connect(args.pg_url, autocommit=True) as admin:
                    for name in names:
                        admin.execute(
                            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                                sql.Identifier(name)
                            )
                        )
        return
    workdir = Path(tempfile.mkdtemp(prefix="iswg-compare-"))
    try:
        yield [workdir / f"{name}.sqlite3" for name in names]
    finally:
        if args.keep:
            print(f"Databases kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def copy_database(args, source, target):
    """Copy the seeded database `source` to `target` (a file, or PostgreSQL's template copy)."""
    if args.database != "postgres":
        shutil.copyfile(source, target)
        return
    import psycopg
    from psycopg import sql

    def name(url):
        return urlsplit(url).path.lstrip("/")

    with psycopg.connect(args.pg_url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name(target))))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name(target)), sql.Identifier(name(source))
            )
        )


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def compare(args):
    checkouts = [Path(args.a).resolve(), Path(args.b).resolve()]
    with databases(args) as dbs:
        if not args.reuse:
            for side, (checkout, db) in enumerate(zip(checkouts, dbs, strict=True)):
                started = time.perf_counter()
                if side == 1 and args.seed_once:
                    copy_database(args, dbs[0], db)
                    run_worker(checkout, "migrate", db, args)
                    print(f"Copied A's database to {db}, migrated with {checkout}.")
                    continue
                run_worker(checkout, "seed", db, args)
                print(f"Seeded {db} with {checkout} in {time.perf_counter() - started:.0f} s.")
        merged = [{}, {}]
        loads = [os.getloadavg()[0]]
        with tempfile.TemporaryDirectory() as tmp:
            for number in range(args.rounds):
                order = (0, 1) if number % 2 == 0 else (1, 0)
                for side in order:
                    out = Path(tmp) / f"{number}-{side}.json"
                    run_worker(checkouts[side], "measure", dbs[side], args, out)
                    for label, row in json.loads(out.read_text()).items():
                        kept = merged[side].setdefault(label, {**row, "times": [], "cpu": []})
                        kept["times"] += row["times"]
                        kept["cpu"] += row["cpu"]
                        kept.setdefault("turns", []).append(
                            (row["found"], row["pages"], row["queries"])
                        )
                loads.append(os.getloadavg()[0])
                print(f"Round {number + 1} of {args.rounds} done (load {loads[-1]:.1f}).")
    return report(args, checkouts, merged, loads)


def report(args, checkouts, merged, loads):
    """Print the side-by-side table; return the number of searches whose results differ."""
    a, b = merged
    print()
    print(f"A = {checkouts[0]}\nB = {checkouts[1]}")
    print(
        f"{args.database}, {args.rounds} rounds x {args.repeat} requests per search and "
        f"checkout; milliseconds; load average {min(loads):.1f}-{max(loads):.1f} on "
        f"{os.cpu_count()} processors."
    )
    print()
    print(
        "| search | found A → B | queries A → B | p50 A → B | p95 A → B | cpu p50 A → B "
        "| same results |"
    )
    print("|---|---|---|---|---|---|---|")
    differing = []
    all_a, all_b, cpu_a, cpu_b = [], [], [], []
    for label in a:
        ra, rb = a[label], b[label]
        same = ra["found"] == rb["found"] and ra["pages"] == rb["pages"]
        same = same and all(turn[:2] == (ra["found"], ra["pages"]) for turn in rb["turns"])
        if not same:
            differing.append(label)
        all_a += ra["times"]
        all_b += rb["times"]
        cpu_a += ra["cpu"]
        cpu_b += rb["cpu"]
        print(
            f"| {label} | {ra['found']} → {rb['found']} | {ra['queries']} → {rb['queries']} "
            f"| {statistics.median(ra['times']):.1f} → {statistics.median(rb['times']):.1f} "
            f"| {percentile(ra['times'], 0.95):.1f} → {percentile(rb['times'], 0.95):.1f} "
            f"| {statistics.median(ra['cpu']):.1f} → {statistics.median(rb['cpu']):.1f} "
            f"| {'yes' if same else '**no**'} |"
        )
    if all_a:
        print(
            f"| **all searches** | | max {max(r['queries'] for r in a.values())} → "
            f"{max(r['queries'] for r in b.values())} "
            f"| {statistics.median(all_a):.1f} → {statistics.median(all_b):.1f} "
            f"| {percentile(all_a, 0.95):.1f} → {percentile(all_b, 0.95):.1f} "
            f"| {statistics.median(cpu_a):.1f} → {statistics.median(cpu_b):.1f} "
            f"| {len(a) - len(differing)} of {len(a)} |"
        )
    print()
    if differing:
        print("Results differ (found or first pages) for: " + "; ".join(differing))
    else:
        print(f"Same results for every search: number found and the first {args.pages} pages.")
    return len(differing)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", nargs="?", help="the first checkout (e.g. main's), A")
    parser.add_argument("b", nargs="?", help="the second checkout, B")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL server on which to create and drop the two databases",
    )
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=4, help="turns of each checkout")
    parser.add_argument("--repeat", type=int, default=5, help="timed requests per turn")
    parser.add_argument("--pages", type=int, default=3, help="result pages compared")
    parser.add_argument("--only", action="append", help="searches whose label has this text")
    parser.add_argument(
        "--seed-once",
        action="store_true",
        help="seed A's database only and give B a copy, migrated with B's code (faster; both "
        "checkouts must seed the same data)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the two databases")
    parser.add_argument(
        "--reuse",
        nargs=2,
        metavar=("DB_A", "DB_B"),
        help="measure databases kept by --keep: SQLite paths or PostgreSQL URLs",
    )
    parser.add_argument("--worker", choices=["seed", "migrate", "measure"], help=argparse.SUPPRESS)
    parser.add_argument("--checkout", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not args.worker and not (args.a and args.b):
        parser.error("name two checkouts")
    return args


def main():
    args = parse_args()
    if args.worker == "seed":
        worker_seed(args)
    elif args.worker == "migrate":
        worker_migrate(args)
    elif args.worker == "measure":
        worker_measure(args)
    else:
        sys.exit(1 if compare(args) else 0)


if __name__ == "__main__":
    main()
