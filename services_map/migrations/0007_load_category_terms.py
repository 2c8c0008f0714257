"""Give every category of a deployment the words people use for it (data/category-terms.json),
where it has none yet."""

from django.db import migrations

from services_map.category_terms import load_category_terms


def load(apps, schema_editor):
    load_category_terms(apps.get_model("services_map", "ServiceCategory"))


class Migration(migrations.Migration):
    dependencies = [
        ("services_map", "0006_category_search_terms"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
