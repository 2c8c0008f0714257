"""A group's regular meeting day is counted as the rest of the portal counts weekdays:
1 = Monday … 7 = Sunday (iswg_portal/core/weekdays.py), where it was 0 = Monday … 6 = Sunday.

Stored pages and their revisions (drafts, and the history a page is published again from) are
shifted alike, so publishing an old revision never brings back the old count.
"""

from django.db import migrations, models
from django.db.models import F


def shift_weekdays(apps, step):
    """Add `step` to every stored regular meeting day, on pages and in page revisions."""
    ThematicGroupPage = apps.get_model("meetings", "ThematicGroupPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ThematicGroupPage.objects.filter(schedule_weekday__isnull=False).update(
        schedule_weekday=F("schedule_weekday") + step
    )
    content_type = ContentType.objects.filter(app_label="meetings", model="thematicgrouppage")
    revisions = Revision.objects.filter(content_type__in=content_type)
    for revision in revisions.iterator():
        weekday = revision.content.get("schedule_weekday")
        if isinstance(weekday, int):
            revision.content["schedule_weekday"] = weekday + step
            revision.save(update_fields=["content"])


def count_from_one(apps, schema_editor):
    shift_weekdays(apps, +1)


def count_from_zero(apps, schema_editor):
    shift_weekdays(apps, -1)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0002_default_meeting_time_callable"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="thematicgrouppage",
            name="schedule_weekday",
            field=models.PositiveSmallIntegerField(
                blank=True,
                choices=[
                    (1, "Monday"),
                    (2, "Tuesday"),
                    (3, "Wednesday"),
                    (4, "Thursday"),
                    (5, "Friday"),
                    (6, "Saturday"),
                    (7, "Sunday"),
                ],
                null=True,
                verbose_name="day",
            ),
        ),
        migrations.RunPython(count_from_one, count_from_zero),
    ]
