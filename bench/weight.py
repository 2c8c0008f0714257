"""Page weight of the public pages on a first visit, as a phone on metered data loads them.

Serves the seeded demo site the way production does (production settings, gunicorn, hashed and
compressed static files through whitenoise), opens each measured page in a fresh Chromium
profile at 390 px, and prints per page: requests, kilobytes transferred (as sent on the wire,
compressed, headers included), of which CSS and JS, and any request to another host.

    .venv/bin/python bench/weight.py                      # throwaway seeded database
    .venv/bin/python bench/weight.py --database /tmp/light.sqlite3   # seeded if empty
    .venv/bin/python bench/weight.py --url http://127.0.0.1:8021     # a running site

Budget (issue 18, phone-first): the home page, the directory, a search and a service page, in
English and Arabic, at most 50 KB and 12 requests on a first visit (the service worker's install
included: the script waits until the worker has kept its start pages and the page opened), CSS
and JS each under 30 KB, nothing from another host (map tiles aside: they load only when a
visitor opens the map). 1 KB = 1,000 bytes.
"""

import argparse
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PAGES = [
    ("home, en", "/en/"),
    ("home, ar", "/ar/"),
    ("directory, en", "/en/services/"),
    ("directory, ar", "/ar/services/"),
    ("search 'legal', en", "/en/services/?q=legal"),
    ("search 'legal', ar", "/ar/services/?q=legal"),
]
# And a service page in each language: the first one its directory lists.
SERVICE_PAGE_LANGUAGES = ["en", "ar"]

BUDGET = {"requests": 12, "total": 50_000, "css": 30_000, "js": 30_000}

# What the service worker kept (templates/core/service_worker.js).
KEPT_PAGES = """async () => {
    const cache = await caches.open("iswg-pages-v2");
    return (await cache.keys()).map((request) => request.url);
}"""


def free_port():
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(database, static_root):
    """Environment of a production-like site on a throwaway database, without TLS."""
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "iswg_portal.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "DATABASE_URL": f"sqlite:///{database}",
            "STATIC_ROOT": str(static_root),
            # Plain HTTP on the loopback interface: no redirect to https.
            "SECURE_SSL_REDIRECT": "0",
            "ISWG_ADMIN_REQUIRES_MFA": "0",
        }
    )
    return env


def run(command, env):
    """Run a project command quietly, failing loudly."""
    # The commands are this project's own tools, built above from fixed arguments.
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def prepare_site(database, static_root, env):
    """Translations compiled, database migrated and seeded (once), static files collected."""
    if not list((ROOT / "locale").glob("*/LC_MESSAGES/django.mo")):
        run([str(BIN / "pybabel"), "compile", "-d", "locale", "-D", "django"], env)
    seeded = database.exists() and database.stat().st_size > 0
    run([sys.executable, "manage.py", "migrate", "--noinput"], env)
    if not seeded:
        print("Seeding the demo site (about 90 s) ...", file=sys.stderr)
        run([sys.executable, "manage.py", "seed_demo"], env)
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "--clear"], env)
    static_root.mkdir(parents=True, exist_ok=True)


def start_server(env, port):
    """gunicorn serving the project on the loopback interface; returns the process."""
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [str(BIN / "gunicorn"), "iswg_portal.wsgi", "--bind", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The site did not answer /healthz within 60 s.")


def first_service_path(base_url, language):
    """The address of the first service listed in the language's directory."""
    with urllib.request.urlopen(f"{base_url}/{language}/services/", timeout=60) as response:  # noqa: S310
        html = response.read().decode()
    # A result card's title links to its service page.
    match = re.search(r'class="directory-result__title"[^>]*><a href="([^"]+)"', html)
    if not match:
        raise SystemExit(f"No service listed at /{language}/services/.")
    # As the browser writes it: a slug in another alphabet percent-encoded.
    return quote(match.group(1), safe="/%")


def pages_to_measure(base_url):
    """(label, path) of every measured page."""
    services = [
        (f"service page, {language}", first_service_path(base_url, language))
        for language in SERVICE_PAGE_LANGUAGES
    ]
    return PAGES + services


def wait_for_offline_copies(page, base_url, path, timeout=15):
    """Until the service worker has kept the start pages of the page's language and the page
    itself, so that every request of a first visit is counted; gives up after `timeout` s."""
    language = path.split("/")[1]
    wanted = {base_url + f"/{language}/", base_url + f"/{language}/services/", base_url + path}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kept = set(page.evaluate(KEPT_PAGES))
        if wanted <= kept and any(url.endswith("/offline/") for url in kept):
            return
        page.wait_for_timeout(200)
    print(f"  (the worker had not kept everything for {path} after {timeout} s)", file=sys.stderr)


def kind_of(resource_type, mime_type):
    """css, js or other, from the CDP resource type and the response's MIME type."""
    if resource_type == "Stylesheet" or mime_type == "text/css":
        return "css"
    if resource_type == "Script" or "javascript" in mime_type:
        return "js"
    return "other"


def measure(browser, base_url, path, width=390):
    """Load one page in a fresh profile; every request the page and its service worker made,
    with the bytes each transferred (compressed body plus headers, from CDP)."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    requests = {}

    def sent(event):
        requests.setdefault(
            event["requestId"],
            {"url": event["request"]["url"], "type": event.get("type", ""), "mime": "", "bytes": 0},
        )

    def received(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["mime"] = event["response"].get("mimeType", "")

    def finished(event):
        if event["requestId"] in requests:
            requests[event["requestId"]]["bytes"] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.loadingFinished", finished)
    # The service worker's own fetches (its install step) are counted too.
    worker_requests = []
    context.on(
        "requestfinished",
        lambda request: worker_requests.append(request) if request.service_worker else None,
    )
    page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    wait_for_offline_copies(page, base_url, path)
    page.wait_for_timeout(500)
    for request in worker_requests:
        sizes = request.sizes()
        response = request.response()
        requests[f"sw-{id(request)}"] = {
            "url": request.url,
            "type": request.resource_type.capitalize(),
            "mime": (response.headers.get("content-type", "") if response else "").split(";")[0],
            "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
        }
    context.close()
    return list(requests.values())


def summarise(label, base_url, records):
    """One row of the table: counts, kilobytes and the verdict against the budget."""
    site_host = urlsplit(base_url).netloc
    fetched = [r for r in records if r["url"].startswith(("http://", "https://"))]
    foreign = sorted({urlsplit(r["url"]).netloc for r in fetched} - {site_host})
    total = sum(r["bytes"] for r in fetched)
    css = sum(r["bytes"] for r in fetched if kind_of(r["type"], r["mime"]) == "css")
    js = sum(r["bytes"] for r in fetched if kind_of(r["type"], r["mime"]) == "js")
    problems = []
    if len(fetched) > BUDGET["requests"]:
        problems.append("requests")
    if total > BUDGET["total"]:
        problems.append("weight")
    if css >= BUDGET["css"]:
        problems.append("css")
    if js >= BUDGET["js"]:
        problems.append("js")
    if foreign:
        problems.append("foreign host")
    return {
        "page": label,
        "requests": len(fetched),
        "total": total,
        "css": css,
        "js": js,
        "foreign": foreign,
        "verdict": "within budget" if not problems else "OVER: " + ", ".join(problems),
    }


def print_table(rows):
    """The figures as a Markdown table, ready for bench/README.md."""
    print("| page | requests | KB transferred | KB CSS | KB JS | foreign hosts | verdict |")
    print("|---|---:|---:|---:|---:|---|---|")
    for row in rows:
        print(
            f"| {row['page']} | {row['requests']} | {row['total'] / 1000:.1f} "
            f"| {row['css'] / 1000:.1f} | {row['js'] / 1000:.1f} "
            f"| {', '.join(row['foreign']) or 'none'} | {row['verdict']} |"
        )


def print_details(label, records):
    """Every request of one page with its size, to see where the bytes go."""
    print(f"\n{label}:")
    for record in records:
        print(f"  {record['bytes']:>8} B  {record['type']:<11} {record['url']}")


def measure_all(base_url, verbose):
    """Measure every page in Debian's Chromium and print the table."""
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, path in pages_to_measure(base_url):
            records = measure(browser, base_url, path)
            if verbose:
                print_details(label, records)
            rows.append(summarise(label, base_url, records))
        browser.close()
    print()
    print_table(rows)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this running site instead of starting one")
    parser.add_argument("--database", type=Path, help="SQLite file to use (seeded when empty)")
    parser.add_argument("--verbose", action="store_true", help="list every request")
    args = parser.parse_args()
    if args.url:
        rows = measure_all(args.url.rstrip("/"), args.verbose)
    else:
        with tempfile.TemporaryDirectory(prefix="iswg-weight-") as workdir:
            database = args.database or Path(workdir) / "weight.sqlite3"
            env = site_environment(database.resolve(), Path(workdir) / "static")
            prepare_site(database.resolve(), Path(workdir) / "static", env)
            port = free_port()
            server = start_server(env, port)
            try:
                rows = measure_all(f"http://127.0.0.1:{port}", args.verbose)
            finally:
                server.terminate()
                server.wait(timeout=30)
    sys.exit(0 if all(row["verdict"] == "within budget" for row in rows) else 1)


if __name__ == "__main__":
    main()
