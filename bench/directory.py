"""Benchmark of the directory search page.

Seeds N services into a throwaway SQLite database, then requests 20 representative searches
(text, facets, both, far pages, distance) through the full Django/Wagtail stack and prints, for
each, the p50 and p95 server time and the SQL queries of one page. Then the print sheet
(/en/services/print/) for the whole region, a province and a district: time, queries and size.

    .venv/bin/python bench/directory.py --services 10000 --repeat 15

Budget (issue 4): at 10,000 services p95 <= 100 ms and <= 20 queries per page, with the same
query count at 100 services as at 10,000.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = {
    "Health": ["Primary health care", "Psychosocial support", "Sexual and reproductive health"],
    "Protection": ["Legal aid", "Case management", "Child protection", "SGBV response"],
    "Basic Needs": ["Hygiene kits", "Cash assistance", "Food parcels"],
    "Education": ["Turkish language course", "Catch-up classes", "Early childhood"],
    "Livelihoods": ["Vocational training", "Job placement", "Day-care for trainees"],
}
SECTOR_TR = {
    "Health": "Sağlık",
    "Protection": "Koruma",
    "Basic Needs": "Temel İhtiyaçlar",
    "Education": "Eğitim",
    "Livelihoods": "Geçim",
}
LANGUAGES = [
    ("ar", "Arabic", "العربية"),
    ("tr", "Turkish", "Türkçe"),
    ("fa", "Persian", "فارسی"),
    ("en", "English", "English"),
    ("ku", "Kurdish", "Kurdî"),
    ("ps", "Pashto", "پښتو"),
    ("fr", "French", "Français"),
    ("so", "Somali", "Soomaali"),
]
GROUPS = ["children", "women-at-risk", "persons-with-disabilities", "older-persons", "all", "youth"]
SUMMARIES = [
    "Free confidential counselling for refugees and asylum-seekers.",
    "Ücretsiz sağlık taraması ve danışmanlık hizmeti.",
    "جلسات الدعم النفسي للأطفال والعائلات.",
    "Registration support and referral to public services.",
    "Türkçe kursu, A1 seviyesinden B1 seviyesine.",
    "Hygiene kits and winter clothes for families in need.",
    "Legal counselling on international protection procedures.",
    "Mesleki eğitim ve iş yerleştirme desteği.",
]
AGENCIES = [
    ("Association for Solidarity with Asylum Seekers and Migrants", "ASAM"),
    ("Buca Municipality", "BUCA"),
    ("Provincial Directorate of Migration Management", "PDMM"),
    ("Migrant Health Centre", "MHC"),
    ("Refugee Rights Turkey", "RRT"),
    ("Support to Life", "STL"),
    ("Turkish Red Crescent", "TRC"),
    ("International Organization for Migration", "IOM"),
]


def setup_django(database_path):
    """Point Django at the throwaway database before anything imports settings."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ["PYTHONUNBUFFERED"] = "1"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iswg_portal.settings.test")
    import django

    django.setup()


def encode_step(number):
    """A treebeard path step (4 characters of base 36)."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        out = alphabet[rest] + out
    return out


def bulk_pages(parent, model, rows):
    """Insert pages below `parent` in bulk (Wagtail's page API indexes and revises each page,
    which would take hours for 10,000); rows are dicts of the model's own fields."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    pages = []
    for offset, row in enumerate(rows, start=1):
        slug = row.pop("slug")
        pages.append(
            model(
                title=row.pop("title"),
                draft_title=row["_title"],
                slug=slug,
                path=parent.path + encode_step(start + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                **{k: v for k, v in row.items() if not k.startswith("_")},
            )
        )
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    created = Page.objects.bulk_create(
        [Page(**{f.attname: getattr(p, f.attname) for f in page_fields}) for p in pages]
    )
    own_fields = list(model._meta.local_concrete_fields)
    for page, base in zip(pages, created, strict=True):
        page.pk = page.page_ptr_id = base.pk
        page.id = base.pk
    for batch_start in range(0, len(pages), 500):
        model._base_manager._insert(
            pages[batch_start : batch_start + 500], fields=own_fields, raw=True, using="default"
        )
    Page.objects.filter(pk=parent.pk).update(numchild=start + len(pages))
    parent.numchild = start + len(pages)
    return pages


def seed(count, rng):
    """Site, places, taxonomy, agencies and `count` services with locations, hours, languages."""
    import datetime
    import io

    from django.db import transaction
    from taggit.models import Tag
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from home.demo import seed_site
    from iswg_portal.core.collation import sort_key
    from iswg_portal.core.text import fold_for_search
    from services_map.models import (
        AgencyPage,
        District,
        Language,
        ServiceCategory,
        ServiceLanguage,
        ServiceLocation,
        ServicePage,
        ServicePopulationGroup,
        ServiceSchedule,
    )
    from services_map.reference_data import seed_directory_page, seed_places
    from services_map.search.text import remember_words

    seed_site(io.StringIO())
    seed_places(io.StringIO())
    directory = seed_directory_page(io.StringIO())
    english = Locale.get_default()
    categories = []
    for sector_name, types in SECTORS.items():
        sector = ServiceCategory.objects.create(
            name=sector_name, slug=sector_name.lower().replace(" ", "-"), locale=english
        )
        for type_name in types:
            categories.append(
                (
                    sector,
                    ServiceCategory.objects.create(
                        name=type_name,
                        slug=type_name.lower().replace(" ", "-"),
                        parent=sector,
                        locale=english,
                    ),
                )
            )
    languages = [Language.objects.create(code=c, name=n, native_name=nn) for c, n, nn in LANGUAGES]
    tags = [Tag.objects.get_or_create(name=g, slug=g)[0] for g in GROUPS]
    districts = list(District.objects.select_related("province"))

    with transaction.atomic():
        agency_rows = []
        for n in range(max(1, count // 20)):
            name, acronym = AGENCIES[n % len(AGENCIES)]
            agency_rows.append(
                {
                    "title": f"{name} {n // len(AGENCIES) + 1}",
                    "_title": f"{name} {n // len(AGENCIES) + 1}",
                    "slug": f"agency-{n}",
                    "acronym": acronym,
                    "agency_type": "ngo",
                }
            )
        directory.refresh_from_db()
        agencies = bulk_pages(directory, AgencyPage, agency_rows)
        services = []
        per_agency = {}
        for n in range(count):
            per_agency.setdefault(n % len(agencies), []).append(n)
        today = datetime.date.today()
        for index, numbers in per_agency.items():
            agency = agencies[index]
            rows = []
            for n in numbers:
                sector, kind = rng.choice(categories)
                district = rng.choice(districts)
                title = f"{kind.name} {district.name}"
                rows.append(
                    {
                        "title": title,
                        "_title": title,
                        "_sector": sector,
                        "_kind": kind,
                        "_district": district,
                        "slug": f"service-{n}",
                        "summary": rng.choice(SUMMARIES),
                        "description": "",
                        "fee_type": rng.choice(["free", "free", "free", "paid", "partly_free"]),
                        "access_method": rng.choice(["walk_in", "appointment", "referral_only"]),
                        "status": rng.choice(["active"] * 9 + ["temporarily_closed"]),
                        "end_date": today - datetime.timedelta(days=3) if n % 50 == 0 else None,
                        "is_internal": n % 40 == 0,
                        "is_protection_sensitive": n % 30 == 0,
                        "eligible_legal_statuses": [],
                        "search_name": fold_for_search(f"{title} {agency.title} {agency.acronym}"),
                        "title_sort_key": sort_key(title, directory.locale.language_code),
                    }
                )
            meta = [(r["_sector"], r["_kind"], r["_district"]) for r in rows]
            created = bulk_pages(agency, ServicePage, rows)
            for page, (sector, kind, district) in zip(created, meta, strict=True):
                services.append((page, sector, kind, district))

        locations, schedules, spoken, links, groups = [], [], [], [], []
        link_model = ServicePage.categories.through
        for page, sector, kind, district in services:
            province = district.province
            locations.append(
                ServiceLocation(
                    page_id=page.pk,
                    sort_order=0,
                    name=page.title,
                    address_1=f"{district.name} Cad. No: {rng.randint(1, 200)}",
                    province_id=province.pk,
                    district_id=district.pk,
                    latitude=province.latitude + rng.uniform(-0.2, 0.2),
                    longitude=province.longitude + rng.uniform(-0.2, 0.2),
                    wheelchair_accessible=rng.random() < 0.3,
                )
            )
            if rng.random() < 0.8:
                for day in range(1, 6):
                    schedules.append(
                        ServiceSchedule(
                            page_id=page.pk,
                            sort_order=day,
                            weekday=day,
                            opens_at=datetime.time(9),
                            closes_at=datetime.time(17),
                        )
                    )
            for order, language in enumerate(rng.sample(languages, rng.randint(1, 3))):
                spoken.append(
                    ServiceLanguage(page_id=page.pk, sort_order=order, language_id=language.pk)
                )
            links.append(link_model(servicepage_id=page.pk, servicecategory_id=sector.pk))
            links.append(link_model(servicepage_id=page.pk, servicecategory_id=kind.pk))
            for tag in rng.sample(tags, rng.randint(1, 2)):
                groups.append(ServicePopulationGroup(content_object_id=page.pk, tag_id=tag.pk))
        ServiceLocation.objects.bulk_create(locations, batch_size=1000)
        ServiceSchedule.objects.bulk_create(schedules, batch_size=1000)
        ServiceLanguage.objects.bulk_create(spoken, batch_size=1000)
        link_model.objects.bulk_create(links, batch_size=1000)
        ServicePopulationGroup.objects.bulk_create(groups, batch_size=1000)

    # Index through Wagtail's search backend, as `update_index` would.
    backend = get_search_backend()
    queryset = ServicePage.objects.prefetch_related(
        "categories",
        "locations__province",
        "locations__district",
        "service_languages__language",
        "population_groups",
    )
    words = []
    batch = []
    for page in queryset.iterator(chunk_size=500):
        batch.append(page)
        if len(batch) == 500:
            backend.add_bulk(ServicePage, batch)
            words.extend(p.search_name + " " + p.folded_body() for p in batch)
            batch = []
    if batch:
        backend.add_bulk(ServicePage, batch)
        words.extend(p.search_name + " " + p.folded_body() for p in batch)
    remember_words(*words)
    return directory


def searches(rng):
    """Twenty searches people make: words, facets, both, far pages, distance."""
    from services_map.models import District

    buca = District.objects.get(province__slug="izmir", name="Buca").pk
    konak = District.objects.get(province__slug="izmir", name="Konak").pk
    return [
        ("everything", ""),
        ("word: saglik", "?q=saglik"),
        ("word: legal", "?q=legal"),
        ("place word: izmir", "?q=izmir"),
        ("two words: psychosocial support", "?q=psychosocial+support"),
        ("typo: counseling", "?q=counseling"),
        ("arabic: الدعم", "?q=%D8%A7%D9%84%D8%AF%D8%B9%D9%85"),
        ("sector", "?category=health"),
        ("province", "?province=izmir"),
        ("district", f"?district={buca}"),
        ("language + free", "?language=ar&free=1"),
        ("group + wheelchair", "?group=children&wheelchair=1"),
        ("open now", "?open_now=1"),
        ("words + 2 facets", "?q=legal&province=izmir&language=ar"),
        ("saglik izmir + free", "?q=saglik+izmir&free=1"),
        ("3 facets, district", f"?category=protection&district={konak}&language=fa"),
        ("far page", "?page=40"),
        ("words, far page", "?q=course&page=8"),
        ("near me", "?lat=38.4237&lng=27.1428"),
        ("district by distance, page 5", f"?district={buca}&sort=distance&page=5"),
    ]


def print_sheets():
    """The print sheet as people ask for it: the whole region (no filter), a province, a
    district, and a province with a filter."""
    from services_map.models import District

    buca = District.objects.get(province__slug="izmir", name="Buca").pk
    return [
        ("print: no filter", ""),
        ("print: province izmir", "?province=izmir"),
        ("print: province mugla", "?province=mugla"),
        ("print: district buca", f"?district={buca}"),
        ("print: izmir + free", "?province=izmir&free=1"),
    ]


def measure(client, url, repeat):
    """Wall-clock times (ms) of the first (cold) request and of `repeat` more, their CPU times
    (which leave out waiting for a busy machine's processor), and the queries of one page."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    response = client.get(url)
    cold = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    measure.last_size = len(response.content)
    # Each request clears the query log as it starts: count from an empty log, and read the
    # count before the next request clears it again.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    query_count = len(captured)
    times, cpu_times = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - started_cpu) * 1000)
    return cold, times, cpu_times, query_count


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--print-only", action="store_true", help="measure the print sheet only, not the searches"
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and print its path")
    parser.add_argument(
        "--reuse", type=Path, help="measure a database kept by an earlier --keep run, no seeding"
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="iswg-bench-"))
    database = args.reuse or workdir / "bench.sqlite3"
    setup_django(database)
    from django.core.management import call_command
    from django.test import Client

    rng = random.Random(args.seed)
    if args.reuse:
        from services_map.models import ServicePage

        print(f"Reusing {database}: {ServicePage.objects.count()} services.")
    else:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        seed(args.services, rng)
        call_command("analyze_directory", verbosity=0)
        print(f"Seeded {args.services} services in {time.perf_counter() - started:.0f} s.")

    client = Client()
    client.get("/en/services/")  # the vocabulary snapshot is built once per process
    all_cold, all_times, all_cpu = [], [], []
    print(f"{'search':32} {'cold':>7} {'p50':>7} {'p95':>7} {'p95 cpu':>8} {'queries':>8}")
    for label, query in [] if args.print_only else searches(rng):
        cold, times, cpu_times, queries = measure(client, f"/en/services/{query}", args.repeat)
        all_cold.append(cold)
        all_times.extend(times)
        all_cpu.extend(cpu_times)
        print(
            f"{label:32} {cold:7.1f} {statistics.median(times):7.1f} "
            f"{percentile(times, 0.95):7.1f} {percentile(cpu_times, 0.95):8.1f} {queries:8d}",
            flush=True,
        )
    if all_times:
        print(
            f"{'all searches':32} {percentile(all_cold, 0.5):7.1f} "
            f"{statistics.median(all_times):7.1f} {percentile(all_times, 0.95):7.1f} "
            f"{percentile(all_cpu, 0.95):8.1f}"
        )
        print(f"cold p95 (first request of each search): {percentile(all_cold, 0.95):.1f} ms")
    print()
    print(
        f"{'print sheet':32} {'cold':>7} {'p50':>7} {'p95':>7} {'p95 cpu':>8} {'queries':>8} "
        f"{'KB':>7}"
    )
    for label, query in print_sheets():
        url = f"/en/services/print/{query}"
        cold, times, cpu_times, queries = measure(client, url, args.repeat)
        print(
            f"{label:32} {cold:7.1f} {statistics.median(times):7.1f} "
            f"{percentile(times, 0.95):7.1f} {percentile(cpu_times, 0.95):8.1f} {queries:8d} "
            f"{measure.last_size / 1000:7.1f}",
            flush=True,
        )
    if args.keep:
        print(f"Database kept at {database}")
    if not args.keep or args.reuse:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
