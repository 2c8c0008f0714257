"""Lighthouse's mobile scores of the public pages: performance, SEO and layout shift.

Serves the seeded demo site the way production does (bench/weight.py's site: production
settings, gunicorn, hashed and compressed static files through whitenoise) and runs Lighthouse 12
(through npx, in Debian's Chromium) on the home page, the directory and a service page, in
English and Arabic, as a phone on its first visit (Lighthouse's mobile preset: a mid-range phone
on a slow 4G connection, simulated). Prints per page the performance and SEO scores, the layout
shift, the largest contentful paint and total blocking time, and the audits that cost points.

    .venv/bin/python bench/lighthouse.py                      # throwaway seeded database
    .venv/bin/python bench/lighthouse.py --database /tmp/light.sqlite3   # seeded if empty
    .venv/bin/python bench/lighthouse.py --url http://127.0.0.1:8021     # a running site
    .venv/bin/python bench/lighthouse.py --runs 3             # the median of three runs a page

Budget (issue 18): performance at least 98, SEO 100, cumulative layout shift at most 0.01.
Lighthouse is a measurement, not a test: its performance score moves with the machine's load.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import weight  # noqa: E402 - bench/weight.py, beside this file

LIGHTHOUSE = "lighthouse@12"
ATTEMPTS = 3
BUDGET = {"performance": 98, "seo": 100, "cls": 0.01}
# The two directories, whose first result gives the service page measured in each language.
LANGUAGES = ["en", "ar"]
# The figures printed for each page, from Lighthouse's audits.
METRICS = {
    "cls": "cumulative-layout-shift",
    "lcp": "largest-contentful-paint",
    "fcp": "first-contentful-paint",
    "tbt": "total-blocking-time",
}


def pages_to_measure(base_url):
    """(label, path) of each measured page: home, directory and a service, in each language."""
    pages = []
    for language in LANGUAGES:
        pages += [
            (f"home, {language}", f"/{language}/"),
            (f"directory, {language}", f"/{language}/services/"),
            (f"service page, {language}", weight.first_service_path(base_url, language)),
        ]
    return pages


def run_lighthouse(url, report_path):
    """One Lighthouse run of `url` with the mobile preset; its JSON report."""
    env = dict(os.environ, CHROME_PATH=weight.CHROMIUM)
    command = [
        shutil.which("npx") or "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--only-categories=performance,seo",
        "--output=json",
        f"--output-path={report_path}",
        "--quiet",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    # Lighthouse now and then fails to record the page load's trace (NO_NAVSTART) and asks to be
    # run again: a run that fails is tried again, twice at most, before the script gives up.
    for attempt in range(ATTEMPTS):
        # npx and Lighthouse are fixed here; the URL is the site this script serves or was given.
        finished = subprocess.run(command, env=env, stdout=subprocess.DEVNULL)  # noqa: S603
        if finished.returncode == 0:
            return json.loads(Path(report_path).read_text())
        print(f"Lighthouse failed on {url} (attempt {attempt + 1})", file=sys.stderr)
    raise SystemExit(f"Lighthouse failed {ATTEMPTS} times on {url}")


def figures_of(report):
    """Scores (0-100), metrics and the audits that lost points, from one report."""
    categories = report["categories"]
    audits = report["audits"]
    row = {
        "performance": round(categories["performance"]["score"] * 100),
        "seo": round(categories["seo"]["score"] * 100),
    }
    for name, audit in METRICS.items():
        row[name] = audits[audit]["numericValue"]
    lost = []
    for category in ("performance", "seo"):
        for reference in categories[category]["auditRefs"]:
            audit = audits[reference["id"]]
            if reference["weight"] and audit["score"] is not None and audit["score"] < 1:
                lost.append(f"{reference['id']} ({audit['score']:.2f})")
    row["lost"] = lost
    return row


def median_run(rows):
    """The run whose performance score is the median one (Lighthouse's own advice)."""
    ordered = sorted(rows, key=lambda row: row["performance"])
    return ordered[len(ordered) // 2]


def verdict(row):
    problems = []
    if row["performance"] < BUDGET["performance"]:
        problems.append("performance")
    if row["seo"] < BUDGET["seo"]:
        problems.append("SEO")
    if row["cls"] > BUDGET["cls"]:
        problems.append("CLS")
    return "within budget" if not problems else "OVER: " + ", ".join(problems)


def print_table(rows):
    """The figures as a Markdown table, ready for bench/README.md."""
    print("| page | performance | SEO | CLS | LCP ms | FCP ms | TBT ms | verdict |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['page']} | {row['performance']} | {row['seo']} | {row['cls']:.3f} "
            f"| {row['lcp']:.0f} | {row['fcp']:.0f} | {row['tbt']:.0f} | {row['verdict']} |"
        )
    for row in rows:
        if row["lost"]:
            print(f"\n{row['page']}: points lost in {', '.join(row['lost'])}")


def measure_all(base_url, runs, workdir):
    rows = []
    for label, path in pages_to_measure(base_url):
        reports = [
            figures_of(run_lighthouse(base_url + path, Path(workdir) / f"report-{turn}.json"))
            for turn in range(runs)
        ]
        row = median_run(reports)
        row["page"] = f"{label} ({path})" if label.startswith("service") else label
        row["verdict"] = verdict(row)
        print(
            f"{row['page']}: performance {[r['performance'] for r in reports]}, "
            f"SEO {row['seo']}, CLS {row['cls']:.3f}",
            file=sys.stderr,
        )
        rows.append(row)
    load = os.getloadavg()[0]
    print()
    print_table(rows)
    print(f"\nLoad average (1 min) at the end: {load:.1f} on {os.cpu_count()} processors.")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="measure this running site instead of starting one")
    parser.add_argument("--database", type=Path, help="SQLite file to use (seeded when empty)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="iswg-lighthouse-") as workdir:
        if args.url:
            rows = measure_all(args.url.rstrip("/"), args.runs, workdir)
        else:
            database = (args.database or Path(workdir) / "lighthouse.sqlite3").resolve()
            port = weight.free_port()
            env = weight.site_environment(database, Path(workdir) / "static")
            # Canonical and hreflang addresses on the host Lighthouse reads the pages from.
            env["SITE_URL"] = f"http://127.0.0.1:{port}"
            weight.prepare_site(database, Path(workdir) / "static", env)
            server = weight.start_server(env, port)
            try:
                rows = measure_all(f"http://127.0.0.1:{port}", args.runs, workdir)
            finally:
                server.terminate()
                server.wait(timeout=30)
    sys.exit(0 if all(row["verdict"] == "within budget" for row in rows) else 1)


if __name__ == "__main__":
    main()
