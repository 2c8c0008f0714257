from django.db import migrations, models

from services_map.reference_data import fill_place_names


def fill_names(apps, schema_editor):
    """Give the provinces and districts already loaded their names in other scripts."""
    fill_place_names(
        apps.get_model("services_map", "Province"), apps.get_model("services_map", "District")
    )


class Migration(migrations.Migration):
    """Places in any script: names in Arabic, Persian and Pashto and the other spellings people
    type, filled from data/aegean-provinces.json where the places are loaded already."""

    dependencies = [("services_map", "0004_rename_service_url_to_website")]

    operations = [
        migrations.AddField(
            model_name="district",
            name="name_ar",
            field=models.CharField(
                blank=True,
                help_text="As Arabic media write it, e.g. إزمير. Blank: the Turkish name.",
                max_length=100,
                verbose_name="name in Arabic",
            ),
        ),
        migrations.AddField(
            model_name="district",
            name="name_fa",
            field=models.CharField(
                blank=True,
                help_text="As Persian media write it, e.g. ازمیر. Blank: the Arabic name.",
                max_length=100,
                verbose_name="name in Persian",
            ),
        ),
        migrations.AddField(
            model_name="district",
            name="name_ps",
            field=models.CharField(
                blank=True,
                help_text="Blank: the Persian name, which Pashto readers read.",
                max_length=100,
                verbose_name="name in Pashto",
            ),
        ),
        migrations.AddField(
            model_name="district",
            name="other_names",
            field=models.TextField(
                blank=True,
                help_text="One per line: other spellings people really type for this place, in any script (ايزمير, Ezmir). Capitals, accents and Arabic hamza or diacritics need no separate line.",
                verbose_name="other spellings",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="name_ar",
            field=models.CharField(
                blank=True,
                help_text="As Arabic media write it, e.g. إزمير. Blank: the Turkish name.",
                max_length=100,
                verbose_name="name in Arabic",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="name_fa",
            field=models.CharField(
                blank=True,
                help_text="As Persian media write it, e.g. ازمیر. Blank: the Arabic name.",
                max_length=100,
                verbose_name="name in Persian",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="name_ps",
            field=models.CharField(
                blank=True,
                help_text="Blank: the Persian name, which Pashto readers read.",
                max_length=100,
                verbose_name="name in Pashto",
            ),
        ),
        migrations.AddField(
            model_name="province",
            name="other_names",
            field=models.TextField(
                blank=True,
                help_text="One per line: other spellings people really type for this place, in any script (ايزمير, Ezmir). Capitals, accents and Arabic hamza or diacritics need no separate line.",
                verbose_name="other spellings",
            ),
        ),
        migrations.RunPython(fill_names, migrations.RunPython.noop),
    ]
