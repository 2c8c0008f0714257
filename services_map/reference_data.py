"""Reference data of the directory, for every site and not only the demo: the ten provinces
and their districts with their names in every script (from data/aegean-provinces.json), and the
directory page in every language."""

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


def reference_provinces():
    """The provinces of the reference file, each with its districts as entries (dicts with the
    Turkish `name` and, where known, `ar`, `fa`, `ps` and `other_names`)."""
    return json.loads(PROVINCES_FILE.read_text(encoding="utf-8"))["provinces"]


def place_name_fields(entry):
    """The name fields of a Province or District (PlaceNames) from its entry in the file."""
    return {
        "name_ar": entry.get("ar", ""),
        "name_fa": entry.get("fa", ""),
        "name_ps": entry.get("ps", ""),
        "other_names": "\n".join(entry.get("other_names", [])),
    }


@transaction.atomic
def seed_places(stdout):
    """Load the ten provinces and their districts with their names in every script; existing
    rows are updated, none duplicated, and names a co-chair has written are kept."""
    created = 0
    for entry in reference_provinces():
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
        for district in entry["districts"]:
            _district, was_created = District.objects.get_or_create(
                province=province,
                name=district["name"],
                defaults={"slug": slugify_turkish(district["name"])},
            )
            created += was_created
    filled = fill_place_names(Province, District)
    stdout.write(
        f"Places: {Province.objects.count()} provinces, {District.objects.count()} "
        f"districts ({created} new, {filled} given names in other scripts)."
    )


def fill_place_names(province_model, district_model):
    """Give the provinces and districts the names in other scripts that the reference file
    holds, matched by slug, wherever a name field is still blank; return how many places
    changed. Takes the models so the data migration can pass its historical ones. Sends no
    signals: the caller forgets the cached vocabularies (seed_places saves the provinces, and
    the taxonomy's cache key names the snapshot's format)."""
    fields = list(place_name_fields({}))
    provinces = {p.slug: p for p in province_model.objects.all()}
    districts = {(d.province_id, d.slug): d for d in district_model.objects.all()}
    changed_provinces, changed_districts = [], []
    for entry in reference_provinces():
        province = provinces.get(entry["slug"])
        if province is None:
            continue
        if _fill_blank(province, place_name_fields(entry)):
            changed_provinces.append(province)
        for district_entry in entry["districts"]:
            district = districts.get((province.pk, slugify_turkish(district_entry["name"])))
            if district is not None and _fill_blank(district, place_name_fields(district_entry)):
                changed_districts.append(district)
    province_model.objects.bulk_update(changed_provinces, fields)
    district_model.objects.bulk_update(changed_districts, fields)
    return len(changed_provinces) + len(changed_districts)


def _fill_blank(place, names):
    """Set the blank name fields of a place from `names`; True when any changed."""
    changed = False
    for field, value in names.items():
        if value and not getattr(place, field):
            setattr(place, field, value)
            changed = True
    return changed


def slugify_turkish(name):
    """ASCII slug of a Turkish place name: 'Karşıyaka' becomes 'karsiyaka'."""
    return "-".join(fold_for_search(name).split())
