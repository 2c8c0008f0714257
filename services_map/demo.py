"""Demo and reference data of the directory."""

import json
from pathlib import Path

from django.db import transaction

from .models import District, Province

PROVINCES_FILE = Path(__file__).resolve().parent / "data" / "aegean-provinces.json"


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
    from iswg_portal.core.text import fold_for_search

    return "-".join(fold_for_search(name).split())
