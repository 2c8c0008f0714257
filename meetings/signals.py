"""Receivers of the meetings app: publishing a meeting tells its group; each thematic group
has its own Django group of leads, kept in step with its page."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from iswg_portal.accounts import organisations

from .models import MeetingPage, ThematicGroupPage
from .publishing import on_meeting_published


def group_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        organisations.page_saved(instance, organisations.Kind.THEMATIC_GROUP)


def group_deleted(sender, instance, **kwargs):
    organisations.page_deleted(instance)


def connect():
    """Wire the receivers; called once from the app config."""
    page_published.connect(
        on_meeting_published, sender=MeetingPage, dispatch_uid="meetings_on_published"
    )
    post_save.connect(group_saved, sender=ThematicGroupPage, dispatch_uid="group-organisation")
    post_delete.connect(group_deleted, sender=ThematicGroupPage, dispatch_uid="group-organisation")
