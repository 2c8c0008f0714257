"""Receivers of the meetings app: publishing a meeting tells its group, taking it off the site
keeps it in calendars as cancelled; each thematic group has its own Django group of leads, kept
in step with its page."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from iswg_portal.accounts import organisations
from iswg_portal.core import content_version
from iswg_portal.core.mail import delivery_reported

from .delivery import on_delivery_reported
from .models import ActionPoint, MeetingPage, ThematicGroupPage
from .publishing import on_meeting_published
from .withdrawal import on_meeting_deleted, on_meeting_unpublished


def group_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw:
        organisations.page_saved(instance, organisations.Kind.THEMATIC_GROUP, update_fields)


def group_deleted(sender, instance, **kwargs):
    organisations.page_deleted(instance)


def connect():
    """Wire the receivers; called once from the app config."""
    page_published.connect(
        on_meeting_published, sender=MeetingPage, dispatch_uid="meetings_on_published"
    )
    page_unpublished.connect(
        on_meeting_unpublished, sender=MeetingPage, dispatch_uid="meetings_on_unpublished"
    )
    pre_delete.connect(on_meeting_deleted, sender=MeetingPage, dispatch_uid="meetings_on_deleted")
    post_save.connect(group_saved, sender=ThematicGroupPage, dispatch_uid="group-organisation")
    post_delete.connect(group_deleted, sender=ThematicGroupPage, dispatch_uid="group-organisation")
    delivery_reported.connect(on_delivery_reported, dispatch_uid="meetings_delivery")
    # Action points are a snippet that meeting and group pages show.
    content_version.follow(ActionPoint)
