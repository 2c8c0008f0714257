"""The facts every translation shares (docs/decisions/0014-shared-facts.md): a key on the rows
below a service that matches a translation's row to its source's, and when a page's words last
changed. 0012 gives the rows their real keys."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("services_map", "0011_problem_report_history"),
    ]

    operations = [
        migrations.AddField(
            model_name="agencypage",
            name="words_changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="text last changed"
            ),
        ),
        migrations.AddField(
            model_name="servicelanguage",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4),
        ),
        migrations.AddField(
            model_name="servicelocation",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4),
        ),
        migrations.AddField(
            model_name="servicepage",
            name="words_changed_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="text last changed"
            ),
        ),
        migrations.AddField(
            model_name="servicephone",
            name="row_key",
            field=models.UUIDField(default=uuid.uuid4),
        ),
    ]
