"""Findability of the directory: do everyday queries bring the right services to the top?

Seeds the demo directory (the same seeders as `manage.py seed_demo`) into a throwaway SQLite
database, then searches each query below in its language's directory (`/<lang>/services/?q=`)
through the test client, as an anonymous visitor, and counts a hit when one of the first five
results belongs to the expected category (a sector counts for its types) or is the expected
service. Prints hits per language, overall, and every miss.

    make messages  # /ps/ and /kmr/ need the compiled translations
    .venv/bin/python bench/findability.py [--verbose]

The queries are written from how people ask for help (colloquial words, typos, Arabic with and
without the article, plurals, place names in Latin and Arabic script), not from the demo's
texts. Several acceptable answers are separated by "|".
"""

import argparse
import io
import logging
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from directory import setup_django  # noqa: E402  (bench/directory.py, next to this file)

LANGUAGES = ["en", "tr", "ar", "fa", "ps", "kmr"]

# (language, query, expected category slug(s) or service slug(s))
QUERIES = [
    # English
    ("en", "i need a lawyer", "legal-counselling"),
    ("en", "free lawyer", "legal-counselling"),
    ("en", "lawer", "legal-counselling"),
    ("en", "doctor", "primary-health-care"),
    ("en", "hosptal", "primary-health-care"),
    ("en", "dentist", "primary-health-care"),
    ("en", "pregnant", "reproductive-health"),
    ("en", "pregnancy check up", "reproductive-health"),
    ("en", "depression", "psychosocial-support|mental-health"),
    ("en", "psycologist", "psychosocial-support|mental-health"),
    ("en", "turkish lessons", "turkish-language-courses"),
    ("en", "learn turkish", "turkish-language-courses"),
    ("en", "residence permit", "registration-documentation"),
    ("en", "lost my id card", "registration-documentation"),
    ("en", "looking for work", "job-placement"),
    ("en", "work permit", "work-permits"),
    ("en", "sewing course", "vocational-training"),
    ("en", "money help", "cash-assistance|social-assistance"),
    ("en", "food", "food-assistance"),
    ("en", "blankets and coal", "winter-support"),
    ("en", "diapers and soap", "hygiene-kits"),
    ("en", "husband hits me", "sgbv-response"),
    ("en", "kindergarten", "early-childhood-day-care"),
    ("en", "register my kids at school", "school-enrolment-support"),
    ("en", "doctor buca", "migrant-health-centre-buca"),
    ("en", "turkish course antalya", "turkish-course-muratpasa"),
    # Turkish
    ("tr", "avukat", "legal-counselling"),
    ("tr", "ücretsiz avukat", "legal-counselling"),
    ("tr", "hukuki yardım", "legal-counselling"),
    ("tr", "doktor", "primary-health-care"),
    ("tr", "hastane", "primary-health-care"),
    ("tr", "hamile", "reproductive-health"),
    ("tr", "psikolojik destek", "psychosocial-support"),
    ("tr", "psikolog", "psychosocial-support|mental-health"),
    ("tr", "türkçe kursu", "turkish-language-courses"),
    ("tr", "turkce ogrenmek", "turkish-language-courses"),
    ("tr", "kimlik", "registration-documentation"),
    ("tr", "ikamet izni", "registration-documentation"),
    ("tr", "iş bulma", "job-placement"),
    ("tr", "iş arıyorum", "job-placement"),
    ("tr", "çalışma izni", "work-permits"),
    ("tr", "meslek kursu", "vocational-training"),
    ("tr", "kira yardımı", "cash-assistance|social-assistance"),
    ("tr", "para yardımı", "cash-assistance|social-assistance"),
    ("tr", "gıda kolisi", "food-assistance"),
    ("tr", "kömür yardımı", "winter-support"),
    ("tr", "bebek bezi", "hygiene-kits"),
    ("tr", "kocam dövüyor", "sgbv-response"),
    ("tr", "kreş", "early-childhood-day-care"),
    ("tr", "okul kaydı", "school-enrolment-support"),
    ("tr", "tercüman", "legal-counselling|primary-health-care|case-management"),
    ("tr", "doktor bornova", "migrant-health-centre-bornova"),
    ("tr", "avukat uşak", "legal-counselling-usak"),
    # Arabic
    ("ar", "محامي", "legal-counselling"),
    ("ar", "مساعدة قانونية", "legal-counselling"),
    ("ar", "استشارة قانونية", "legal-counselling"),
    ("ar", "طبيب", "primary-health-care"),
    ("ar", "دكتور", "primary-health-care"),
    ("ar", "مستشفى", "primary-health-care"),
    ("ar", "حامل", "reproductive-health"),
    ("ar", "دعم نفسي", "psychosocial-support"),
    ("ar", "اكتئاب", "psychosocial-support|mental-health"),
    ("ar", "دورة لغة تركية", "turkish-language-courses"),
    ("ar", "تعلم التركي", "turkish-language-courses"),
    ("ar", "كملك", "registration-documentation"),
    ("ar", "اقامة", "registration-documentation"),
    ("ar", "شغل", "job-placement"),
    ("ar", "البحث عن عمل", "job-placement"),
    ("ar", "اذن عمل", "work-permits"),
    ("ar", "دورة خياطة", "vocational-training"),
    ("ar", "مساعدة مالية", "cash-assistance|social-assistance"),
    ("ar", "سلة غذائية", "food-assistance"),
    ("ar", "حرامات وفحم", "winter-support"),
    ("ar", "حفاضات", "hygiene-kits"),
    ("ar", "عنف اسري", "sgbv-response"),
    ("ar", "اطفال", "child-protection|school-enrolment-support|early-childhood-day-care"),
    ("ar", "تسجيل الاولاد بالمدرسة", "school-enrolment-support"),
    ("ar", "طبيب في إزمير", "primary-health-care"),
    ("ar", "محامي مانيسا", "legal-counselling-sehzadeler"),
    # Persian (Iranian and Dari)
    ("fa", "وکیل", "legal-counselling"),
    ("fa", "مشاوره حقوقی", "legal-counselling"),
    ("fa", "دکتر", "primary-health-care"),
    ("fa", "بیمارستان", "primary-health-care"),
    ("fa", "شفاخانه", "primary-health-care"),
    ("fa", "حامله", "reproductive-health"),
    ("fa", "بارداری", "reproductive-health"),
    ("fa", "روانشناس", "psychosocial-support|mental-health"),
    ("fa", "افسردگی", "psychosocial-support|mental-health"),
    ("fa", "کلاس ترکی", "turkish-language-courses"),
    ("fa", "یاد گرفتن زبان ترکی", "turkish-language-courses"),
    ("fa", "کیملیک", "registration-documentation"),
    ("fa", "اقامت", "registration-documentation"),
    ("fa", "کار پیدا کردن", "job-placement"),
    ("fa", "اجازه کار", "work-permits"),
    ("fa", "خیاطی", "vocational-training"),
    ("fa", "کمک نقدی", "cash-assistance|social-assistance"),
    ("fa", "کمک غذایی", "food-assistance"),
    ("fa", "لباس زمستانی", "winter-support"),
    ("fa", "پوشک بچه", "hygiene-kits"),
    ("fa", "خشونت خانگی", "sgbv-response"),
    ("fa", "کودکستان", "early-childhood-day-care"),
    ("fa", "ثبت نام مکتب", "school-enrolment-support"),
    ("fa", "اسکان مجدد", "resettlement"),
    ("fa", "دکتر ازمیر", "primary-health-care"),
    ("fa", "وکیل دنیزلی", "legal-counselling|psychosocial-support-merkezefendi"),
    # Pashto
    ("ps", "وکیل", "legal-counselling"),
    ("ps", "حقوقي مرسته", "legal-counselling"),
    ("ps", "ډاکټر", "primary-health-care"),
    ("ps", "روغتون", "primary-health-care"),
    ("ps", "امیندواره", "reproductive-health"),
    ("ps", "رواني ملاتړ", "psychosocial-support"),
    ("ps", "خپګان", "psychosocial-support|mental-health"),
    ("ps", "ترکي ژبه", "turkish-language-courses"),
    ("ps", "د ترکي ټولګي", "turkish-language-courses"),
    ("ps", "کیملیک", "registration-documentation"),
    ("ps", "اقامت", "registration-documentation"),
    ("ps", "کار", "job-placement"),
    ("ps", "د کار اجازه", "work-permits"),
    ("ps", "خیاطي", "vocational-training"),
    ("ps", "نغدي مرسته", "cash-assistance|social-assistance"),
    ("ps", "پیسې", "cash-assistance|social-assistance"),
    ("ps", "خواړه", "food-assistance"),
    ("ps", "د ژمي جامې", "winter-support"),
    ("ps", "صابون", "hygiene-kits"),
    ("ps", "کورني تاوتریخوالی", "sgbv-response"),
    ("ps", "ماشومان", "child-protection|school-enrolment-support|early-childhood-day-care"),
    ("ps", "ښوونځی", "school-enrolment-support"),
    ("ps", "بیا میشتیدنه", "resettlement"),
    ("ps", "ډاکټر ازمیر", "primary-health-care"),
    ("ps", "وکیل انطالیه", "legal-counselling-muratpasa"),
    # Kurmanji
    ("kmr", "parêzer", "legal-counselling"),
    ("kmr", "alîkariya hiqûqî", "legal-counselling"),
    ("kmr", "doktor", "primary-health-care"),
    ("kmr", "nexweşxane", "primary-health-care"),
    ("kmr", "ducanî", "reproductive-health"),
    ("kmr", "piştgiriya derûnî", "psychosocial-support"),
    ("kmr", "psîkolog", "psychosocial-support|mental-health"),
    ("kmr", "kursa tirkî", "turkish-language-courses"),
    ("kmr", "fêrbûna tirkî", "turkish-language-courses"),
    ("kmr", "kimlik", "registration-documentation"),
    ("kmr", "nasname", "registration-documentation"),
    ("kmr", "kar", "job-placement"),
    ("kmr", "destûra kar", "work-permits"),
    ("kmr", "dirûtin", "vocational-training"),
    ("kmr", "alîkariya pereyan", "cash-assistance|social-assistance"),
    ("kmr", "xwarin", "food-assistance"),
    ("kmr", "cilên zivistanê", "winter-support"),
    ("kmr", "sabûn", "hygiene-kits"),
    ("kmr", "şideta malê", "sgbv-response"),
    ("kmr", "zarok", "child-protection|school-enrolment-support|early-childhood-day-care"),
    ("kmr", "qeyda dibistanê", "school-enrolment-support"),
    ("kmr", "bicihkirina nû", "resettlement"),
    ("kmr", "doktor izmir", "primary-health-care"),
    ("kmr", "kursa tirkî kutahya", "turkish-course-kutahya"),
    ("kmr", "parêzer aydin", "legal-counselling-efeler"),
]


def seed_demo_directory():
    """The demo site and directory, as `manage.py seed_demo` seeds them (without accounts and
    meetings, which the directory does not show)."""
    from django.core.management import call_command

    from home.demo import seed_site
    from services_map.demo import seed_directory
    from services_map.reference_data import seed_directory_page, seed_places

    call_command("migrate", verbosity=0)
    out = io.StringIO()
    seed_site(out)
    seed_places(out)
    seed_directory_page(out)
    seed_directory(out)


def answers_of(service):
    """What a result answers: its categories, their sectors and its (English) slug."""
    from wagtail.models import Locale

    from services_map.models import ServicePage

    slugs = set()
    for category in service.categories.all():
        slugs.add(category.slug)
        if category.parent_id:
            slugs.add(category.parent.slug)
    original = ServicePage.objects.filter(
        translation_key=service.translation_key, locale=Locale.get_default()
    ).first()
    slugs.add((original or service).slug)
    return slugs


def first_five(client, language, query):
    """The first five results of `query` in the `language` directory, each as its answers."""
    response = client.get(f"/{language}/services/?{urlencode({'q': query})}", follow=True)
    if response.status_code != 200:
        raise SystemExit(f"{language} {query!r} answered {response.status_code}")
    services = response.context["results"].services[:5]
    return [(service.title, answers_of(service)) for service in services]


def public_answers():
    """Everything an anonymous visitor can be given as an answer: the categories, sectors and
    slugs of the services the public directory lists. A query whose answer only members may see
    (the demo's resettlement referrals are internal) has no right answer for the public."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from services_map.models import ServicePage

    listed = ServicePage.objects.listed_for(AnonymousUser(), timezone.localdate())
    answers = set()
    for service in listed.prefetch_related("categories__parent"):
        answers |= answers_of(service)
    return answers


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print the results of each miss")
    args = parser.parse_args()

    if not (ROOT / "locale" / "ps" / "LC_MESSAGES" / "django.mo").exists():
        raise SystemExit(
            "Compile the translations first (make messages): /ps/ and /kmr/ need them."
        )
    workdir = Path(tempfile.mkdtemp(prefix="iswg-findability-"))
    setup_django(workdir / "findability.sqlite3")
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client keeps each response's template context
    logging.disable(logging.WARNING)  # the seeders log every page they create
    try:
        seed_demo_directory()
        client = Client()
        answerable = public_answers()
        hits, totals, misses, members_only = Counter(), Counter(), [], []
        for language, query, expected in QUERIES:
            wanted = set(expected.split("|"))
            if not wanted & answerable:
                members_only.append((language, query, expected))
                continue
            results = first_five(client, language, query)
            totals[language] += 1
            if any(wanted & answers for _, answers in results):
                hits[language] += 1
            else:
                misses.append((language, query, expected, results))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"{'language':10} {'hits':>5} {'queries':>8} {'share':>7}")
    for language in LANGUAGES:
        share = 100 * hits[language] / totals[language] if totals[language] else 0
        print(f"{language:10} {hits[language]:5d} {totals[language]:8d} {share:6.0f}%")
    overall = sum(hits.values())
    counted = sum(totals.values())
    print(f"{'all':10} {overall:5d} {counted:8d} {100 * overall / counted:6.0f}%")
    if members_only:
        print(f"\nNot counted: only members may see the answer ({len(members_only)}):")
        for language, query, expected in members_only:
            print(f"  {language:4} {query!r} → {expected}")
    print(f"\nMisses ({len(misses)}):")
    for language, query, expected, results in misses:
        print(f"  {language:4} {query!r} → {expected} ({len(results)} in the first five)")
        if args.verbose:
            for title, _ in results:
                print(f"         {title}")


if __name__ == "__main__":
    main()
