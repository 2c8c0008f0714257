from django.db import migrations


class Migration(migrations.Migration):
    """A field named `url` hid Wagtail's Page.url; the service's own web page is `website`."""

    dependencies = [("services_map", "0003_search_name_and_terms")]

    operations = [
        migrations.RenameField(model_name="servicepage", old_name="url", new_name="website"),
    ]
