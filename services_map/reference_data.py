"""Reference data of the directory, for every site and not only the demo: the ten provinces
and their districts (from data/aegean-provinces.json), and the directory page in every language."""

import json
from pathlib import Path

from django.db import transaction

from iswg_portal.core.locales import ensure_locales, site_home_page, translate_page
from iswg_portal.core.text import fold_for_search

from .models import District, Province, ServiceDirectoryPage

PROVINCES_FILE = Path(__file__).resolve().parent / "data" / "aegean-provinces.json"

DIRECTORY_TEXT = {
    "en": ("Find a service", "Search the services for refugees in the Aegean region."),
    "tr": ("Hizmet bul", "Ege bölgesinde mültecilere yönelik hizmetleri arayın."),
    "ar": ("ابحث عن خدمة", "ابحث في الخدمات المقدمة للاجئين في منطقة إيجه."),
    "fa": ("یافتن خدمات", "خدمات برای پناهندگان در منطقه اژه را جستجو کنید."),
    "ps": ("خدمت پیدا کړئ", "په ایجه سیمه کې د کډوالو لپاره خدمتونه ولټوئ."),
    "kmr": ("Xizmetekê bibîne", "Li herêma Egeyê li xizmetên ji bo penaberan bigere."),
}


@transaction.atomic
def seed_directory_page(stdout):
    """Create the directory at /<lang>/services/ below the English home page, translated into
    every interface language; return the English page. Safe to run twice."""
    home = site_home_page()
    if home is None:
        stdout.write("No site yet: seed the site and its home page first.")
        return None
    locales = ensure_locales()
    directory = ServiceDirectoryPage.objects.child_of(home).first()
    if directory is None:
        title, intro = DIRECTORY_TEXT["en"]
        directory = home.add_child(
            instance=ServiceDirectoryPage(
                title=title, intro=intro, slug="services", locale=locales["en"]
            )
        )
        directory.save_revision().publish()
        stdout.write("Created the service directory page.")
    translate_page(directory, DIRECTORY_TEXT, stdout)
    return directory


@transaction.atomic
def seed_places(stdout):
    """Load the ten provinces and their districts; existing rows are updated, none duplicated."""
    data = json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))
    created = 0
    for entry in data["provinces"]:
        province, was_created = Province.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "name": entry["name"],
                "plate": entry["plate"],
                "latitude": entry["lat"],
                "longitude": entry["lng"],
                "coastal": entry["coastal"],
            },
        )
        created += was_created
        for name in entry["districts"]:
            _district, was_created = District.objects.get_or_create(
                province=province, name=name, defaults={"slug": slugify_turkish(name)}
            )
            created += was_created
    stdout.write(
        f"Places: {Province.objects.count()} provinces, {District.objects.count()} "
        f"districts ({created} new)."
    )


def slugify_turkish(name):
    """ASCII slug of a Turkish place name: 'Karşıyaka' becomes 'karsiyaka'."""
    return "-".join(fold_for_search(name).split())
