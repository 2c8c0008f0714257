"""Benchmark of the directory search page, on SQLite or PostgreSQL.

Seeds N services into a throwaway database (a SQLite file, or a PostgreSQL database created on
the server given by --pg-url and dropped at the end), then requests 36 representative searches
(words in several languages, facets, both, far pages, distance) through the full Django/Wagtail
stack and prints, for each, the number of services found, the p50 and p95 server time and the
SQL queries of one page, marking the rows over budget. Then the print sheet
(/en/services/print/) for the whole region, a province and a district: time, queries and size.

    .venv/bin/python bench/directory.py --services 10000 --repeat 15
    .venv/bin/python bench/directory.py --database postgres --services 10000 --repeat 15

Budget (issue 4): at 10,000 services p95 <= 100 ms and <= 20 queries per page, with the same
query count at 100 services as at 10,000.
"""

import argparse
import contextlib
import logging
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
import uuid
import warnings
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

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
# Summaries as agencies write them, in the languages they write in, per sector, so that the
# searches below in Turkish, Arabic and Persian find services that speak of their subject. Some
# words appear as people type them (`doktor`, `kira yardımı`, `دکتر`, `الأطفال`), others only
# in another form (`دورات اللغة التركية`, `للأطفال`): those are the search work's to match.
SUMMARIES = {
    "Health": [
        "Free confidential counselling for refugees and asylum-seekers.",
        "Ücretsiz sağlık taraması ve danışmanlık hizmeti.",
        "جلسات الدعم النفسي للأطفال والعائلات.",
        "See a doctor or a nurse without an appointment; referral to the state hospital.",
        "Aile hekimi ve doktor muayenesi, gerekirse hastaneye sevk.",
        "Psikolojik destek ve psikososyal danışmanlık, bireysel ve grup seansları.",
        "عيادة طبيب عام ورعاية صحية للنساء الحوامل.",
        "ویزیت رایگان دکتر و پزشک عمومی برای خانواده‌ها.",
    ],
    "Protection": [
        "Registration support and referral to public services.",
        "Legal counselling on international protection procedures.",
        "Hukuki danışmanlık ve ikamet izni başvurusunda destek.",
        "حماية الأطفال ومساحات صديقة للطفل في المراكز المجتمعية.",
        "مشاوره حقوقی رایگان و کمک در ثبت نام و اقامت.",
    ],
    "Basic Needs": [
        "Hygiene kits and winter clothes for families in need.",
        "Kira yardımı ve nakit destek, muhtarlık yönlendirmesiyle.",
        "مساعدات نقدية لدفع الإيجار وطرود غذائية للعائلات.",
        "کمک هزینه اجاره خانه و بسته‌های غذایی.",
    ],
    "Education": [
        "Türkçe kursu, A1 seviyesinden B1 seviyesine.",
        "Turkish lessons for adults, evening and weekend classes.",
        "دورة لغة تركية مجانية للكبار من المستوى الأول.",
        "دورات اللغة التركية للأطفال في المراكز المجتمعية.",
        "تعليم الأطفال ودروس تقوية بعد المدرسة.",
    ],
    "Livelihoods": [
        "Mesleki eğitim ve iş yerleştirme desteği.",
        "Job placement and vocational training for young people.",
        "تدريب مهني ومساعدة في إيجاد عمل.",
    ],
}
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


BUDGET_MS = 100
BUDGET_QUERIES = 20
DEFAULT_PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def setup_django(database, page_cache=True):
    """Point Django at the throwaway database before anything imports settings: a SQLite file's
    path, or a PostgreSQL database's URL. Without `page_cache` the anonymous page cache is off:
    the searches' own work is measured, not a second request answered from the cache."""
    database = str(database)
    if not page_cache:
        os.environ["PAGE_CACHE_SECONDS"] = "0"
    is_url = database.startswith(("postgres://", "postgresql://"))
    os.environ["DATABASE_URL"] = database if is_url else f"sqlite:///{database}"
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


def batched(items, size):
    """Lists of `size` items (the last one shorter)."""
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def compute_search_text_once(page, agency_texts):
    """Compute the texts a service page is indexed with (search keys, services_map/models),
    once: each costs a query or two, and the search backend asks for them several times. The
    agency's text is the same for every service of that agency (`agency_texts`, by agency
    path)."""
    from iswg_portal.core.analysis import index_text
    from iswg_portal.core.text import fold_for_search

    agency_path = page.path[: -page.steplen]
    if agency_path not in agency_texts:
        agency_texts[agency_path] = page.agency_text()
    body = page.body_text()
    texts = {
        "indexed_name": index_text(page.title),
        "indexed_agency": index_text(agency_texts[agency_path]),
        "indexed_body": index_text(body),
    }
    for name, text in texts.items():
        setattr(page, name, lambda text=text: text)
    return fold_for_search(f"{page.title} {agency_texts[agency_path]} {body}")


def seed(count, rng):
    """Site, places, taxonomy, agencies and `count` services with locations, hours, languages."""
    import datetime
    import io

    from django.db import transaction
    from taggit.models import Tag
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from home.demo import seed_site
    from iswg_portal.core.analysis import index_text
    from iswg_portal.core.collation import sort_key
    from services_map.category_terms import shipped_terms
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
    # The words people use (services_map/data/category-terms.json), every language's, on the
    # categories the shipped list knows, so concept matching runs at its real size.
    shipped = shipped_terms()
    for category in ServiceCategory.objects.filter(slug__in=shipped):
        terms = [term for language in shipped[category.slug].values() for term in language]
        category.search_terms = "\n".join(terms)
        category.save(update_fields=["search_terms"])
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
                        "summary": rng.choice(SUMMARIES[sector.name]),
                        "description": "",
                        "fee_type": rng.choice(["free", "free", "free", "paid", "partly_free"]),
                        "access_method": rng.choice(["walk_in", "appointment", "referral_only"]),
                        "status": rng.choice(["active"] * 9 + ["temporarily_closed"]),
                        "end_date": today - datetime.timedelta(days=3) if n % 50 == 0 else None,
                        "is_internal": n % 40 == 0,
                        "is_protection_sensitive": n % 30 == 0,
                        "eligible_legal_statuses": [],
                        "search_name": index_text(f"{title} {agency.title} {agency.acronym}")[:500],
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

    # Index through Wagtail's search backend, as `update_index` would, with the model's own
    # search text; the backend asks for each text once per index column (title, body, their
    # plain copies, autocomplete), so each page's is computed once and handed back after.
    backend = get_search_backend()
    queryset = ServicePage.objects.prefetch_related(
        "categories",
        "locations__province",
        "locations__district",
        "service_languages__language",
        "population_groups",
    )
    words, agency_texts = [], {}
    for batch in batched(queryset.iterator(chunk_size=500), 500):
        for page in batch:
            words.append(compute_search_text_once(page, agency_texts))
        backend.add_bulk(ServicePage, batch)
    remember_words(*words)
    return directory


def searches():
    """Searches people make, each as (label, URL): words, facets, both, far pages, distance;
    then words as people type them in their own language, in their language's directory."""
    from services_map.models import District

    buca = District.objects.get(province__slug="izmir", name="Buca").pk
    konak = District.objects.get(province__slug="izmir", name="Konak").pk
    izmir_centre = {"lat": "38.4237", "lng": "27.1428"}
    rows = [
        ("everything", "en", {}),
        ("word: saglik", "en", {"q": "saglik"}),
        ("word: legal", "en", {"q": "legal"}),
        ("place word: izmir", "en", {"q": "izmir"}),
        ("two words: psychosocial support", "en", {"q": "psychosocial support"}),
        ("typo: counseling", "en", {"q": "counseling"}),
        ("arabic: الدعم", "en", {"q": "الدعم"}),
        ("sector", "en", {"category": "health"}),
        ("province", "en", {"province": "izmir"}),
        ("district", "en", {"district": buca}),
        ("language + free", "en", {"language": "ar", "free": 1}),
        ("group + wheelchair", "en", {"group": "children", "wheelchair": 1}),
        ("open now", "en", {"open_now": 1}),
        ("words + 2 facets", "en", {"q": "legal", "province": "izmir", "language": "ar"}),
        ("saglik izmir + free", "en", {"q": "saglik izmir", "free": 1}),
        (
            "3 facets, district",
            "en",
            {"category": "protection", "district": konak, "language": "fa"},
        ),
        ("far page", "en", {"page": 40}),
        ("words, far page", "en", {"q": "course", "page": 8}),
        ("near me", "en", izmir_centre),
        ("district by distance, page 5", "en", {"district": buca, "sort": "distance", "page": 5}),
        # Issue 16: words as people type them, in the directory of their language.
        ("tr two words: psikolojik destek", "tr", {"q": "psikolojik destek"}),
        ("en two words: turkish lessons", "en", {"q": "turkish lessons"}),
        ("ar article: الأطفال", "ar", {"q": "الأطفال"}),
        ("ar clitic: والأطفال", "ar", {"q": "والأطفال"}),
        ("ar phrase: دورة لغة تركية", "ar", {"q": "دورة لغة تركية"}),
        ("en concept: doctor", "en", {"q": "doctor"}),
        ("tr concept: kira yardımı", "tr", {"q": "kira yardımı"}),
        ("fa concept: دکتر", "fa", {"q": "دکتر"}),
        ("tr place + need: izmir doktor", "tr", {"q": "izmir doktor"}),
        ("ar place + need: إزمير طبيب", "ar", {"q": "إزمير طبيب"}),
        ("en typo: hosptal", "en", {"q": "hosptal"}),
        ("en three words: free legal counselling", "en", {"q": "free legal counselling"}),
        ("ar article, 3 words: الدعم النفسي للأطفال", "ar", {"q": "الدعم النفسي للأطفال"}),
        ("en concept: kizilaykart", "en", {"q": "kizilaykart"}),
        ("tr concept, 2 words: iş bulma", "tr", {"q": "iş bulma"}),
        (
            "tr words + filters + distance",
            "tr",
            {"q": "doktor", "province": "izmir", "free": 1, **izmir_centre, "sort": "distance"},
        ),
    ]
    return [
        (label, f"/{lang}/services/" + (f"?{urlencode(params)}" if params else ""))
        for label, lang, params in rows
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
    measure.last_found = services_found(response.content.decode())
    # Each request clears the query log as it starts: count from an empty log, and read the
    # count before the next request clears it again.
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    query_count = len(captured)
    # Database time of that page: on PostgreSQL the CPU column leaves it out (another process).
    measure.last_sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
    times, cpu_times = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.process_time() - started_cpu) * 1000)
    return cold, times, cpu_times, query_count


RESULTS_HEADING = re.compile(r'id="results-heading"[^>]*>\D*(\d+)')


def services_found(html):
    """The number of services the page says it found ("1,234 services found" in any language),
    or None on a page without that heading (the print sheet)."""
    match = RESULTS_HEADING.search(html.replace(",", "").replace("\u066c", ""))
    return int(match.group(1)) if match else None


def over_budget(p95, queries):
    """What a search exceeds of the budget: p95 over 100 ms, over 20 queries a page."""
    marks = []
    if p95 > BUDGET_MS:
        marks.append("time")
    if queries > BUDGET_QUERIES:
        marks.append("queries")
    return "OVER: " + ", ".join(marks) if marks else ""


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def database_url(server_url, name):
    """The URL of database `name` on the server of `server_url`."""
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


@contextlib.contextmanager
def throwaway_postgres(server_url, name, keep=False):
    """Create database `name` on the PostgreSQL server of `server_url` and yield its URL; drop it
    afterwards, also after an error or an interruption, unless `keep`."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(server_url, name)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if not keep:
            with psycopg.connect(server_url, autocommit=True) as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )


def stop_on_terminate():
    """Turn SIGTERM into SystemExit, so a killed run still drops its database."""
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(143))


def parse_args():
    """Command-line options; DATABASE_URL naming a PostgreSQL server chooses PostgreSQL (on that
    server, in a database of the benchmark's own) unless --database says otherwise."""
    environment_url = os.environ.get("DATABASE_URL", "")
    on_postgres = environment_url.startswith(("postgres://", "postgresql://"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument(
        "--database",
        choices=["sqlite", "postgres"],
        default="postgres" if on_postgres else "sqlite",
        help="the database engine (default: PostgreSQL when DATABASE_URL names one, else SQLite)",
    )
    parser.add_argument(
        "--pg-url",
        default=environment_url if on_postgres else DEFAULT_PG_SERVER,
        help="a PostgreSQL server on which the benchmark may create and drop a database "
        f"(default: DATABASE_URL's server, else {DEFAULT_PG_SERVER})",
    )
    parser.add_argument(
        "--pg-name",
        default=f"iswg_bench_{os.getpid()}",
        help="the name of the throwaway PostgreSQL database (default: iswg_bench_<pid>)",
    )
    parser.add_argument(
        "--print-only", action="store_true", help="measure the print sheet only, not the searches"
    )
    parser.add_argument(
        "--searches-only",
        action="store_true",
        help="measure the searches only, not the print sheet",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database and say where")
    parser.add_argument(
        "--reuse",
        help="measure a database kept by an earlier --keep run, no seeding: a SQLite file's "
        "path, or with --database postgres a database name on --pg-url's server",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    stop_on_terminate()
    if args.database == "postgres":
        if args.reuse:
            run(args, database_url(args.pg_url, args.reuse))
        else:
            with throwaway_postgres(args.pg_url, args.pg_name, keep=args.keep) as url:
                run(args, url)
                if args.keep:
                    print(f"Database kept: {url} (measure it again with --reuse {args.pg_name})")
        return
    workdir = Path(tempfile.mkdtemp(prefix="iswg-bench-"))
    try:
        database = Path(args.reuse) if args.reuse else workdir / "bench.sqlite3"
        run(args, database)
        if args.keep and not args.reuse:
            print(f"Database kept at {database}")
    finally:
        if not args.keep or args.reuse:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args, database):
    """Seed (unless reusing) and measure the database at `database` (a path or a URL)."""
    setup_django(database, page_cache=False)
    # Wagtail and the task queue log each page the seeding creates; static files are not
    # collected for a benchmark.
    logging.disable(logging.INFO)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    rng = random.Random(args.seed)
    if connection.vendor == "postgresql":
        engine = f"PostgreSQL {connection.pg_version // 10000}"
    else:
        engine = f"SQLite {connection.Database.sqlite_version}"
    if args.reuse:
        from services_map.models import ServicePage

        print(f"Reusing {args.reuse} ({engine}): {ServicePage.objects.count()} services.")
    else:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        seed(args.services, rng)
        call_command("analyze_directory", verbosity=0)
        print(
            f"Seeded {args.services} services on {engine} in {time.perf_counter() - started:.0f} s."
        )

    # The server's own start (iswg_portal/wsgi.py): it sets what is loaded by now aside from the
    # garbage collector, the seeding's leftovers with it, as a server process that never
    # seeded would have nothing of them to walk.
    import iswg_portal.wsgi  # noqa: F401

    load_before = os.getloadavg()[0]
    client = Client()
    for language in ("en", "tr", "ar", "fa"):
        client.get(f"/{language}/services/")  # vocabulary and taxonomy snapshots, once each
    all_cold, all_times, all_cpu = [], [], []
    if not args.print_only:
        print(
            f"{'search':38} {'found':>6} {'cold':>7} {'p50':>7} {'p95':>7} {'p95 cpu':>8} "
            f"{'sql':>6} {'queries':>8}  budget"
        )
    for label, url in [] if args.print_only else searches():
        cold, times, cpu_times, queries = measure(client, url, args.repeat)
        all_cold.append(cold)
        all_times.extend(times)
        all_cpu.extend(cpu_times)
        p95 = percentile(times, 0.95)
        found = measure.last_found
        print(
            f"{label:38} {'?' if found is None else found:>6} {cold:7.1f} "
            f"{statistics.median(times):7.1f} {p95:7.1f} {percentile(cpu_times, 0.95):8.1f} "
            f"{measure.last_sql_ms:6.0f} {queries:8d}  {over_budget(p95, queries)}",
            flush=True,
        )
    if all_times:
        p95 = percentile(all_times, 0.95)
        print(
            f"{'all searches':38} {'':>6} {percentile(all_cold, 0.5):7.1f} "
            f"{statistics.median(all_times):7.1f} {p95:7.1f} {percentile(all_cpu, 0.95):8.1f} "
            f"{'':>6} {'':>8}  {over_budget(p95, 0)}"
        )
        print(f"cold p95 (first request of each search): {percentile(all_cold, 0.95):.1f} ms")
        print()
    if not args.searches_only:
        measure_print_sheets(client, args.repeat)
    print(
        f"\nLoad average {load_before:.1f} before the measurements, {os.getloadavg()[0]:.1f} "
        f"after, on {os.cpu_count()} processors: above their number, wall-clock times include "
        "waiting for a processor."
    )
    connection.close()


def measure_print_sheets(client, repeat):
    """Time, queries and size of the print sheet for the whole region, a province, a district."""
    print(
        f"{'print sheet':38} {'cold':>7} {'p50':>7} {'p95':>7} {'p95 cpu':>8} {'queries':>8} "
        f"{'KB':>7}"
    )
    for label, query in print_sheets():
        url = f"/en/services/print/{query}"
        cold, times, cpu_times, queries = measure(client, url, repeat)
        print(
            f"{label:38} {cold:7.1f} {statistics.median(times):7.1f} "
            f"{percentile(times, 0.95):7.1f} {percentile(cpu_times, 0.95):8.1f} {queries:8d} "
            f"{measure.last_size / 1000:7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
