import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_history_to_its_own_log(apps, schema_editor):
    """Reports' entries in Wagtail's general model log move to their own log, which only those
    who may see the report read; entries of reports deleted since go."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ProblemReport = apps.get_model("services_map", "ProblemReport")
    ProblemReportLogEntry = apps.get_model("services_map", "ProblemReportLogEntry")
    content_type = ContentType.objects.filter(
        app_label="services_map", model="problemreport"
    ).first()
    if content_type is None:
        return
    old = ModelLogEntry.objects.filter(content_type=content_type)
    reports = {str(pk): pk for pk in ProblemReport.objects.values_list("pk", flat=True)}
    ProblemReportLogEntry.objects.bulk_create(
        ProblemReportLogEntry(
            report_id=reports[entry.object_id],
            content_type=content_type,
            label=entry.label,
            action=entry.action,
            data=entry.data,
            timestamp=entry.timestamp,
            uuid=entry.uuid,
            user_id=entry.user_id,
            revision_id=entry.revision_id,
            content_changed=entry.content_changed,
            deleted=entry.deleted,
        )
        for entry in old
        if entry.object_id in reports
    )
    old.delete()


def delete_contacts_of_closed_reports(apps, schema_editor):
    """A reporter's phone or e-mail is kept only while their report is open."""
    ProblemReport = apps.get_model("services_map", "ProblemReport")
    ProblemReport.objects.exclude(status="received").exclude(contact="").update(contact="")


class Migration(migrations.Migration):
    """Each problem report's history (status changes, notes, the reporter told) in a log of its
    own; the reporter's contact deleted from closed reports. Going back drops the history."""

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("services_map", "0010_search_misses"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="problemreport",
            name="contact",
            field=models.CharField(
                blank=True,
                help_text="Optional phone or e-mail the reporter gave. Use it only to follow up: it is deleted when the report is closed.",
                max_length=200,
                verbose_name="how to reach the reporter",
            ),
        ),
        migrations.CreateModel(
            name="ProblemReportLogEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.TextField()),
                ("action", models.CharField(blank=True, db_index=True, max_length=255)),
                (
                    "data",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                    ),
                ),
                ("timestamp", models.DateTimeField(db_index=True, verbose_name="timestamp (UTC)")),
                (
                    "uuid",
                    models.UUIDField(
                        blank=True,
                        editable=False,
                        help_text="Log entries that happened as part of the same user action are assigned the same UUID",
                        null=True,
                    ),
                ),
                ("content_changed", models.BooleanField(db_index=True, default=False)),
                ("deleted", models.BooleanField(default=False)),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="history",
                        to="services_map.problemreport",
                        verbose_name="problem report",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "problem report history entry",
                "verbose_name_plural": "problem report history entries",
                "ordering": ["-timestamp", "-id"],
                "abstract": False,
                "indexes": [
                    models.Index(
                        fields=["uuid", "action", "-timestamp"], name="services_ma_uuid_d81631_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(move_history_to_its_own_log, migrations.RunPython.noop),
        migrations.RunPython(delete_contacts_of_closed_reports, migrations.RunPython.noop),
    ]
