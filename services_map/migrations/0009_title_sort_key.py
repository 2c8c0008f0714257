"""The title's sort key in the page's language, for the directory's alphabetical order; filled
for the services that exist (core/collation.py computes it on every later save)."""

from django.db import migrations, models

from iswg_portal.core.collation import sort_key

BATCH = 500


def fill_title_sort_keys(apps, schema_editor):
    """Give every existing service its title's sort key."""
    ServicePage = apps.get_model("services_map", "ServicePage")
    rows = ServicePage.objects.values_list("pk", "title", "locale__language_code").order_by("pk")
    changed = []
    for pk, title, language_code in list(rows):
        changed.append(ServicePage(pk=pk, title_sort_key=sort_key(title, language_code)))
        if len(changed) == BATCH:
            ServicePage.objects.bulk_update(changed, ["title_sort_key"])
            changed = []
    if changed:
        ServicePage.objects.bulk_update(changed, ["title_sort_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("services_map", "0008_search_name_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="servicepage",
            name="title_sort_key",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_title_sort_keys, migrations.RunPython.noop, elidable=True),
    ]
