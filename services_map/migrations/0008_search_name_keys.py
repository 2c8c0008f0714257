"""Store each service's name as search keys (folded words and their stems), as the ranking of
"best first" now reads it. The search index itself is rebuilt with `manage.py update_index`."""

from django.db import migrations

from iswg_portal.core.analysis import index_text


def rekey(apps, schema_editor):
    ServicePage = apps.get_model("services_map", "ServicePage")
    AgencyPage = apps.get_model("services_map", "AgencyPage")
    agencies = {
        agency.path: f"{agency.title} {agency.acronym}"
        for agency in AgencyPage.objects.only("path", "title", "acronym")
    }
    for service in ServicePage.objects.only("pk", "path", "title").iterator():
        agency = agencies.get(service.path[:-4], "")
        keys = index_text(f"{service.title} {agency}")[:500]
        ServicePage.objects.filter(pk=service.pk).update(search_name=keys)


class Migration(migrations.Migration):
    dependencies = [("services_map", "0007_load_category_terms")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
