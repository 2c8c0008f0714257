"""A group's regular meeting day, stored as 0 = Monday before, reads as the same day after the
migration to the portal's one weekday count (1 = Monday), on the page and in its revisions."""

import importlib

import pytest
from django.apps import apps

from meetings.models import ThematicGroupPage

pytestmark = pytest.mark.django_db

migration = importlib.import_module("meetings.migrations.0003_count_weekdays_from_monday_as_one")

# How the group fixture's Wednesday was stored before the migration.
OLD_WEDNESDAY = 2


def store_old_wednesday(group):
    """Put the group, and its latest revision, back as the old count stored them."""
    ThematicGroupPage.objects.filter(pk=group.pk).update(schedule_weekday=OLD_WEDNESDAY)
    revision = group.latest_revision
    revision.content["schedule_weekday"] = OLD_WEDNESDAY
    revision.save(update_fields=["content"])
    return revision


def test_a_group_meeting_on_wednesdays_still_meets_on_wednesdays(client, group):
    revision = store_old_wednesday(group)

    migration.count_from_one(apps, None)

    group.refresh_from_db()
    revision.refresh_from_db()
    assert group.schedule_weekday == ThematicGroupPage.Weekday.WEDNESDAY
    assert revision.content["schedule_weekday"] == ThematicGroupPage.Weekday.WEDNESDAY
    assert "second Wednesday of the month, 10:00" in client.get(group.url).content.decode()


def test_the_migration_can_be_reversed(group):
    revision = group.latest_revision

    migration.count_from_zero(apps, None)

    group.refresh_from_db()
    revision.refresh_from_db()
    assert group.schedule_weekday == OLD_WEDNESDAY
    assert revision.content["schedule_weekday"] == OLD_WEDNESDAY
