"""Load benchmark of the public pages, side by side with a ceiling in the same run.

Seeds N services into a throwaway database with bench/directory.py's seeder (plus the demo's
helplines, thematic groups and meetings), then serves, each under gunicorn with the same number
of workers and `--preload`:

- the portal, with the production settings (a test SECRET_KEY, plain HTTP on the loopback
  interface): on SQLite with its database cache, or with `--database postgres` on PostgreSQL
  with Redis as the cache (Redis database 12 by default, emptied first);
- the ceiling (bench/ceiling.py): a bare Django view answering, for each portal page, a page
  of the same size, the most a Django process here can answer;
- optionally a copy of the Wagtail demo site (bakerydemo, `--bakerydemo PATH`), already
  migrated and loaded (`manage.py migrate && manage.py load_initial_data` in that copy);
- with `--nginx`, the documented nginx configuration (docs/nginx/iswg-portal.conf, through
  bench/nginx_front.py) in front of the portal, for the home page, the directory and the
  service page.

Each page is driven by `wrk` for `--duration` seconds at each connection count (8 and 200),
the targets taking turns page by page (portal, ceiling of that page's size, demo site), for
`--rounds` rounds. Prints a Markdown table: requests per second, p50 and p99 latency, errors
(non-2xx/3xx answers plus socket errors: connect, read, write, timeout) and the ratio of
requests per second to the ceiling's for a page of the same size at the same connection count
(medians of the rounds).

    .venv/bin/python bench/load.py --services 10000
    .venv/bin/python bench/load.py --database postgres --services 10000
    .venv/bin/python bench/load.py --services 500 --duration 3 --rounds 1     # a smoke run
    .venv/bin/python bench/load.py --reuse /tmp/kept.sqlite3 --bakerydemo ~/bakerydemo

Needs `wrk` (Debian: apt-get install wrk). Every server listens on 127.0.0.1 only.
"""

import argparse
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from nginx_front import start_nginx  # bench/nginx_front.py, beside this file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
DEFAULT_PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/12"
WRK = shutil.which("wrk")
# The pages driven through nginx with --nginx.
NGINX_PAGES = ("home", "directory", "service page")

# (label, address) of the portal's pages; the service and meeting pages are looked up in the
# seeded database.
PORTAL_PAGES = [
    ("home", "/en/"),
    ("directory", "/en/services/"),
    ("text search", "/en/services/?q=saglik"),
    ("faceted search", "/en/services/?category=health&province=izmir&language=ar&free=1"),
    ("service page", None),
    ("meeting page", None),
    ("print sheet (İzmir)", "/en/services/print/?province=izmir"),
]
# The demo site's pages that have a counterpart in the portal.
BAKERY_PAGES = {"home": "/", "text search": "/search/?q=bread"}

WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_PERCENTILE = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
WRK_SOCKET_ERRORS = re.compile(
    r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
)
WRK_NON_2XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
WRK_REQUESTS = re.compile(r"(\d+) requests in")


# --- The database: seeded in a child process with the test settings -------------------------


def prepare(database, services, seed, reuse):
    """In a child process: seed the database (unless reusing it) as bench/directory.py does,
    add the demo's helplines, groups and meetings, and print the addresses of a service page
    and a meeting page as JSON on the last line."""
    import io
    import logging
    import random

    sys.path.insert(0, str(HERE))
    import directory

    directory.setup_django(database)
    logging.disable(logging.INFO)
    from django.core.management import call_command

    if not reuse:
        from meetings.demo import seed_meetings
        from services_map.demo import seed_helplines

        call_command("migrate", verbosity=0)
        directory.seed(services, random.Random(seed))
        seed_helplines(io.StringIO())
        seed_meetings(io.StringIO())
        call_command("analyze_directory", verbosity=0)
    from meetings.models import MeetingPage
    from services_map.models import ServicePage

    service = (
        ServicePage.objects.live()
        .public()
        .filter(locale__language_code="en", is_internal=False, status="active", end_date=None)
        .order_by("pk")
        .first()
    )
    meeting = (
        MeetingPage.objects.live()
        .public()
        .filter(locale__language_code="en", visibility="public")
        .order_by("-start")
        .first()
    )
    # A page's address in English: its url_path without the home page's own slug.
    urls = {"services": ServicePage.objects.count()}
    urls["service page"] = "/en/" + service.url_path.split("/", 2)[2] if service else None
    urls["meeting page"] = "/en/" + meeting.url_path.split("/", 2)[2] if meeting else None
    print(json.dumps(urls))


def seed_database(args, database):
    """Run prepare() in a child process; return what it printed (addresses, service count)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--prepare",
        str(database),
        "--services",
        str(args.services),
        "--seed",
        str(args.seed),
    ]
    if args.reuse:
        command.append("--prepared")
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - this script, fixed arguments
        command, cwd=ROOT, check=True, capture_output=True, text=True
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    verb = "Reusing" if args.reuse else f"Seeded in {time.perf_counter() - started:.0f} s:"
    print(f"{verb} {found['services']} services.", file=sys.stderr)
    return found


# --- Servers ---------------------------------------------------------------------------------


def free_port():
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def portal_environment(database_url, static_root, redis_url):
    """The production settings on the benchmark's database, plain HTTP, a throwaway key."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "iswg_portal.settings.production",
            "SECRET_KEY": "load-benchmark-" + secrets.token_urlsafe(48),
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(static_root),
            "SECURE_SSL_REDIRECT": "0",
            "ISWG_ADMIN_REQUIRES_MFA": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def gunicorn(command_args, env, cwd, workers, log):
    """gunicorn on the loopback interface with `workers` workers and --preload; waits until it
    answers, returns (process, base URL)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [
            str(BIN / "gunicorn"),
            *command_args,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--preload",
        ],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn {command_args[0]} stopped; see {log.name}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5):  # noqa: S310 - loopback
                return process, base
        except urllib.error.HTTPError:
            return process, base
        except OSError:
            time.sleep(0.5)
    stop(process)
    raise SystemExit(f"gunicorn {command_args[0]} did not answer within 120 s; see {log.name}")


def stop(process):
    """Stop a server this script started (its own process group), waiting for it."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def fetch(url, timeout=60):
    """Status and body of one GET."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# --- wrk ---------------------------------------------------------------------------------------


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url, connections, duration, threads, timeout):
    """One wrk run: requests per second, p50 and p99 (ms), errors, requests."""
    output = subprocess.run(  # noqa: S603 - fixed arguments, loopback URL
        [
            WRK,
            "--latency",
            f"--threads={min(threads, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}s",
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    percentiles = {int(p): to_ms(v, u) for p, v, u in WRK_PERCENTILE.findall(output)}
    socket_errors = WRK_SOCKET_ERRORS.search(output)
    non_2xx = WRK_NON_2XX.search(output)
    errors = sum(int(n) for n in socket_errors.groups()) if socket_errors else 0
    errors += int(non_2xx.group(1)) if non_2xx else 0
    requests = WRK_REQUESTS.search(output)
    return {
        "rps": float(WRK_RPS.search(output).group(1)),
        "p50": percentiles.get(50),
        "p99": percentiles.get(99),
        "errors": errors,
        "requests": int(requests.group(1)) if requests else 0,
    }


def drain(url, quiet_ms=1000, longest=180):
    """Wait until the server answers the cheap page `url` within `quiet_ms` (nothing waits in
    its queue any more), at most `longest` seconds."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        started = time.monotonic()
        with contextlib.suppress(OSError):  # a time-out: still busy
            fetch(url, timeout=10)
            if (time.monotonic() - started) * 1000 < quiet_ms:
                return
    print(f"{url} was still busy after {longest} s", file=sys.stderr)


def summary(runs):
    """The rounds of one page at one connection count: median requests per second and p50,
    the worst p99, every error."""
    p50s = [run["p50"] for run in runs if run["p50"] is not None]
    p99s = [run["p99"] for run in runs if run["p99"] is not None]
    return {
        "rps": statistics.median(run["rps"] for run in runs),
        "p50": statistics.median(p50s) if p50s else None,
        "p99": max(p99s) if p99s else None,
        "errors": sum(run["errors"] for run in runs),
        "requests": sum(run["requests"] for run in runs),
    }


def drive(targets, args):
    """Every page of every target at every connection count, the targets in turn page by
    page, for each round. Returns {(target, page, connections): [runs]}."""
    runs = {}
    ceiling = targets["ceiling"]
    # A cheap page of each server, answered at once when nothing waits before it.
    quiet_urls = {
        "portal": targets["portal"]["base"] + "/healthz",
        "ceiling": ceiling["base"] + "/",
    }
    if "bakerydemo" in targets:
        quiet_urls["bakerydemo"] = targets["bakerydemo"]["base"] + "/"
    if "nginx" in targets:
        quiet_urls["nginx"] = targets["nginx"]["base"] + "/healthz"
    for number in range(1, args.rounds + 1):
        for connections in args.connections:
            for label, _path in targets["portal"]["pages"]:
                turns = [("portal", label), ("ceiling", label)]
                if "nginx" in targets and label in NGINX_PAGES:
                    turns.append(("nginx", label))
                if "bakerydemo" in targets and label in targets["bakerydemo"]["paths"]:
                    turns.append(("bakerydemo", label))
                for target, page in turns:
                    if target == "portal":
                        url = targets["portal"]["base"] + dict(targets["portal"]["pages"])[page]
                    elif target == "nginx":
                        url = targets["nginx"]["base"] + dict(targets["portal"]["pages"])[page]
                    elif target == "ceiling":
                        url = f"{ceiling['base']}/{ceiling['sizes'][page]}/"
                    else:
                        url = targets["bakerydemo"]["base"] + targets["bakerydemo"]["paths"][page]
                    result = run_wrk(url, connections, args.duration, args.threads, args.timeout)
                    runs.setdefault((target, page, connections), []).append(result)
                    # A server that could not keep up still has the requests wrk left behind
                    # queued: let it answer them before the next page is measured.
                    drain(quiet_urls[target])
                    print(
                        f"round {number}, {connections:>3} connections, {target} {page}: "
                        f"{result['rps']:.1f} req/s, p99 {fmt(result['p99'])} ms, "
                        f"{result['errors']} errors",
                        file=sys.stderr,
                        flush=True,
                    )
    return runs


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def table(runs, targets, args, sizes):
    """The Markdown table of the results: each portal page beside the ceiling's page of the
    same size, the demo site's pages beside theirs."""
    lines = [
        "| target | page | KB | connections | req/s | p50 ms | p99 ms | errors "
        "| ceiling req/s, same size | ratio to ceiling |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for connections in args.connections:
        rows = [("portal", label) for label, _path in targets["portal"]["pages"]]
        if "nginx" in targets:
            rows += [("nginx", label) for label, _path in targets["portal"]["pages"]]
        if "bakerydemo" in targets:
            rows += [("bakerydemo", label) for label in targets["bakerydemo"]["paths"]]
        for target, page in rows:
            if (target, page, connections) not in runs:
                continue
            result = summary(runs[(target, page, connections)])
            ceiling = summary(runs[("ceiling", page, connections)])
            ratio = result["rps"] / ceiling["rps"] if ceiling["rps"] else 0
            lines.append(
                f"| {target} | {page} | {sizes.get((target, page), 0) / 1000:.1f} | "
                f"{connections} | {result['rps']:.1f} | {fmt(result['p50'])} | "
                f"{fmt(result['p99'])} | {result['errors']} | {ceiling['rps']:.1f} | {ratio:.1%} |"
            )
    return "\n".join(lines)


# --- The run -----------------------------------------------------------------------------------


def database_url(server_url, name):
    from urllib.parse import urlsplit, urlunsplit

    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


@contextlib.contextmanager
def benchmark_database(args, workdir):
    """The database's URL: a SQLite file in `workdir` or a PostgreSQL database of the
    benchmark's own (dropped at the end unless --keep), or the one --reuse names."""
    if args.database == "sqlite":
        path = Path(args.reuse).resolve() if args.reuse else workdir / "load.sqlite3"
        try:
            yield f"sqlite:///{path}", path
        finally:
            if args.keep and not args.reuse and path.exists():
                kept = Path(tempfile.gettempdir()) / f"iswg-load-{os.getpid()}.sqlite3"
                shutil.copyfile(path, kept)
                print(f"Database kept at {kept} (--reuse {kept})", file=sys.stderr)
        return
    import psycopg
    from psycopg import sql

    if args.reuse:
        url = database_url(args.pg_url, args.reuse)
        yield url, url
        return
    name = args.pg_name
    with psycopg.connect(args.pg_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = database_url(args.pg_url, name)
    try:
        yield url, url
    finally:
        if args.keep:
            print(f"Database kept: {name} (--reuse {name})", file=sys.stderr)
        else:
            with psycopg.connect(args.pg_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def flush_redis(url):
    """Empty the benchmark's Redis database (only the numbered one it was given)."""
    import redis

    redis.Redis.from_url(url).flushdb()


def run(args):
    if WRK is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk).")
    workdir = Path(tempfile.mkdtemp(prefix="iswg-load-"))
    servers = []
    try:
        with benchmark_database(args, workdir) as (url, seed_target):
            found = seed_database(args, seed_target)
            redis_url = args.redis_url if args.database == "postgres" else ""
            if redis_url:
                flush_redis(redis_url)
            env = portal_environment(url, workdir / "static", redis_url)
            subprocess.run(  # noqa: S603 - the project's own command
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity=0"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            log = (workdir / "servers.log").open("w")
            portal, portal_base = gunicorn(["iswg_portal.wsgi"], env, ROOT, args.workers, log)
            servers.append(portal)
            pages = []
            for label, path in PORTAL_PAGES:
                path = path or found.get(label)
                if path:
                    pages.append((label, path))
            sizes = {}
            for label, path in pages:
                status, body = fetch(portal_base + path)  # the first, uncached visit
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
                sizes[("portal", label)] = len(body)
            home_size = sizes[("portal", "home")]
            ceiling_env = {**os.environ, "CEILING_BYTES": str(home_size)}
            ceiling, ceiling_base = gunicorn(
                ["ceiling:application"], ceiling_env, HERE, args.workers, log
            )
            servers.append(ceiling)
            # The ceiling answers each page's size: /<bytes>/.
            ceiling_sizes = {label: sizes[("portal", label)] for label, _path in pages}
            for label, size in ceiling_sizes.items():
                sizes[("ceiling", label)] = len(fetch(f"{ceiling_base}/{size}/")[1])
            targets = {
                "portal": {"base": portal_base, "pages": pages},
                "ceiling": {"base": ceiling_base, "sizes": ceiling_sizes},
            }
            if args.nginx:
                (workdir / "nginx").mkdir()
                front, front_port = start_nginx(
                    workdir / "nginx", portal_base.removeprefix("http://"), worker_connections=1024
                )
                servers.append(front)
                targets["nginx"] = {"base": f"http://127.0.0.1:{front_port}"}
                for label, path in pages:
                    if label in NGINX_PAGES:
                        sizes[("nginx", label)] = len(fetch(targets["nginx"]["base"] + path)[1])
            if args.bakerydemo:
                bakery, bakery_base = start_bakerydemo(args, log)
                servers.append(bakery)
                targets["bakerydemo"] = {"base": bakery_base, "paths": BAKERY_PAGES}
                for label, path in BAKERY_PAGES.items():
                    status, body = fetch(bakery_base + path)
                    if status != 200:
                        raise SystemExit(f"bakerydemo {path} answered {status}")
                    sizes[("bakerydemo", label)] = len(body)
            load_before = os.getloadavg()[0]
            runs = drive(targets, args)
            engine = "PostgreSQL + Redis" if args.database == "postgres" else "SQLite"
            print(
                f"\n{engine}, {found['services']} services, gunicorn {args.workers} workers "
                f"--preload each, wrk {args.duration} s per page and connection count, "
                f"{args.rounds} round(s); load average {load_before:.1f} before, "
                f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} processors. "
                "KB: the uncompressed page (wrk asks for no compression).\n"
            )
            print(table(runs, targets, args, sizes))
    finally:
        for server in servers:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


def start_bakerydemo(args, log):
    """The Wagtail demo site from the copy at --bakerydemo, with its production settings, on
    its own database (as that copy's settings find it), under the same gunicorn."""
    path = Path(args.bakerydemo).resolve()
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
            "DJANGO_SECRET_KEY": "load-benchmark-" + secrets.token_urlsafe(48),
            "SECRET_KEY": "load-benchmark-" + secrets.token_urlsafe(48),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_DEBUG": "off",
            "DJANGO_SECURE_SSL_REDIRECT": "off",
        }
    )
    if args.bakerydemo_database:
        env["DATABASE_URL"] = args.bakerydemo_database
    return gunicorn(["bakerydemo.wsgi"], env, path, args.workers, log)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_SERVER)
    parser.add_argument("--pg-name", default=f"iswg_load_{os.getpid()}")
    parser.add_argument(
        "--redis-url",
        default=DEFAULT_REDIS,
        help=f"the Redis database the portal caches in with --database postgres, emptied "
        f"first (default {DEFAULT_REDIS})",
    )
    parser.add_argument(
        "--reuse",
        help="a database kept by an earlier --keep run (a SQLite file, or with --database "
        "postgres a database name on --pg-url's server): no seeding",
    )
    parser.add_argument("--keep", action="store_true", help="keep the seeded database")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--connections",
        type=lambda text: [int(part) for part in text.split(",")],
        default=[8, 200],
        help="wrk's connection counts, comma-separated (default 8,200)",
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument(
        "--timeout", type=int, default=5, help="wrk counts an answer slower than this an error"
    )
    parser.add_argument("--bakerydemo", help="path to a prepared copy of the Wagtail demo site")
    parser.add_argument(
        "--nginx",
        action="store_true",
        help="also drive the home, directory and service pages through the documented nginx",
    )
    parser.add_argument(
        "--bakerydemo-database", help="DATABASE_URL for the demo site (default: its own)"
    )
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    parser.add_argument("--prepared", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args()


def main():
    args = parse_args()
    if args.prepare:
        prepare(args.prepare, args.services, args.seed, args.prepared)
        return
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))
    run(args)


if __name__ == "__main__":
    main()
