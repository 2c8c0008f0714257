"""Helplines, edited by the co-chairs: their model and the co-chairs' rights on it."""

import uuid

import django.db.models.deletion
import modelsearch.index
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant_helpline_rights(apps, schema_editor):
    from iswg_portal.accounts.roles import ensure_role_groups

    # Permissions are normally created after the last migration; the roles need them now.
    app_config = apps.get_app_config("services_map")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    ensure_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("services_map", "0015_public_transport"),
        ("wagtailcore", "0098_apitoken"),
        ("accounts", "0005_six_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="Helpline",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "number",
                    models.CharField(
                        help_text="As it is dialled from a phone in Türkiye: a short code such as 112, or a full number such as 0 232 123 45 67.",
                        max_length=30,
                        verbose_name="number",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="What people call it, in this language: “Emergency”, “YİMER”.",
                        max_length=120,
                        verbose_name="name",
                    ),
                ),
                (
                    "purpose",
                    models.CharField(
                        blank=True,
                        help_text="One short sentence in this language saying when to call: “Ambulance, fire, police: any emergency.”",
                        max_length=240,
                        verbose_name="what it is for",
                    ),
                ),
                (
                    "order",
                    models.PositiveSmallIntegerField(
                        default=0,
                        help_text="Helplines are listed from the lowest number here; the same in every language.",
                        verbose_name="order",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
                (
                    "province",
                    models.ForeignKey(
                        blank=True,
                        help_text="Only for a helpline of one province. Blank: the whole region.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="helplines",
                        to="services_map.province",
                        verbose_name="province",
                    ),
                ),
            ],
            options={
                "verbose_name": "helpline",
                "verbose_name_plural": "helplines",
                "ordering": ["order", "number"],
                "abstract": False,
                "unique_together": {("translation_key", "locale")},
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.RunPython(grant_helpline_rights, migrations.RunPython.noop),
    ]
